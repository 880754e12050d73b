import * as d3 from 'd3';
import { useId, useMemo } from 'react';
import type { IrGraph, IrNode, IrNodeKind } from '../../../engines/kernels/api.ts';
import { flowLegend } from '../../../ui/chart/wrap.ts';
import { layeredLayout, type Layout, type PlacedNode } from '../graph/layered.ts';

interface Props {
  graph: IrGraph;
  stage: 'domain' | 'parallel';
  /** Labels of the Domain IR's nodes, for the operations a parfor lists. */
  domainLabels: ReadonlyMap<number, string>;
  /** Domain IR ids to emphasise (the selection, or the ops of the node under the pointer); a parfor is lit when it fused one. */
  emphasis: ReadonlySet<number>;
  onSelect(node: IrNode): void;
  onHover(node: IrNode | undefined): void;
  fontSize: number;
  /** Width available; the drawing is scaled down to fit (never below 70%) and scrolls beyond that. */
  width: number;
  /**
   * On a projector: the graph is drawn with its smallest text (a parfor's operations, the key) at
   * `floor` px, its boxes and gaps tightened, in the orientation that comes closer to fitting
   * width × `height`.
   */
  fit?: { height: number; floor: number };
  label: string;
}

/** The drawing of each kind of node: the shape is the second cue beside the fill colour. */
const KIND_LOOK: Record<IrNodeKind, { fill: string; stroke: string; shape: 'pill' | 'box' | 'funnel' | 'double' | 'bold' }> = {
  input: { fill: '#e3f0fa', stroke: '#0072B2', shape: 'pill' },
  output: { fill: '#fff', stroke: '#16191d', shape: 'pill' },
  map: { fill: '#fff', stroke: '#59626e', shape: 'box' },
  scalar: { fill: '#f3f4f6', stroke: '#59626e', shape: 'box' },
  comprehension: { fill: '#fff', stroke: '#59626e', shape: 'double' },
  reduce: { fill: '#fbecd0', stroke: '#9a6a00', shape: 'funnel' },
  stencil: { fill: '#d9f0e8', stroke: '#00795a', shape: 'double' },
  alloc: { fill: '#f3f4f6', stroke: '#59626e', shape: 'box' },
  host: { fill: '#f3f4f6', stroke: '#59626e', shape: 'box' },
  parfor: { fill: '#dcebf7', stroke: '#0072B2', shape: 'bold' },
};

export const KIND_NAMES: Partial<Record<IrNodeKind, string>> = {
  input: 'input array',
  map: 'element-wise operation',
  reduce: 'reduction',
  stencil: 'stencil',
  parfor: 'parfor (fused loop)',
  output: 'result',
};

const TEMPORARY = '#D55E00';
/** Below this the labels get too small to read: the graph scrolls instead (or turns vertical). */
const MIN_SCALE = 0.7;

/** A left-to-right layout turned top to bottom: every point's coordinates swapped. */
function transpose(l: Layout): Layout {
  const nodes = new Map([...l.nodes].map(([id, n]) => [id, { ...n, x: n.y, y: n.x, width: n.height, height: n.width }]));
  return { nodes, edges: l.edges.map((e) => ({ ...e, points: e.points.map(([x, y]) => [y, x] as [number, number]) })), width: l.height, height: l.width };
}
const ARRAY = '#7a828c';

/** A node's lines of text: its label, and for a parfor the operations it fused. */
function linesOf(node: IrNode, names: ReadonlyMap<number, string>): string[] {
  if (node.kind !== 'parfor' || !node.fused?.length) return [node.label];
  const ops = node.fused.map((id) => names.get(id) ?? '?');
  const shown = ops.slice(0, 6).join(' ');
  return [node.label, ops.length > 6 ? `${shown} …` : shown];
}

function NodeShape({ node, w, h }: { node: IrNode; w: number; h: number }) {
  const look = KIND_LOOK[node.kind] ?? KIND_LOOK.map;
  const common = { fill: look.fill, stroke: look.stroke };
  switch (look.shape) {
    case 'pill':
      return <rect x={-w / 2} y={-h / 2} width={w} height={h} rx={h / 2} {...common} strokeWidth={node.kind === 'output' ? 2.5 : 1.5} />;
    case 'funnel': {
      const inset = Math.min(14, w / 5);
      return <path d={`M${-w / 2},${-h / 2}H${w / 2}L${w / 2 - inset},${h / 2}H${-w / 2 + inset}Z`} {...common} strokeWidth={1.5} />;
    }
    case 'double':
      return (
        <>
          <rect x={-w / 2} y={-h / 2} width={w} height={h} rx={4} {...common} strokeWidth={1.5} />
          <rect x={-w / 2 + 3} y={-h / 2 + 3} width={w - 6} height={h - 6} rx={2} fill="none" stroke={look.stroke} strokeWidth={1} strokeDasharray="3 2" />
        </>
      );
    case 'bold':
      return <rect x={-w / 2} y={-h / 2} width={w} height={h} rx={6} {...common} strokeWidth={3} />;
    default:
      return <rect x={-w / 2} y={-h / 2} width={w} height={h} rx={4} {...common} strokeWidth={1.5} />;
  }
}

/**
 * One stage of the compiler as a graph, left to right: the Domain IR (each array operation a node,
 * each temporary array a dashed vermillion edge) or the Parallel IR (parfor nodes, each listing the
 * operations it fused). Laid out by graph/layered.ts, drawn by React; hovering a node emphasises
 * the same operations in the other stage, clicking one shows it in the editor.
 */
export function IrGraphView({ graph, stage, domainLabels, emphasis, onSelect, onHover, fontSize: asked, width, fit, label }: Props) {
  const markerId = useId().replace(/:/g, '');
  const names = domainLabels;
  const lines = useMemo(() => new Map(graph.nodes.map((n) => [n.id, linesOf(n, names)])), [graph, names]);
  // Fitted, the smallest text sits at the floor: a parfor's operations (0.85 of the label), else the key (0.9).
  // (2% above it: the figure's body may narrow the SVG by its border's px, scaling it down a hair.)
  const fontSize = fit ? (1.02 * fit.floor) / ([...lines.values()].some((l) => l.length > 1) ? 0.85 : 0.9) : asked;
  const mono = fontSize * 0.62;
  const fitHeight = fit?.height;
  const layout = useMemo(() => {
    /** Both orientations with boxes and gaps tightened by `gap` (its square for the gaps between layers). */
    const layoutAt = (gap: number) => {
      const sizes = graph.nodes.map((n) => {
        const text = lines.get(n.id)!;
        const longest = Math.max(...text.map((t, i) => t.length * (i === 0 ? mono : mono * 0.85)));
        // Fitted, a short operation ('.*') takes a narrower box.
        return { id: n.id, width: Math.max(fontSize * 3 * gap, longest + fontSize * 1.4 * Math.sqrt(gap)), height: fontSize * (text.length === 1 ? 2 : 3.4) * Math.sqrt(gap) };
      });
      const across = layeredLayout({ nodes: sizes, edges: graph.edges }, { layerGap: fontSize * 2.6 * gap * gap, nodeGap: fontSize * 0.8 * gap, padding: 6 });
      // Top to bottom: the same layout with the axes swapped (a layer's extent is then a node's height).
      const down = layeredLayout({ nodes: sizes.map((n) => ({ id: n.id, width: n.height, height: n.width })), edges: graph.edges }, { layerGap: fontSize * 2.2 * gap * gap, nodeGap: fontSize * 0.8 * gap, padding: 6 });
      const vertical = fitHeight !== undefined ? fittedScale(transpose(down), stage, width, fitHeight, fontSize) > fittedScale(across, stage, width, fitHeight, fontSize) : width / across.width < MIN_SCALE && width / down.height > width / across.width;
      return { across, down, vertical };
    };
    if (fitHeight === undefined) return layoutAt(1);
    // Fitted, the drawing is never scaled (its smallest text is at the floor), so the boxes and gaps
    // tighten step by step until the nearer orientation is no wider than the pane, or the tightest is reached.
    let laid = layoutAt(FIT_GAPS[0]!);
    for (const gap of FIT_GAPS.slice(1)) {
      if ((laid.vertical ? laid.down.height : laid.across.width) <= width) break;
      laid = layoutAt(gap);
    }
    return laid;
  }, [graph, lines, fontSize, mono, fitHeight, stage, width]);
  const { vertical } = layout;
  // Left to right reads like the program; a narrow panel (a projector's half screen) gets the graph top to bottom.
  const laid = vertical ? transpose(layout.down) : layout.across;
  // Fitted, never under the floor: a graph too large for the pane at the floor is drawn at it, and the pane scrolls.
  const scale = fit ? 1 : Math.max(MIN_SCALE, Math.min(1, width / Math.max(1, laid.width)));
  const line = d3.line<[number, number]>().curve(vertical ? d3.curveMonotoneY : d3.curveMonotoneX);
  const contains = (n: IrNode) => (stage === 'domain' ? emphasis.has(n.id) : (n.fused ?? []).some((id) => emphasis.has(id)));
  // The key under the graph, inside its SVG (an exported stage names its shapes and lines): as wide as the panel allows.
  const drawnWidth = Math.max(laid.width, width / scale);
  const key = keyLayout(stage, drawnWidth - 12, fontSize);

  return (
    <svg
      width={drawnWidth * scale}
      height={(laid.height + key.height) * scale}
      viewBox={`0 0 ${drawnWidth} ${laid.height + key.height}`}
      role="img"
      aria-label={label}
      className="kn-graph"
      data-direction={vertical ? 'down' : 'across'}
      data-nodes={graph.nodes.length}
      data-temporaries={graph.edges.filter((e) => e.temporary).length}
    >
      <defs>
        {[
          ['t', TEMPORARY],
          ['a', ARRAY],
        ].map(([k, color]) => (
          <marker key={k} id={`${markerId}${k}`} viewBox="0 0 10 10" refX={9} refY={5} markerWidth={7} markerHeight={7} orient="auto-start-reverse">
            <path d="M0,0L10,5L0,10z" fill={color} />
          </marker>
        ))}
      </defs>
      <g className="kn-edges">
        {laid.edges.map((e, i) => {
          const edge = graph.edges[i]!;
          return (
            <path
              key={i}
              d={line(e.points) ?? ''}
              fill="none"
              stroke={edge.temporary ? TEMPORARY : ARRAY}
              strokeWidth={edge.temporary ? 2 : 1.4}
              strokeDasharray={edge.temporary ? '6 3' : undefined}
              markerEnd={`url(#${markerId}${edge.temporary ? 't' : 'a'})`}
              data-temporary={edge.temporary ? 'yes' : 'no'}
            >
              <title>{`${edge.temporary ? 'temporary array' : edge.elements === 0 ? 'scalar' : 'array'} ${edge.name}${edge.elements ? `, ${edge.elements.toLocaleString('en-US')} elements` : ''}`}</title>
            </path>
          );
        })}
      </g>
      <g className="kn-nodes">
        {graph.nodes.map((n) => {
          const p: PlacedNode = laid.nodes.get(n.id)!;
          const text = lines.get(n.id)!;
          const lit = contains(n);
          return (
            <g
              key={n.id}
              transform={`translate(${p.x},${p.y})`}
              className={`kn-node kn-${n.kind}${lit ? ' lit' : ''}`}
              data-kind={n.kind}
              data-node={n.id}
              onClick={() => onSelect(n)}
              onMouseEnter={() => onHover(n)}
              onMouseLeave={() => onHover(undefined)}
            >
              <title>{`${KIND_NAMES[n.kind] ?? n.kind}: ${n.label}${n.at ? ` (line ${n.at.line})` : ''}${n.fused ? `\nfuses ${n.fused.map((id) => names.get(id) ?? '?').join(' ')}` : ''}`}</title>
              {lit && <rect x={-p.width / 2 - 4} y={-p.height / 2 - 4} width={p.width + 8} height={p.height + 8} rx={8} className="kn-halo" />}
              <NodeShape node={n} w={p.width} h={p.height} />
              {text.map((t, k) => (
                <text
                  key={k}
                  y={text.length === 1 ? 0 : (k - 0.5) * fontSize * 1.35}
                  dy="0.35em"
                  textAnchor="middle"
                  fontSize={k === 0 ? fontSize : fontSize * 0.85}
                  className={k === 0 ? 'kn-node-label' : 'kn-node-sub'}
                >
                  {t}
                </text>
              ))}
            </g>
          );
        })}
      </g>
      <IrKey stage={stage} placed={key.placed} top={laid.height} fontSize={fontSize} />
    </svg>
  );
}

/** Fitted, how much the boxes and gaps may tighten, in the order tried. */
const FIT_GAPS = [0.7, 0.64, 0.58, 0.52];

/** The scale that would fit a laid-out graph and its key into width × height, at most 1: the larger, the closer the orientation comes to fitting. */
function fittedScale(laid: { width: number; height: number }, stage: 'domain' | 'parallel', width: number, height: number, fontSize: number): number {
  const across = Math.min(1, width / Math.max(1, laid.width));
  const key = keyLayout(stage, Math.max(laid.width, width / across) - 12, fontSize);
  return Math.min(across, height / Math.max(1, laid.height + key.height));
}

/** What a stage's key names: its node kinds (shape and colour), then its two kinds of edge (colour and dash). */
const KEY_KINDS: Record<'domain' | 'parallel', IrNodeKind[]> = { domain: ['input', 'map', 'reduce', 'stencil', 'output'], parallel: ['input', 'parfor', 'reduce', 'stencil', 'output'] };
const EDGE_KEYS = [
  { label: 'temporary array', stroke: TEMPORARY, width: 2, dash: '6 3' },
  { label: 'input or result array', stroke: ARRAY, width: 1.4, dash: undefined },
] as const;
const keyLabels = (stage: 'domain' | 'parallel') => [...KEY_KINDS[stage].map((k) => KIND_NAMES[k] ?? k), ...EDGE_KEYS.map((e) => e.label)];
/** Rows of the key: an entry's mark is two font sizes wide. */
const KEY_ROW = 1.6;

function keyLayout(stage: 'domain' | 'parallel', width: number, fontSize: number) {
  const placed = flowLegend(keyLabels(stage), width, fontSize, 2 * fontSize);
  return { placed, height: placed.rows * KEY_ROW * fontSize + fontSize * 0.8 };
}

/** The key under a stage's graph, in the graph's SVG: each kind's node shape, and the two kinds of array edge, named. */
function IrKey({ stage, placed, top, fontSize }: { stage: 'domain' | 'parallel'; placed: ReturnType<typeof flowLegend>; top: number; fontSize: number }) {
  const mark = 2 * fontSize;
  const labels = keyLabels(stage);
  const kinds = KEY_KINDS[stage];
  return (
    <g className="kn-key" transform={`translate(6,${top + fontSize * 0.4})`} fontSize={fontSize * 0.9}>
      {labels.map((label, i) => (
        <g key={label} transform={`translate(${placed[i]!.x},${(placed[i]!.row + 0.5) * KEY_ROW * fontSize})`}>
          {i < kinds.length ? (
            <g transform={`translate(${mark / 2},0)`}>
              <NodeShape node={{ id: 0, kind: kinds[i]!, label: '' }} w={mark - 2} h={fontSize} />
            </g>
          ) : (
            <line x1={1} x2={mark - 1} stroke={EDGE_KEYS[i - kinds.length]!.stroke} strokeWidth={EDGE_KEYS[i - kinds.length]!.width} strokeDasharray={EDGE_KEYS[i - kinds.length]!.dash} />
          )}
          <text x={mark + fontSize * 0.4} dy="0.35em" className="kn-key-label">
            {label}
          </text>
        </g>
      ))}
    </g>
  );
}
