import { Figure } from '../../../ui/Figure.tsx';
import { useElementSize } from '../../../ui/useElementSize.ts';
import type { LitNamer } from '../replay/names.ts';
import type { TrailEntry } from '../replay/trail.ts';
import { ROLE } from './palette.ts';
import { legendLayout, SvgLegend, type LegendItem } from './SvgLegend.tsx';
import { short } from './text.ts';

interface Props {
  trail: readonly TrailEntry[];
  /** Literals the focused conflict's learnt clause is made of (negated), outlined on the trail. */
  highlight: ReadonlySet<number>;
  name: LitNamer;
  fontSize: number;
  ran: boolean;
}

const LABEL_W_PER_FONT = 6;
const LEGEND: LegendItem[] = [
  { label: 'decision', mark: <rect x={-8} y={-8} width={16} height={16} fill={ROLE.decision} stroke="#000" strokeWidth={2} /> },
  { label: 'implied (·c: its reason clause)', mark: <rect x={-8} y={-8} width={16} height={16} rx={7} fill={ROLE.implied} stroke="#000" /> },
  { label: 'in the learnt clause', mark: <rect x={-8} y={-8} width={16} height={16} rx={7} fill="#fff" stroke={ROLE.conflict} strokeWidth={3} /> },
];
const CHIP_H_PER_FONT = 2;
const GAP = 6;
const MAX_CHARS = 18;

interface Chip {
  entry: TrailEntry;
  x: number;
  y: number;
  w: number;
  text: string;
}

/**
 * The trail: the assigned literals in the order they were assigned, one row per decision level.
 * A decision starts its level (square corners, bold); implied literals follow with their reason
 * clause's id (rounded). Rows wrap when a level holds more literals than fit.
 */
export function TrailView({ trail, highlight, name, fontSize, ran }: Props) {
  const chipH = Math.round(fontSize * CHIP_H_PER_FONT);
  const labelW = fontSize * LABEL_W_PER_FONT;
  const [box, size] = useElementSize<HTMLDivElement>();
  const width = Math.max(360, size.width);
  const charW = fontSize * 0.62;
  const chips: Chip[] = [];
  const rows: { level: number; y: number }[] = [];
  const top = legendLayout(LEGEND, width - 10, fontSize).height + 18;
  let y = top;
  let x = labelW;
  let level = -1;
  for (const entry of trail) {
    const text = `${short(name(entry.lit), MAX_CHARS)}${entry.reason === null ? '' : ` ·c${entry.reason}`}`;
    const w = text.length * charW + 14;
    if (entry.level !== level) {
      if (level >= 0) y += chipH + GAP;
      level = entry.level;
      rows.push({ level, y });
      x = labelW;
    } else if (x + w > width - 8) {
      y += chipH + GAP;
      x = labelW;
    }
    chips.push({ entry, x, y, w, text });
    x += w + GAP;
  }
  const height = Math.max(90, y + chipH + 12);
  return (
    <Figure title="Trail by decision level" exportName="smt-trail" className="smt-figure">
      <div ref={box} className="smt-box smt-trail" data-testid="trail" data-length={trail.length}>
        {ran ? (
          <svg width={width} height={height} style={{ fontSize }} role="img" aria-label={`Trail of ${trail.length} literals`}>
            <SvgLegend items={LEGEND} width={width} x={10} y={14} fontSize={fontSize} />
            {trail.length === 0 && (
              <text x={labelW} y={top + 16} className="smt-legend-text">
                nothing assigned
              </text>
            )}
            {rows.map((r) => (
              <text key={r.level} x={8} y={r.y + chipH / 2} dominantBaseline="central" className="trail-level">
                level {r.level}
              </text>
            ))}
            {chips.map((c) => {
              const decision = c.entry.reason === null;
              const marked = highlight.has(c.entry.lit);
              return (
                <g key={c.entry.at} transform={`translate(${c.x},${c.y})`} data-lit={c.entry.lit} data-level={c.entry.level}>
                  <title>{`${name(c.entry.lit)} at level ${c.entry.level}: ${decision ? 'decision' : `implied by clause ${c.entry.reason}`}`}</title>
                  <rect
                    width={c.w}
                    height={chipH}
                    rx={decision ? 0 : 12}
                    fill={decision ? ROLE.decision : ROLE.implied}
                    stroke={marked ? ROLE.conflict : '#000'}
                    strokeWidth={marked ? 3.5 : decision ? 2 : 1}
                  />
                  <text x={c.w / 2} y={chipH / 2} textAnchor="middle" dominantBaseline="central" className={decision ? 'trail-chip decision' : 'trail-chip'}>
                    {c.text}
                  </text>
                </g>
              );
            })}
          </svg>
        ) : (
          <p className="smt-empty">The trail appears when the formula is solved.</p>
        )}
      </div>
    </Figure>
  );
}
