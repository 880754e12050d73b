import { Figure } from '../../../ui/Figure.tsx';
import { useElementSize } from '../../../ui/useElementSize.ts';
import type { LitNamer } from '../replay/names.ts';
import type { TrailEntry } from '../replay/trail.ts';
import { ROLE } from './palette.ts';
import { short } from './text.ts';

interface Props {
  trail: readonly TrailEntry[];
  /** Literals the focused conflict's learnt clause is made of (negated), outlined on the trail. */
  highlight: ReadonlySet<number>;
  name: LitNamer;
  fontSize: number;
  ran: boolean;
}

const LABEL_W = 78;
const CHIP_H = 26;
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
  const [box, size] = useElementSize<HTMLDivElement>();
  const width = Math.max(360, size.width);
  const charW = fontSize * 0.62;
  const chips: Chip[] = [];
  const rows: { level: number; y: number }[] = [];
  let y = 40;
  let x = LABEL_W;
  let level = -1;
  for (const entry of trail) {
    const text = `${short(name(entry.lit), MAX_CHARS)}${entry.reason === null ? '' : ` ·c${entry.reason}`}`;
    const w = text.length * charW + 14;
    if (entry.level !== level) {
      if (level >= 0) y += CHIP_H + GAP;
      level = entry.level;
      rows.push({ level, y });
      x = LABEL_W;
    } else if (x + w > width - 8) {
      y += CHIP_H + GAP;
      x = LABEL_W;
    }
    chips.push({ entry, x, y, w, text });
    x += w + GAP;
  }
  const height = Math.max(90, y + CHIP_H + 12);
  return (
    <Figure title="Trail by decision level" exportName="smt-trail" className="smt-figure">
      <div ref={box} className="smt-box smt-trail" data-testid="trail" data-length={trail.length}>
        {ran ? (
          <svg width={width} height={height} role="img" aria-label={`Trail of ${trail.length} literals`}>
            <g transform="translate(10,14)" className="trail-legend">
              <rect x={0} y={-8} width={16} height={16} fill={ROLE.decision} stroke="#000" strokeWidth={2} />
              <text x={22} dominantBaseline="central" className="smt-legend-text">
                decision
              </text>
              <rect x={110} y={-8} width={16} height={16} rx={7} fill={ROLE.implied} stroke="#000" />
              <text x={132} dominantBaseline="central" className="smt-legend-text">
                implied (·c: reason clause)
              </text>
              <rect x={350} y={-8} width={16} height={16} rx={7} fill="#fff" stroke={ROLE.conflict} strokeWidth={3} />
              <text x={372} dominantBaseline="central" className="smt-legend-text">
                in the learnt clause
              </text>
            </g>
            {trail.length === 0 && (
              <text x={LABEL_W} y={58} className="smt-legend-text">
                nothing assigned
              </text>
            )}
            {rows.map((r) => (
              <text key={r.level} x={8} y={r.y + CHIP_H / 2} dominantBaseline="central" className="trail-level">
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
                    height={CHIP_H}
                    rx={decision ? 0 : 12}
                    fill={decision ? ROLE.decision : ROLE.implied}
                    stroke={marked ? ROLE.conflict : '#000'}
                    strokeWidth={marked ? 3.5 : decision ? 2 : 1}
                  />
                  <text x={c.w / 2} y={CHIP_H / 2} textAnchor="middle" dominantBaseline="central" className={decision ? 'trail-chip decision' : 'trail-chip'} style={{ fontSize }}>
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
