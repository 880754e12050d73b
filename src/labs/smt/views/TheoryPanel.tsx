import { Figure } from '../../../ui/Figure.tsx';
import { useElementSize } from '../../../ui/useElementSize.ts';
import type { VariableBounds } from '../replay/bounds.ts';
import type { ConflictRecord } from '../replay/conflicts.ts';
import type { LitNamer } from '../replay/names.ts';
import { ROLE } from './palette.ts';
import { short } from './text.ts';

interface Props {
  bounds: readonly VariableBounds[];
  theoryConflicts: readonly ConflictRecord[];
  /** The latest theory conflict at or before the position. */
  current: ConflictRecord | undefined;
  position: number;
  name: LitNamer;
  onSeek(position: number): void;
}

const ROW = 28;

/**
 * DPLL(T)'s theory side (Dutertre and de Moura 2006): the bounds the asserted atoms put on each
 * real variable (what the simplex checks), and each theory conflict with its explanation, the
 * clause the SAT engine learns so it never proposes the same infeasible combination again.
 */
export function TheoryPanel({ bounds, theoryConflicts, current, position, name, onSeek }: Props) {
  const [box, size] = useElementSize<HTMLDivElement>();
  const width = Math.max(360, size.width);
  const explanation = current?.theory;
  const explained = new Set(explanation?.bounds.map((b) => `${b.variable}:${b.kind}:${b.value}`) ?? []);
  const rows = bounds.length;
  const expRows = explanation ? explanation.lits.length : 0;
  const height = 40 + Math.max(1, rows) * ROW + (explanation ? 40 + expRows * 22 : 0);
  const colLower = Math.min(260, width * 0.32);
  return (
    <Figure title="Theory solver: bounds and conflicts" exportName="smt-theory" className="smt-figure">
      <div ref={box} className="smt-box" data-testid="theory-panel" data-conflicts={theoryConflicts.filter((c) => c.at <= position).length}>
        <svg width={width} height={height} role="img" aria-label="Bounds of the real variables">
          <text x={10} y={18} className="theory-head">
            lower bound
          </text>
          <text x={colLower + 70} y={18} className="theory-head">
            variable
          </text>
          <text x={colLower + 220} y={18} className="theory-head">
            upper bound
          </text>
          {rows === 0 && (
            <text x={10} y={48} className="smt-legend-text">
              no atom asserted at this point: every variable is unbounded
            </text>
          )}
          {bounds.map((b, i) => {
            const y = 44 + i * ROW;
            const low = b.lower && explained.has(`${b.variable}:lower:${b.lower.value}`);
            const up = b.upper && explained.has(`${b.variable}:upper:${b.upper.value}`);
            return (
              <g key={b.variable} transform={`translate(0,${y})`}>
                <title>{`${b.lower ? `${b.lower.value} ≤ ` : ''}${b.variable}${b.upper ? ` ≤ ${b.upper.value}` : ''}`}</title>
                <text x={colLower + 50} textAnchor="end" className={low ? 'theory-bound explained' : 'theory-bound'} fill={low ? ROLE.conflict : undefined}>
                  {b.lower ? `${short(b.lower.value, 18)} ≤` : '−∞ <'}
                </text>
                <text x={colLower + 70} className="theory-var">
                  {short(b.variable, 14)}
                </text>
                <text x={colLower + 220} className={up ? 'theory-bound explained' : 'theory-bound'} fill={up ? ROLE.conflict : undefined}>
                  {b.upper ? `≤ ${short(b.upper.value, 18)}` : '< +∞'}
                </text>
                {(low || up) && (
                  <text x={colLower + 380} className="theory-flag" fill={ROLE.conflict}>
                    ◀ in the conflict
                  </text>
                )}
              </g>
            );
          })}
          {explanation && (
            <g transform={`translate(10,${44 + Math.max(1, rows) * ROW + 10})`}>
              <text className="theory-head" fill={ROLE.conflict}>
                {`Theory conflict at event ${current!.at}: these bounds are infeasible together, so the SAT engine learns`}
              </text>
              {explanation.lits.map((l, i) => (
                <text key={l} x={16} y={24 + i * 22} className="theory-lit">
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
