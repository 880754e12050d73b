import * as d3 from 'd3';
import { useMemo } from 'react';
import type { UipCut } from '../../../engines/smt/api.ts';
import { Figure } from '../../../ui/Figure.tsx';
import { useElementSize } from '../../../ui/useElementSize.ts';
import { layoutImplication, type PlacedLiteral } from '../layout/implication.ts';
import type { ConflictRecord } from '../replay/conflicts.ts';
import { clauseText, type LitNamer } from '../replay/names.ts';
import { ROLE } from './palette.ts';
import { legendLayout, SvgLegend, type LegendItem } from './SvgLegend.tsx';
import { short } from './text.ts';

interface Props {
  conflict: ConflictRecord | undefined;
  /** The cut with its context (how the first UIP was reached), see replay/context.ts. */
  cut: UipCut | undefined;
  /** The falsified clause's literals. */
  conflictLits: readonly number[];
  position: number;
  name: LitNamer;
  height: number;
  /** Base font size of the figure's text (larger on a projector). */
  font: number;
  /** Seek to a conflict's analysis (the "learn" event). */
  onSeek(position: number): void;
}

const PAD = { right: 80, bottom: 34, left: 100 };
/** Room under the lowest node for its name and "first UIP", in proportion to the font. */
const bottomPad = (font: number) => Math.max(PAD.bottom, 3.6 * font);
const R = 13;

/**
 * Each side of the cut: a fill colour and a fill pattern (the cue without colour). The conflict side
 * is struck through (resolved away); the reason side, whose literals make the learnt clause, is plain.
 */
export const SIDE_LOOK = {
  conflict: { color: ROLE.conflictSide, pattern: 'diagonal' },
  reason: { color: ROLE.learnt, pattern: 'plain' },
} as const;
/** The conflict side's strike-through, as one SVG pattern per figure (the legend's swatch uses it too). */
const HATCH = 'ig-hatch';

/** A node's outline: a square for a decision, a circle for an implied literal, a cross for κ. */
function NodeOutline({ n, r, fill, stroke }: { n: PlacedLiteral; r: number; fill: string; stroke: string }) {
  if (n.lit === 0) return <path d={d3.symbol(d3.symbolCross, r * r * 3)()!} transform="rotate(45)" fill={fill} stroke={stroke} strokeWidth={1.5} />;
  if (n.decision) return <rect x={-r} y={-r} width={2 * r} height={2 * r} fill={fill} stroke={stroke} strokeWidth={1.5} />;
  return <circle r={r} fill={fill} stroke={stroke} strokeWidth={1.5} />;
}

function NodeMark({ n, name, r, font }: { n: PlacedLiteral; name: LitNamer; r: number; font: number }) {
  const side = n.lit === 0 ? undefined : n.side === 'conflict' || n.side === 'reason' ? SIDE_LOOK[n.side] : undefined;
  const fill = n.lit === 0 ? ROLE.conflict : (side?.color ?? '#ffffff');
  const text = n.lit === 0 ? 'κ' : `${short(name(n.lit), 12)}@${n.level}`;
  const labelY = r + (n.uip ? 6 : 0) + 1.1 * font;
  return (
    <g transform={`translate(${n.x},${n.y})`} className={`ig-node ig-${n.side}`} data-lit={n.lit} data-side={n.side} data-uip={n.uip ? 'yes' : 'no'}>
      <title>{n.lit === 0 ? 'κ: the conflict (a clause with every literal false)' : `${name(n.lit)} at level ${n.level}: ${n.decision ? 'decision' : 'implied'}, ${n.side} side${n.uip ? ', first UIP' : ''}`}</title>
      {n.uip && <circle r={r + 6} fill="none" stroke="#000" strokeWidth={2.5} strokeDasharray="4 3" />}
      <NodeOutline n={n} r={r} fill={fill} stroke="#000" />
      {side?.pattern === 'diagonal' && <NodeOutline n={n} r={r} fill={`url(#${HATCH})`} stroke="none" />}
      {/* Under the node (and under the first UIP's ring), a line apart at any font size: at 1920 fixed offsets let the ring and "first UIP" run into the name. */}
      <text y={labelY} textAnchor="middle" className="ig-label">
        {text}
      </text>
      {n.uip && (
        <text y={labelY + 1.25 * font} textAnchor="middle" className="ig-uip">
          first UIP
        </text>
      )}
    </g>
  );
}

const LEGEND: LegendItem[] = [
  { label: 'decision', mark: <rect x={-7} y={-7} width={14} height={14} fill="#fff" stroke="#000" /> },
  { label: 'implied', mark: <circle r={7} fill="#fff" stroke="#000" /> },
  {
    label: 'conflict side (resolved away)',
    mark: (
      <>
        <circle r={7} fill={SIDE_LOOK.conflict.color} stroke="#000" />
        <circle r={7} fill={`url(#${HATCH})`} />
      </>
    ),
  },
  { label: 'reason side: the learnt clause', mark: <circle r={7} fill={SIDE_LOOK.reason.color} stroke="#000" /> },
  { label: 'edge across the cut', mark: <line x1={-10} x2={10} stroke={ROLE.conflict} strokeWidth={4} /> },
];

/**
 * The implication graph at a conflict (GRASP, Marques-Silva and Sakallah 1999): each literal the
 * analysis touched, with edges from the literals that implied it, the conflict κ, and the first-UIP
 * cut (Zhang et al. 2001) that produced the learnt clause. Edges across the cut are drawn thick:
 * their tails, negated, are the learnt clause. Over 80 lines: it is one SVG (legend, cut line, edges,
 * nodes) whose parts share the layout's coordinates; the layout itself is in layout/implication.ts.
 */
export function ImplicationGraph({ conflict, cut, conflictLits, position, name, height, font, onSeek }: Props) {
  const [box, size] = useElementSize<HTMLDivElement>();
  const width = Math.max(360, size.width);
  const top = legendLayout(LEGEND, width - 14, font).height + 3 * font + 20;
  // Room for the labels of the outer columns, but never more than a third of a narrow figure.
  const padLeft = Math.min((PAD.left * font) / 13, width * 0.18);
  const padRight = Math.min((PAD.right * font) / 13, width * 0.15);
  const layout = useMemo(
    () => (cut && conflict?.learn ? layoutImplication(cut, conflictLits, conflict.level, width - padLeft - padRight, height - top - bottomPad(font)) : undefined),
    [cut, conflict, conflictLits, width, height, top, padLeft, padRight, font],
  );
  const learnt = conflict?.learn;
  const analysed = conflict !== undefined && conflict.learnAt >= 0 && position >= conflict.learnAt;
  const cutLine = useMemo(() => {
    if (!layout) return undefined;
    const mids = layout.edges.filter((e) => e.cut).map((e) => [(e.from.x + e.to.x) / 2, (e.from.y + e.to.y) / 2] as [number, number]);
    if (mids.length === 0) return undefined;
    mids.sort((a, b) => a[1] - b[1]);
    const start: [number, number] = [mids[0]![0], -20];
    const end: [number, number] = [mids[mids.length - 1]![0], height - top - bottomPad(font) + 10];
    const d = d3.line().curve(d3.curveCatmullRom)([start, ...mids, end]);
    return d ? { d, labelX: start[0] } : undefined;
  }, [layout, height, top, font]);
  const caption = !conflict
    ? 'No conflict yet at this point of the run.'
    : conflict.kind === 'theory' && !learnt
      ? 'A theory conflict: the simplex explained it by a clause (see the theory panel).'
      : learnt
        ? `Conflict at event ${conflict.at} (level ${conflict.level}${conflict.kind === 'theory' ? ', from the theory' : ''}). Learnt ${clauseText(learnt.lits, name)} (LBD ${learnt.lbd}${learnt.minimisedAway.length ? `, ${learnt.minimisedAway.length} literal${learnt.minimisedAway.length === 1 ? '' : 's'} removed by minimisation` : ''}); backjump to level ${learnt.backjumpTo}.`
        : conflict.level === 0
          ? `Conflict at event ${conflict.at}, at level 0: it depends on no decision, so there is nothing to backjump to and the formula is unsatisfiable.`
          : `Conflict at event ${conflict.at}: the run ended here.`;
  return (
    <Figure
      title="Implication graph at the conflict"
      exportName="smt-implication-graph"
      className="smt-figure"
      actions={
        conflict && conflict.learnAt >= 0 && !analysed ? (
          <button type="button" className="quiet" onClick={() => onSeek(conflict.learnAt)}>
            Show the analysis
          </button>
        ) : undefined
      }
    >
      <p className="smt-caption" aria-live="polite" data-testid="conflict-caption">
        {caption}
      </p>
      <div ref={box} className="smt-box" data-testid="implication-graph" data-nodes={layout?.nodes.length ?? 0} data-cut={layout?.edges.filter((e) => e.cut).length ?? 0}>
        {layout ? (
          <svg width={width} height={height} style={{ fontSize: font }} role="img" aria-label={`Implication graph with ${layout.nodes.length} nodes`}>
            <defs>
              <pattern id={HATCH} width={6} height={6} patternUnits="userSpaceOnUse" patternTransform="rotate(45)">
                <line x1={0} y1={0} x2={0} y2={6} stroke="#000" strokeWidth={1.6} strokeOpacity={0.7} />
              </pattern>
            </defs>
            <SvgLegend items={LEGEND} width={width} fontSize={font} />
            <g transform={`translate(${padLeft},${top})`}>
              <defs>
                <marker id="ig-arrow" viewBox="0 0 10 10" refX={10} refY={5} markerWidth={7} markerHeight={7} orient="auto-start-reverse">
                  <path d="M0,0L10,5L0,10z" fill="#59626e" />
                </marker>
                <marker id="ig-arrow-cut" viewBox="0 0 10 10" refX={10} refY={5} markerWidth={5} markerHeight={5} orient="auto-start-reverse">
                  <path d="M0,0L10,5L0,10z" fill={ROLE.conflict} />
                </marker>
              </defs>
              {cutLine && <path d={cutLine.d} className="ig-cut-line" fill="none" stroke="#000" strokeWidth={2} strokeDasharray="8 5" />}
              {cutLine && (
                <text x={cutLine.labelX} y={-1.6 * font} textAnchor="middle" className="ig-cut-label">
                  first-UIP cut
                </text>
              )}
              {layout.edges.map((e, i) => {
                const dx = e.to.x - e.from.x;
                const dy = e.to.y - e.from.y;
                const len = Math.hypot(dx, dy) || 1;
                const r = (R * font) / 13;
                const shrink = r + 4;
                return (
                  <line
                    key={i}
                    x1={e.from.x + (dx / len) * r}
                    y1={e.from.y + (dy / len) * r}
                    x2={e.to.x - (dx / len) * shrink}
                    y2={e.to.y - (dy / len) * shrink}
                    stroke={e.cut ? ROLE.conflict : '#59626e'}
                    strokeWidth={e.cut ? 4 : 1.5}
                    markerEnd={e.cut ? 'url(#ig-arrow-cut)' : 'url(#ig-arrow)'}
                    data-cut={e.cut ? 'yes' : 'no'}
                  />
                );
              })}
              {layout.nodes.map((n) => (
                <NodeMark key={n.lit} n={n} name={name} r={(R * font) / 13} font={font} />
              ))}
            </g>
          </svg>
        ) : (
          <p className="smt-empty">{conflict ? (conflict.level === 0 ? 'Step back to an earlier conflict to see how its clause was learnt.' : 'This conflict was not analysed (the run ended, or recording stopped).') : 'Step to a conflict to see how the learnt clause was found.'}</p>
        )}
      </div>
    </Figure>
  );
}
