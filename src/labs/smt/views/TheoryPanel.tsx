import { Figure } from '../../../ui/Figure.tsx';
import { useElementSize } from '../../../ui/useElementSize.ts';
import { readableDelta, type VariableBounds } from '../replay/bounds.ts';
import type { ConflictRecord } from '../replay/conflicts.ts';
import type { LitNamer } from '../replay/names.ts';
import { ROLE } from './palette.ts';
import { short } from './text.ts';

interface Props {
  /** What each slack variable stands for ("s1" = "x + 2·y"). */
  slacks: readonly { name: string; poly: string }[];
  bounds: readonly VariableBounds[];
  theoryConflicts: readonly ConflictRecord[];
  /** The latest theory conflict at or before the position. */
  current: ConflictRecord | undefined;
  position: number;
  name: LitNamer;
  onSeek(position: number): void;
  font: number;
}

const ROW = 28;

/**
 * DPLL(T)'s theory side (Dutertre and de Moura 2006): the bounds the asserted atoms put on each
 * real variable (what the simplex checks), and each theory conflict with its explanation, the
 * clause the SAT engine learns so it never proposes the same infeasible combination again. Over 80
 * lines: one SVG table whose columns and rows share one set of coordinates, plus the conflict list.
 */
export function TheoryPanel({ slacks, bounds, theoryConflicts, current, position, name, onSeek, font }: Props) {
  const [box, size] = useElementSize<HTMLDivElement>();
  const width = Math.max(360, size.width);
  const explanation = current?.theory;
  const slackOf = new Map(slacks.map((s) => [s.name, s.poly]));
  const varName = (v: string) => (slackOf.has(v) ? `${v} = ${slackOf.get(v)!}` : v);
  const explained = new Set(explanation?.bounds.map((b) => `${b.variable}:${b.kind}:${b.value}`) ?? []);
  const rows = bounds.length;
  const expRows = explanation ? explanation.lits.length : 0;
  const row = (ROW * font) / 13;
  const line = 1.7 * font;
  const height = 3 * font + Math.max(1, rows) * row + (explanation ? 4 * line + expRows * line : 0);
  // Columns: lower bounds right-aligned before the variable, upper bounds after it.
  const lowerEnd = width * 0.3;
  const varX = lowerEnd + font;
  const upperX = width * 0.64;
  const flagX = width - 12;
  return (
    <Figure title="Theory solver: bounds and conflicts" exportName="smt-theory" className="smt-figure">
      <div ref={box} className="smt-box" data-testid="theory-panel" data-conflicts={theoryConflicts.filter((c) => c.at <= position).length}>
        <svg width={width} height={height} style={{ fontSize: font }} role="img" aria-label="Bounds of the real variables">
          <text x={lowerEnd} y={1.4 * font} textAnchor="end" className="theory-head">
            lower bound
          </text>
          <text x={varX} y={1.4 * font} className="theory-head">
            variable
          </text>
          <text x={upperX} y={1.4 * font} className="theory-head">
            upper bound
          </text>
          {rows === 0 && (
            <text x={10} y={3.6 * font} className="smt-legend-text">
              no atom asserted at this point: every variable is unbounded
            </text>
          )}
          {bounds.map((b, i) => {
            const y = 3 * font + 4 + i * row;
            const low = b.lower && explained.has(`${b.variable}:lower:${b.lower.value}`);
            const up = b.upper && explained.has(`${b.variable}:upper:${b.upper.value}`);
            return (
              <g key={b.variable} transform={`translate(0,${y})`}>
                <title>{`${b.lower ? `${b.lower.value} ≤ ` : ''}${varName(b.variable)}${b.upper ? ` ≤ ${b.upper.value}` : ''}`}</title>
                <text x={lowerEnd} textAnchor="end" className={low ? 'theory-bound explained' : 'theory-bound'} fill={low ? ROLE.conflict : undefined}>
                  {b.lower ? `${short(readableDelta(b.lower.value), 14)} ≤` : '−∞ <'}
                </text>
                <text x={varX} className="theory-var">
                  {short(varName(b.variable), Math.max(8, Math.floor((upperX - varX) / (0.62 * font)) - 1))}
                </text>
                <text x={upperX} className={up ? 'theory-bound explained' : 'theory-bound'} fill={up ? ROLE.conflict : undefined}>
                  {b.upper ? `≤ ${short(readableDelta(b.upper.value), 14)}` : '< +∞'}
                </text>
                {(low || up) && (
                  <text x={flagX} textAnchor="end" className="theory-flag" fill={ROLE.conflict}>
                    ◀
                  </text>
                )}
              </g>
            );
          })}
          {explanation && (
            <g transform={`translate(10,${3 * font + Math.max(1, rows) * row + line})`}>
              <text className="theory-head" fill={ROLE.conflict}>
                {`Theory conflict at event ${current!.at}: the bounds marked ◀`}
              </text>
              <text y={line} className="theory-head" fill={ROLE.conflict}>
                are infeasible together; the SAT engine learns
              </text>
              {explanation.lits.map((l, i) => (
                <text key={l} x={16} y={(i + 2.2) * line} className="theory-lit">
                  {`${i === 0 ? '  ' : '∨ '}${name(l)}`}
                </text>
              ))}
            </g>
          )}
        </svg>
      </div>
      {theoryConflicts.length > 0 && (
        <div className="theory-conflicts">
          <span>Theory conflicts:</span>
          {theoryConflicts.slice(0, 40).map((c, i) => (
            <button key={c.at} type="button" className={c === current ? 'chip current' : 'chip'} onClick={() => onSeek(c.at)} title={`Go to event ${c.at}`}>
              #{i + 1} @{c.at}
            </button>
          ))}
          {theoryConflicts.length > 40 && <span>… {theoryConflicts.length - 40} more</span>}
        </div>
      )}
    </Figure>
  );
}
