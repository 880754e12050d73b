import * as d3 from 'd3';
import { useEffect, useMemo, useRef } from 'react';
import type { TreeData } from '../../engines/solver/trace/tree.ts';
import { Fate } from '../../engines/solver/trace/tree.ts';
import { Figure } from '../../ui/Figure.tsx';
import { useElementSize } from '../../ui/useElementSize.ts';
import type { KeyItem } from '../../ui/chart/figureKey.tsx';
import { shapePath } from '../../ui/chart/palette.tsx';
import { FATE_COLORS, fateCategory } from './colors.ts';
import type { Namer } from './naming.ts';
import type { PlacedNode } from './treeLayout.ts';
import { FATE_NAMES } from './naming.ts';
import { layoutTree } from './treeLayout.ts';

interface TreeViewProps {
  tree: TreeData | undefined;
  /** Event index to replay up to (Infinity: everything). */
  position: number;
  live: boolean;
  selected: number;
  onSelect(id: number): void;
  namer: Namer | undefined;
  layout: 'auto' | 'tree' | 'icicle';
  onLayout(layout: 'auto' | 'tree' | 'icicle'): void;
  caption: string;
  height?: number;
}

const FATE_KEY: KeyItem[] = [Fate.open, Fate.split, Fate.verified, Fate.infeasible, Fate.counterexample, Fate.spurious, Fate.stopped].map((f) => ({
  label: FATE_NAMES[f] ?? '',
  fill: fateCategory(f).color,
  shape: fateCategory(f).shape,
}));
const MARGIN = { top: 16, right: 16, bottom: 12, left: 56 };

/** The search tree: each node a split, coloured by its fate, depth downwards; click a node to inspect it. */
export function TreeView({ tree, position, live, selected, onSelect, namer, layout, onLayout, caption, height = 420 }: TreeViewProps) {
  const [box, size] = useElementSize<HTMLDivElement>();
  const svgRef = useRef<SVGSVGElement>(null);
  const width = Math.max(320, size.width);
  const innerW = width - MARGIN.left - MARGIN.right;
  const innerH = height - MARGIN.top - MARGIN.bottom;
  const placed = useMemo(() => (tree ? layoutTree(tree, position, innerW, innerH, layout) : undefined), [tree, position, innerW, innerH, layout]);
  const onSelectRef = useRef(onSelect);
  onSelectRef.current = onSelect;

  useEffect(() => {
    const svg = d3.select(svgRef.current);
    svg.selectAll('*').remove();
    if (!placed || !tree) return;
    const g = svg.append('g').attr('transform', `translate(${MARGIN.left},${MARGIN.top})`);
    // Depth axis.
    const step = Math.max(1, Math.ceil((placed.maxDepth + 1) / 10));
    const axis = g.append('g').attr('class', 'tree-axis');
    for (let d = 0; d <= placed.maxDepth; d += step) {
      const y = placed.kind === 'tree' ? d * placed.rowHeight : (d + 0.5) * placed.rowHeight;
      axis.append('text').attr('x', -12).attr('y', y).attr('dy', '0.35em').attr('text-anchor', 'end').text(d);
    }
    axis.append('text').attr('class', 'tree-axis-title').attr('transform', `translate(${-40},${innerH / 2}) rotate(-90)`).attr('text-anchor', 'middle').text('depth');
    const title = (id: number) => `node ${id}: ${namer?.node(id) ?? ''} — ${FATE_NAMES[tree.fate[id]!] ?? ''}${Number.isFinite(tree.bound[id]) ? `, bound ${tree.bound[id]!.toPrecision(4)}` : ''}`;
    if (placed.kind === 'tree') {
      g.append('g')
        .attr('class', 'tree-links')
        .selectAll('line')
        .data(placed.links)
        .join('line')
        .attr('x1', (l) => l.from.x)
        .attr('y1', (l) => l.from.y)
        .attr('x2', (l) => l.to.x)
        .attr('y2', (l) => l.to.y);
      const radius = Math.max(3.5, Math.min(9, placed.rowHeight / 5, innerW / (placed.nodes.length * 2.4)));
      const nodes = g
        .append('g')
        .selectAll('g')
        .data(placed.nodes)
        .join('g')
        .attr('class', (n) => `tree-node${n.id === selected ? ' selected' : ''}`)
        .attr('transform', (n) => `translate(${n.x},${n.y})`)
        .attr('data-node', (n) => n.id)
        .attr('data-fate', (n) => n.fate)
        .attr('role', 'button')
        .attr('aria-label', (n) => title(n.id))
        .on('click', (_e, n) => onSelectRef.current(n.id));
      // A counterexample is what the audience looks for: draw it larger, with a ring.
      nodes.filter((n) => n.fate === Fate.counterexample).append('circle').attr('class', 'cex-ring').attr('r', radius * 2.2);
      nodes
        .append('path')
        .attr('d', (n) => shapePath(fateCategory(n.fate).shape, 2 * (n.fate === Fate.counterexample ? radius * 1.5 : radius)))
        .attr('fill', (n) => fateCategory(n.fate).color);
      nodes.append('title').text((n) => title(n.id));
      // Labels while they fit: roughly one per 60 pixels across the widest row.
      const widest = Math.max(...d3.rollup(placed.nodes, (v) => v.length, (n) => n.depth).values());
      if (namer && innerW / widest >= 60) {
        const items: Labelled[] = [];
        nodes.each(function (n) {
          items.push({ el: this as SVGGElement, n });
        });
        placeLabels(items, radius, (n) => namer.shortNode(n.id));
      }
    } else {
      const cells = g
        .append('g')
        .selectAll('rect')
        .data(placed.nodes)
        .join('rect')
        .attr('class', (n) => `icicle-cell${n.id === selected ? ' selected' : ''}`)
        .attr('x', (n) => n.x)
        .attr('y', (n) => n.y)
        .attr('width', (n) => Math.max(0.5, n.width - (n.width > 3 ? 0.5 : 0)))
        .attr('height', (n) => Math.max(1, n.height - 1))
        .attr('data-node', (n) => n.id)
        .attr('data-fate', (n) => n.fate)
        .attr('fill', (n) => {
          // A split node is shaded by how much of it is proved, once that is known (live, or at the end).
          if (n.fate !== Fate.split || !(live || position === Infinity)) return FATE_COLORS[n.fate] ?? '#ccc';
          return d3.interpolateRgb(FATE_COLORS[Fate.split]!, FATE_COLORS[Fate.verified]!)(Math.min(1, tree.covered[n.id]! / (tree.share[n.id]! || 1)));
        })
        .on('click', (_e, n) => onSelectRef.current(n.id));
      cells.append('title').text((n) => title(n.id));
      // The fate's shape in every closed or open cell wide enough to hold it: the icicle's second cue besides colour.
      const mark = Math.min(14, placed.rowHeight * 0.6);
      g.append('g')
        .attr('class', 'icicle-marks')
        .selectAll('path')
        .data(mark >= 6 ? placed.nodes.filter((n) => n.fate !== Fate.split && n.width >= mark + 4) : [])
        .join('path')
        .attr('transform', (n) => `translate(${n.x + n.width / 2},${n.y + n.height / 2})`)
        .attr('d', (n) => shapePath(fateCategory(n.fate).shape, mark))
        .attr('fill', (n) => fateCategory(n.fate).color)
        // White around a mark on its own colour; an open cell's pale mark takes a grey outline.
        .attr('stroke', (n) => (n.fate === Fate.open ? '#59626e' : '#ffffff'))
        .attr('stroke-width', 1.2)
        .style('pointer-events', 'none');
    }
  }, [placed, tree, selected, namer, innerH, innerW, live, position]);

  const actions = (
    <select aria-label="Tree layout" value={layout} onChange={(e) => onLayout(e.target.value as 'auto' | 'tree' | 'icicle')} className="quiet-select">
      <option value="auto">auto layout</option>
      <option value="tree">node-link</option>
      <option value="icicle">icicle</option>
    </select>
  );
  return (
    <Figure title="Search tree" exportName="solver-search-tree" actions={actions} className="solver-tree" figureKey={FATE_KEY}>
      <p className="solver-caption" aria-live="polite">
        {caption}
      </p>
      <div ref={box} className="solver-tree-box" data-testid="search-tree" data-nodes={placed?.visible ?? 0} data-layout={placed?.kind ?? 'none'}>
        {tree ? (
          <svg ref={svgRef} width={width} height={height} role="img" aria-label={`Search tree with ${placed?.visible ?? 0} nodes`} />
        ) : (
          <p className="solver-empty">Each node will be a split: of the input box (modern procedures) or of a ReLU's phase (Reluplex).</p>
        )}
      </div>
    </Figure>
  );
}

type Box = { left: number; top: number; right: number; bottom: number };
const overlaps = (a: Box, b: Box) => a.left < b.right && b.left < a.right && a.top < b.bottom && b.top < a.bottom;

/**
 * Names the split above each node while it fits: a label that would run into another label, or cover
 * another node's mark (a counterexample's ring is larger), is dropped; the node's title still names it.
 * Shallow nodes come first: the first splits are the ones a lecturer talks about.
 */
type Labelled = { el: SVGGElement; n: PlacedNode };

function placeLabels(items: Labelled[], radius: number, name: (n: PlacedNode) => string) {
  const markOf = (n: PlacedNode): Box => {
    const r = n.fate === Fate.counterexample ? radius * 2.2 : radius;
    return { left: n.x - r, top: n.y - r, right: n.x + r, bottom: n.y + r };
  };
  const marks = items.map(({ n }) => ({ id: n.id, box: markOf(n) }));
  const taken: Box[] = [];
  const order = items
    .filter(({ n }) => n.id !== 0)
    .sort((a, b) => a.n.depth - b.n.depth || a.n.x - b.n.x);
  for (const { el, n } of order) {
    const text = d3.select(el).append('text').attr('class', 'tree-label').attr('y', -radius - 4).attr('text-anchor', 'middle').text(name(n));
    const b = text.node()!.getBBox();
    const box = { left: n.x + b.x - 2, top: n.y + b.y, right: n.x + b.x + b.width + 2, bottom: n.y + b.y + b.height };
    if (taken.some((t) => overlaps(t, box)) || marks.some((m) => m.id !== n.id && overlaps(m.box, box))) text.remove();
    else taken.push(box);
  }
}
