import { useMemo } from 'react';
import type { StateGraph } from '../../../engines/lvars/explore/explore.ts';
import type { OutcomeSummary } from '../../../engines/lvars/explore/outcome.ts';
import type { KeyItem } from '../../../ui/chart/figureKey.tsx';
import { CATEGORIES, OKABE_ITO, shapePath, type Category } from '../../../ui/chart/palette.tsx';
import { wrapWords } from '../../../ui/chart/wrap.ts';
import { useElementSize } from '../../../ui/useElementSize.ts';
import { threadLabel } from '../threads.ts';

interface Props {
  graph: StateGraph;
  outcomes: OutcomeSummary[];
  /** The schedule in the Player, and how far along it the Player is. */
  schedule: string[];
  position: number;
}

const DY = 22;
const CAPTION_FONT = 12;
const CAPTION = 'Left to right: steps of the schedule. Where schedules reach the same configuration, they merge. Ends take their outcome’s colour and shape.';

/**
 * An outcome's colour and shape (Okabe–Ito, src/ui/chart/palette.tsx), the same in the outcomes
 * table and on the tree's ends: an error is a vermillion cross, running forever an orange
 * triangle, values take the other categories in turn (a single value is green).
 */
export function outcomeCategory(outcomes: OutcomeSummary[], i: number): Category {
  const o = outcomes[i];
  if (!o) return { color: '#999999', shape: 'circle' };
  if (o.kind === 'error') return { color: OKABE_ITO.vermillion, shape: 'cross' };
  if (o.kind === 'diverges') return { color: OKABE_ITO.orange, shape: 'triangle' };
  const values = outcomes.filter((x) => x.kind === 'value');
  return values.length <= 1 ? { color: OKABE_ITO.bluishGreen, shape: 'circle' } : VALUE_CATEGORIES[values.indexOf(o) % VALUE_CATEGORIES.length]!;
}

/** The outcomes' key for the explored configurations (each end takes its outcome's colour and shape), listed under the figure and drawn into its export. */
export const outcomeKey = (outcomes: OutcomeSummary[]): KeyItem[] =>
  outcomes.map((o, i) => {
    const c = outcomeCategory(outcomes, i);
    return { label: o.kind === 'value' ? o.text : o.kind === 'error' ? `error: ${o.text}` : 'runs forever', fill: c.color, shape: c.shape };
  });

/**
 * The values' categories: neither the colour nor the shape of an error (vermillion cross) or of
 * running forever (orange triangle), so each cue alone tells a value from them; the palette's
 * yellow and bluish green take the shapes the two left free.
 */
const VALUE_CATEGORIES: readonly Category[] = [
  ...CATEGORIES.filter((c) => !([OKABE_ITO.vermillion, OKABE_ITO.orange, OKABE_ITO.yellow, OKABE_ITO.bluishGreen] as string[]).includes(c.color)),
  { color: OKABE_ITO.yellow, shape: 'square' },
  { color: OKABE_ITO.bluishGreen, shape: 'wye' },
];

/**
 * The explored configurations (merged where schedules meet, thanks to state caching), laid out by
 * depth; edges are the thread that moved. The Player's schedule is drawn as a path, bold up to
 * where the Player stands; each ending is coloured by its outcome.
 */
export function ScheduleTree({ graph, outcomes, schedule, position }: Props) {
  const [box, size] = useElementSize<HTMLDivElement>();
  const depth = Math.max(1, ...graph.nodes.map((n) => n.depth));
  const dx = Math.max(40, Math.min(120, (Math.max(400, size.width) - 60) / depth));
  const { placed, path, height } = useMemo(() => {
    const byDepth = new Map<number, number[]>();
    graph.nodes.forEach((n, i) => byDepth.set(n.depth, [...(byDepth.get(n.depth) ?? []), i]));
    const maxRows = Math.max(1, ...[...byDepth.values()].map((l) => l.length));
    const placed = graph.nodes.map((n, i) => {
      const layer = byDepth.get(n.depth)!;
      return { x: 24 + n.depth * dx, y: 16 + ((layer.indexOf(i) + 0.5) * (maxRows * DY)) / layer.length };
    });
    const next = new Map(graph.edges.map((e) => [`${e.from}|${e.thread}`, e.to]));
    const path: number[] = [0];
    for (const t of schedule) {
      const to = next.get(`${path[path.length - 1]}|${t}`);
      if (to === undefined) break;
      path.push(to);
    }
    return { placed, path, height: 40 + maxRows * DY };
  }, [graph, schedule, dx]);
  const step = (i: number) => `${path[i - 1]}>${path[i]}`;
  const witness = new Set(path.slice(1).map((_, i) => step(i + 1)));
  const done = new Set(path.slice(1, position + 1).map((_, i) => step(i + 1)));
  const here = path[Math.min(position, path.length - 1)];
  const width = 60 + depth * dx;
  // The caption wraps to the figure's width (the box's, when the tree is narrower), inside the SVG so an export keeps it.
  const caption = wrapWords(CAPTION, Math.max(width, size.width) - 16, CAPTION_FONT);

  return (
    <div ref={box}>
      <svg width={Math.max(width, size.width)} height={height + 8 + caption.length * CAPTION_FONT * 1.3} role="img" aria-label="Explored configurations">
        <g className="tree-edges">
          {graph.edges.map((e, i) => {
            const a = placed[e.from];
            const b = placed[e.to];
            if (!a || !b) return null;
            const key = `${e.from}>${e.to}`;
            return (
              <path key={i} className={done.has(key) ? 'edge active' : witness.has(key) ? 'edge witness' : 'edge'} d={`M${a.x},${a.y} C${(a.x + b.x) / 2},${a.y} ${(a.x + b.x) / 2},${b.y} ${b.x},${b.y}`}>
                <title>{threadLabel(e.thread)}</title>
              </path>
            );
          })}
        </g>
        <g className="tree-nodes">
          {graph.nodes.map((n, i) => {
            const title = <title>{n.outcome !== null ? `Ends: ${outcomes[n.outcome]?.text ?? ''}` : `Configuration ${i}, depth ${n.depth}`}</title>;
            if (n.outcome === null)
              return (
                <circle key={i} cx={placed[i]!.x} cy={placed[i]!.y} r={i === here ? 7 : 3.5} className={i === here ? 'node active' : 'node'}>
                  {title}
                </circle>
              );
            const c = outcomeCategory(outcomes, n.outcome);
            return (
              <path key={i} transform={`translate(${placed[i]!.x},${placed[i]!.y})`} d={shapePath(c.shape, i === here ? 15 : 13)} className={i === here ? 'node active' : 'node'} style={{ fill: c.color }}>
                {title}
              </path>
            );
          })}
        </g>
        <g className="tree-legend" transform={`translate(8,${height + 12})`}>
          <text>
            {caption.map((line, i) => (
              <tspan key={i} x={0} dy={i === 0 ? 0 : CAPTION_FONT * 1.3}>
                {line}
              </tspan>
            ))}
          </text>
        </g>
      </svg>
    </div>
  );
}
