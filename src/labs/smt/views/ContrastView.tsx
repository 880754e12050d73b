import type { ApproachStats } from '../../../engines/smt/api.ts';
import { Figure } from '../../../ui/Figure.tsx';
import { useElementSize } from '../../../ui/useElementSize.ts';
import { OKABE_ITO } from '../../../ui/chart/palette.tsx';
import { count, duration, short } from './text.ts';

/** One column of the comparison: an SMT approach, or the Solver lab's Reluplex on the same query. */
export interface ContrastColumn {
  title: string;
  subtitle: string;
  verdict: string;
  /** Rows of (label, value). */
  rows: [string, number][];
  elapsedMs: number;
  /** Why the approach could not answer, if it could not. */
  note?: string;
  /** Pattern id for its time bar (the second cue besides colour). */
  pattern: 'solid' | 'hatch' | 'dots';
  color: string;
}

const APPROACH: Record<ApproachStats['approach'], { title: string; subtitle: string; pattern: ContrastColumn['pattern']; color: string }> = {
  eager: { title: 'Eager', subtitle: 'one mixed-integer problem, branch and bound', pattern: 'hatch', color: OKABE_ITO.orange },
  lazy: { title: 'Lazy: DPLL(T)', subtitle: 'CDCL proposes, the simplex checks', pattern: 'solid', color: OKABE_ITO.blue },
};

const SIZE_LABEL: Record<string, string> = { variables: 'variables', clauses: 'clauses', rows: 'LP rows', integerVariables: 'integer variables' };

export function approachColumn(a: ApproachStats): ContrastColumn {
  const style = APPROACH[a.approach];
  const rows: [string, number][] = [];
  for (const [k, v] of Object.entries(a.size)) if (typeof v === 'number') rows.push([SIZE_LABEL[k] ?? k, v]);
  for (const [k, v] of Object.entries(a.counts)) rows.push([k.replace(/([a-z])([A-Z])/g, '$1 $2').toLowerCase(), v]);
  return { ...style, verdict: a.verdict, rows, elapsedMs: a.elapsedMs, ...(a.note ? { note: a.note } : {}) };
}

const COL_W = 300;
const LINE = 24;

/**
 * Eager against lazy (and Reluplex, for a query from the Solver lab), side by side: what each
 * approach had to build (sizes), what it did (counts) and how long it took, on the same formula.
 */
export function ContrastView({ columns, note, font }: { columns: ContrastColumn[]; note: string; font: number }) {
  const [box, size] = useElementSize<HTMLDivElement>();
  const width = Math.max(360, size.width);
  const maxRows = Math.max(0, ...columns.map((c) => c.rows.length));
  const slowest = Math.max(1e-3, ...columns.map((c) => c.elapsedMs));
  const k = font / 13;
  const colW = Math.min(COL_W * k, (width - 20) / Math.max(1, columns.length));
  const lineH = LINE * k;
  const barTop = 96 * k + maxRows * lineH;
  const height = barTop + 76 * k;
  return (
    <Figure title="Eager against lazy" exportName="smt-eager-vs-lazy" className="smt-figure">
      <p className="smt-caption">{note}</p>
      <div ref={box} className="smt-box" data-testid="contrast" data-columns={columns.length}>
        {columns.length > 0 && (
          <svg width={width} height={height} style={{ fontSize: font }} role="img" aria-label="Eager against lazy">
            <defs>
              <pattern id="contrast-hatch" width={8} height={8} patternUnits="userSpaceOnUse" patternTransform="rotate(45)">
                <rect width={8} height={8} fill={OKABE_ITO.orange} />
                <line x1={0} y1={0} x2={0} y2={8} stroke="#000" strokeWidth={3} />
              </pattern>
              <pattern id="contrast-dots" width={8} height={8} patternUnits="userSpaceOnUse">
                <rect width={8} height={8} fill={OKABE_ITO.bluishGreen} />
                <circle cx={4} cy={4} r={1.8} fill="#000" />
              </pattern>
            </defs>
            {columns.map((c, i) => {
              const x = 10 + i * colW;
              const barW = Math.max(2, ((colW - 30) * c.elapsedMs) / slowest);
              return (
                <g key={c.title} transform={`translate(${x},0)`} data-approach={c.title} data-verdict={c.verdict}>
                  <text y={24 * k} className="contrast-title">
                    {c.title}
                  </text>
                  <text y={44 * k} className="contrast-sub">
                    {c.subtitle}
                  </text>
                  <text y={72 * k} className="contrast-verdict">
                    {c.verdict}
                  </text>
                  {c.rows.map(([label, value], r) => (
                    <g key={label} transform={`translate(0,${96 * k + r * lineH})`}>
                      <text className="contrast-label">{label}</text>
                      <text x={colW - 24} textAnchor="end" className="contrast-value">
                        {count(value)}
                      </text>
                    </g>
                  ))}
                  <rect y={barTop} width={barW} height={22 * k} fill={c.pattern === 'solid' ? c.color : `url(#contrast-${c.pattern})`} stroke="#000" />
                  <text y={barTop + 42 * k} className="contrast-value">
                    {`time ${duration(c.elapsedMs)}`}
                  </text>
                  {c.note && (
                    <text y={barTop + 62 * k} className="contrast-sub">
                      <title>{c.note}</title>
                      {short(c.note, Math.floor(colW / (0.5 * font)))}
                    </text>
                  )}
                </g>
              );
            })}
          </svg>
        )}
      </div>
    </Figure>
  );
}
