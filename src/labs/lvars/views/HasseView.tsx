import { scaleLinear } from 'd3';
import { useMemo } from 'react';
import type { LatticeView } from '../../../engines/lvars/explore/replay.ts';
import { useElementSize } from '../../../ui/useElementSize.ts';

interface Props {
  lattice: LatticeView;
  /** Keys of the states this LVar has been in up to the current frame; the last is current. */
  history: string[];
  frozen: boolean;
  /** The state a put tried to reach and was refused (top, or a change to a frozen LVar). */
  rejected?: string | undefined;
}

interface Placed {
  key: string;
  label: string;
  top: boolean;
  x: number;
  y: number;
  w: number;
}

const NODE_H = 28;
const MAX_LABEL = 26;
const short = (s: string) => (s.length > MAX_LABEL ? `${s.slice(0, MAX_LABEL - 1)}…` : s);

/** Ranks by longest chain from below; orders each rank by the mean position of its lower covers. */
function layout(lattice: LatticeView, width: number, height: number): { nodes: Placed[]; edges: [Placed, Placed][] } {
  const { nodes, edges } = lattice.diagram;
  const lowers = nodes.map(() => [] as number[]);
  for (const [lo, up] of edges) lowers[up]!.push(lo);
  const rank: number[] = nodes.map(() => -1);
  const rankOf = (i: number, depth = 0): number => {
    if (rank[i]! >= 0 || depth > nodes.length) return Math.max(0, rank[i]!);
    rank[i] = Math.max(0, ...lowers[i]!.map((l) => rankOf(l, depth + 1) + 1));
    return rank[i]!;
  };
  nodes.forEach((_, i) => rankOf(i));
  const maxRank = Math.max(0, ...rank);
  const layers: number[][] = Array.from({ length: maxRank + 1 }, () => []);
  nodes.forEach((_, i) => layers[rank[i]!]!.push(i));
  const xs = new Map<number, number>();
  const y = scaleLinear().domain([0, Math.max(1, maxRank)]).range([height - NODE_H, NODE_H + 18]);
  layers.forEach((layer, r) => {
    if (r > 0) {
      const bary = (i: number) => {
        const ls = lowers[i]!.filter((l) => xs.has(l));
        return ls.length ? ls.reduce((s, l) => s + xs.get(l)!, 0) / ls.length : width / 2;
      };
      layer.sort((a, b) => bary(a) - bary(b));
    }
    layer.forEach((i, k) => xs.set(i, ((k + 1) * width) / (layer.length + 1)));
  });
  const placed: Placed[] = nodes.map((n, i) => ({
    key: n.key,
    label: short(n.label),
    top: n.top,
    x: xs.get(i)!,
    y: maxRank === 0 ? height / 2 : y(rank[i]!),
    w: Math.max(34, short(n.label).length * 8.2 + 18),
  }));
  return { nodes: placed, edges: edges.map(([lo, up]) => [placed[lo]!, placed[up]!]) };
}

/** The LVar's lattice as a Hasse diagram: its current state filled, earlier states tinted, thresholds dashed. */
export function HasseView({ lattice, history, frozen, rejected }: Props) {
  const [box, size] = useElementSize<HTMLDivElement>();
  const width = Math.max(260, size.width);
  const rows = new Set(lattice.diagram.nodes.map((n) => n.label)).size;
  const height = Math.max(220, Math.min(520, 90 + Math.min(rows, 12) * 34));
  const { nodes, edges } = useMemo(() => layout(lattice, width, height - 30), [lattice, width, height]);
  const current = history[history.length - 1];
  const reached = new Set(history);
  const thresholds = new Set(lattice.thresholds);

  return (
    <div ref={box} className="lv-hasse">
      <svg width={width} height={height} role="img" aria-label={`Hasse diagram of ${lattice.label}`}>
        <g className="hasse-edges">
          {edges.map(([a, b], i) => (
            <line key={i} x1={a.x} y1={a.y} x2={b.x} y2={b.y} className={reached.has(a.key) && reached.has(b.key) ? 'edge reached' : 'edge'} />
          ))}
        </g>
        <g className="hasse-nodes">
          {nodes.map((n) => {
            const cls = ['node', n.key === current ? 'current' : reached.has(n.key) ? 'reached' : '', thresholds.has(n.key) ? 'threshold' : '', n.top ? 'top' : '', n.key === rejected ? 'rejected' : ''].join(' ');
            return (
              <g key={n.key} className={cls} transform={`translate(${n.x},${n.y})`}>
                <title>{`${n.key === rejected ? 'A put tried to reach this and was refused' : n.key === current ? 'Current state' : reached.has(n.key) ? 'Reached earlier' : 'Element'}${thresholds.has(n.key) ? ', a threshold' : ''}: ${n.key}`}</title>
                <rect x={-n.w / 2} y={-NODE_H / 2} width={n.w} height={NODE_H} rx={7} />
                <text dy="0.35em" textAnchor="middle">
                  {n.label}
                </text>
                {n.key === rejected && (
                  <text x={n.w / 2 + 6} dy="0.35em" className="rejected-mark">
                    ✗ refused
                  </text>
                )}
              </g>
            );
          })}
        </g>
        <g className="hasse-legend" transform={`translate(8,${height - 12})`}>
          <rect className="swatch current" width={12} height={12} y={-10} rx={3} />
          <text x={17}>current{frozen ? ' (frozen)' : ''}</text>
          <rect className="swatch reached" x={frozen ? 128 : 80} width={12} height={12} y={-10} rx={3} />
          <text x={frozen ? 145 : 97}>reached</text>
          <rect className="swatch threshold" x={frozen ? 210 : 162} width={12} height={12} y={-10} rx={3} />
          <text x={frozen ? 227 : 179}>threshold</text>
          {rejected && (
            <>
              <rect className="swatch rejected" x={frozen ? 310 : 262} width={12} height={12} y={-10} rx={3} />
              <text x={frozen ? 327 : 279}>refused put</text>
            </>
          )}
        </g>
        <text x={width - 8} y={14} textAnchor="end" className="hasse-scope">
          {lattice.whole ? 'the whole lattice' : 'the elements this run reached'}
        </text>
      </svg>
    </div>
  );
}
