import { scaleLinear } from 'd3';
import { useMemo } from 'react';
import type { LatticeView } from '../../../engines/lvars/explore/replay.ts';
import { spreadRow } from '../../../ui/chart/labelLayout.ts';
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
/** The fewest characters an element's label is cut to before its rank overflows (its full text is in the node's tooltip). */
const MIN_LABEL = 5;
/** A node's box width for a label: 13 px monospace is under 8.2 px a character. */
const boxWidth = (label: string) => Math.max(34, label.length * 8.2 + 18);
/** Room beside the refused element for its "✗ refused" mark, on either side (the row is symmetric). */
const REFUSED_MARK = 80;
const GAP = 10;
const short = (s: string, max = MAX_LABEL) => (s.length > max ? `${s.slice(0, max - 1)}…` : s);

/** The longest label length at which a rank's boxes fit the width side by side (never under MIN_LABEL). */
function labelLimit(labels: readonly string[], room: number, extra: number): number {
  for (let max = MAX_LABEL; max > MIN_LABEL; max--) {
    if (labels.reduce((sum, l) => sum + boxWidth(short(l, max)) + GAP, extra) <= room) return max;
  }
  return MIN_LABEL;
}

/**
 * Ranks by longest chain from below; orders each rank by the mean position of its lower covers;
 * spaces each rank evenly where its boxes fit, else packs them (spreadRow) after cutting long
 * labels to the length at which they do, so no two elements' labels can overlap.
 */
function layout(lattice: LatticeView, width: number, height: number, rejected: string | undefined): { nodes: Placed[]; edges: [Placed, Placed][] } {
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
  const labels = new Map<number, string>();
  const y = scaleLinear().domain([0, Math.max(1, maxRank)]).range([height - NODE_H, NODE_H + 18]);
  layers.forEach((layer, r) => {
    if (r > 0) {
      const bary = (i: number) => {
        const ls = lowers[i]!.filter((l) => xs.has(l));
        return ls.length ? ls.reduce((s, l) => s + xs.get(l)!, 0) / ls.length : width / 2;
      };
      layer.sort((a, b) => bary(a) - bary(b));
    }
    const extra = layer.some((i) => nodes[i]!.key === rejected) ? 2 * REFUSED_MARK : 0;
    const max = labelLimit(layer.map((i) => nodes[i]!.label), width - 8, extra);
    layer.forEach((i) => labels.set(i, short(nodes[i]!.label, max)));
    const widths = layer.map((i) => boxWidth(labels.get(i)!) + (nodes[i]!.key === rejected ? 2 * REFUSED_MARK : 0));
    const even = layer.map((_, k) => ((k + 1) * width) / (layer.length + 1));
    spreadRow(even, widths, GAP, 4, width - 4).forEach((x, k) => xs.set(layer[k]!, x));
  });
  const placed: Placed[] = nodes.map((n, i) => ({
    key: n.key,
    label: labels.get(i)!,
    top: n.top,
    x: xs.get(i)!,
    y: maxRank === 0 ? height / 2 : y(rank[i]!),
    w: boxWidth(labels.get(i)!),
  }));
  return { nodes: placed, edges: edges.map(([lo, up]) => [placed[lo]!, placed[up]!]) };
}

/** The LVar's lattice as a Hasse diagram: its current state filled, earlier states tinted, thresholds dashed. */
export function HasseView({ lattice, history, frozen, rejected }: Props) {
  const [box, size] = useElementSize<HTMLDivElement>();
  const width = Math.max(260, size.width);
  const rows = new Set(lattice.diagram.nodes.map((n) => n.label)).size;
  const height = Math.max(220, Math.min(520, 90 + Math.min(rows, 12) * 34));
  const { nodes, edges } = useMemo(() => layout(lattice, width, height - 30, rejected), [lattice, width, height, rejected]);
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
