import * as d3 from 'd3';
import { useMemo } from 'react';
import { Chart, inner } from '../../../ui/chart/Chart.tsx';
import { tickCount } from '../../../ui/chart/format.ts';
import { Figure } from '../../../ui/Figure.tsx';
import { useElementSize } from '../../../ui/useElementSize.ts';
import type { SearchTree as Tree, TreeNode } from '../replay/tree.ts';
import type { LitNamer } from '../replay/names.ts';
import { ROLE } from './palette.ts';
import { legendLayout, SvgLegend, type LegendItem } from './SvgLegend.tsx';
import { short } from './text.ts';

interface Props {
  tree: Tree | undefined;
  position: number;
  name: LitNamer;
  layout: 'auto' | 'tree' | 'levels';
  onLayout(layout: 'auto' | 'tree' | 'levels'): void;
  height: number;
  /** Base font size of the figure's text. */
  font: number;
}

/** More visible decisions than this and "auto" draws the decision level over time instead. */
export const TREE_NODE_LIMIT = 160;
const PAD = { right: 24, bottom: 20, left: 24 };
const legendHeight = (width: number, font: number) => legendLayout(LEGEND, width - 14, font).height + 24;

function ConflictMark({ theory }: { theory: boolean }) {
  return theory ? (
    <path d={d3.symbol(d3.symbolTriangle, 150)()!} fill={ROLE.theory} stroke="#000" strokeWidth={1.2} />
  ) : (
    <path d={d3.symbol(d3.symbolCross, 150)()!} transform="rotate(45)" fill={ROLE.conflict} stroke="#000" strokeWidth={1.2} />
  );
}

const LEGEND: LegendItem[] = [
  { label: 'decision', mark: <circle r={6} fill={ROLE.decision} stroke="#000" /> },
  { label: 'Boolean conflict', mark: <ConflictMark theory={false} /> },
  { label: 'theory conflict', mark: <ConflictMark theory /> },
  { label: 'backjump', mark: <line x1={-10} x2={10} stroke="#000" strokeWidth={2} strokeDasharray="5 3" /> },
  { label: 'where the search is', mark: <circle r={7} fill="none" stroke="#000" strokeWidth={2.5} /> },
];

function NodeLink({ tree, position, name, width, height, font }: { tree: Tree; position: number; name: LitNamer; width: number; height: number; font: number }) {
  const top = legendHeight(width, font);
  const placed = useMemo(() => {
    const visible = tree.nodes.filter((n) => n.openedAt <= position);
    const children = new Map<number, TreeNode[]>();
    for (const n of visible) if (n.parent >= 0) children.set(n.parent, [...(children.get(n.parent) ?? []), n]);
    const root = d3.hierarchy(tree.nodes[0]!, (n) => children.get(n.id));
    const depth = Math.max(1, root.height);
    d3.tree<TreeNode>().size([width - PAD.left - PAD.right, Math.min(70 * depth, height - top - PAD.bottom)])(root);
    return root as d3.HierarchyPointNode<TreeNode>;
  }, [tree, position, width, height, top]);
  const all = placed.descendants();
  const byId = new Map(all.map((h) => [h.data.id, h]));
  // The deepest node of the branch the solver is on now.
  let here = placed;
  for (const h of all) if (h.data.openedAt <= position && h.data.openedAt >= here.data.openedAt) here = h;
  const ancestorAt = (h: d3.HierarchyPointNode<TreeNode>, level: number) => h.ancestors().find((a) => a.data.level <= level) ?? placed;
  const labels = all.length <= 60;
  return (
    <svg width={width} height={height} style={{ fontSize: font }} role="img" aria-label={`Search tree with ${all.length - 1} decisions`}>
      <SvgLegend items={LEGEND} width={width} fontSize={font} />
      <g transform={`translate(${PAD.left},${top})`}>
        {all.slice(1).map((h) => (
          <line key={`l${h.data.id}`} x1={h.parent!.x} y1={h.parent!.y} x2={h.x} y2={h.y} stroke="#9aa3ae" strokeWidth={1.5} />
        ))}
        {all
          .filter((h) => h.data.jumpAt >= 0 && h.data.jumpAt <= position)
          .map((h) => {
            const to = ancestorAt(h, h.data.jumpTo);
            const path = d3.linkVertical<unknown, [number, number]>()({ source: [h.x, h.y], target: [to.x, to.y] });
            return <path key={`j${h.data.id}`} d={path ?? ''} fill="none" stroke="#000" strokeWidth={1.8} strokeDasharray="5 3" opacity={0.55} />;
          })}
        {all.map((h) => {
          const n = h.data;
          const closed = n.conflictAt >= 0 && n.conflictAt <= position;
          return (
            <g key={n.id} transform={`translate(${h.x},${h.y})`} data-node={n.id} data-conflict={closed ? n.conflict : undefined}>
              <title>{n.id === 0 ? 'level 0: the root' : `decide ${name(n.lit)} at level ${n.level}${closed ? `: ${n.conflict} conflict` : ''}`}</title>
              {h === here && <circle r={12} fill="none" stroke="#000" strokeWidth={2.5} />}
              {closed ? <ConflictMark theory={n.conflict === 'theory'} /> : <circle r={n.id === 0 ? 7 : 6.5} fill={n.id === 0 ? '#fff' : ROLE.decision} stroke="#000" strokeWidth={1.2} />}
              {labels && n.id !== 0 && (
                <text x={h.x > (width - PAD.left - PAD.right) / 2 ? -10 : 10} y={-6} textAnchor={h.x > (width - PAD.left - PAD.right) / 2 ? 'end' : 'start'} className="tree-lit">
                  {short(name(n.lit), 16)}
                </text>
              )}
            </g>
          );
        })}
        {byId.size === 1 && (
          <text x={(width - PAD.left - PAD.right) / 2} y={30} textAnchor="middle" className="smt-legend-text">
            no decision yet: only unit propagation at level 0
          </text>
        )}
      </g>
    </svg>
  );
}

function LevelsOverTime({ tree, position, width, height, font }: { tree: Tree; position: number; width: number; height: number; font: number }) {
  const n = tree.levels.length;
  const top = legendHeight(width, font);
  const { w, h } = inner(width, height - top, undefined, font);
  const x = d3.scaleLinear().domain([0, Math.max(1, n - 1)]).range([0, w]);
  const y = d3.scaleLinear().domain([0, Math.max(1, tree.maxLevel)]).range([h, 0]).nice();
  const end = Math.min(position, n - 1);
  // One point per pixel column is enough for a line this wide.
  const stride = Math.max(1, Math.floor(n / (w * 2)));
  const points: [number, number][] = [];
  for (let i = 0; i <= end; i += stride) points.push([x(i), y(tree.levels[i]!)]);
  if (end >= 0) points.push([x(end), y(tree.levels[end]!)]);
  const line = d3.line().curve(d3.curveStepAfter)(points) ?? '';
  const conflicts = tree.nodes.filter((t) => t.conflictAt >= 0 && t.conflictAt <= position);
  const shownConflicts = conflicts.length > 400 ? conflicts.filter((_, i) => i % Math.ceil(conflicts.length / 400) === 0) : conflicts;
  return (
    // The chart nests in an outer SVG with the legend, so an exported figure carries its legend.
    <svg width={width} height={height} style={{ fontSize: font }} role="img" aria-label="Decision level over the run">
      <SvgLegend items={LEGEND} width={width} fontSize={font} />
      <g transform={`translate(0,${top})`}>
      <Chart width={width} height={height - top} x={x} y={y} xLabel="event" yLabel="decision level" cursor={position} cursorLabel={(e) => `event ${e}`} label="Decision level over the run" font={font} yTicks={y.ticks(tickCount(h, font * 2.5)).filter(Number.isInteger)}>
        {tree.restarts
          .filter((r) => r <= position)
          .map((r) => (
            <line key={r} x1={x(r)} x2={x(r)} y2={h} stroke={ROLE.restart} strokeDasharray="2 4" opacity={0.5} />
          ))}
        <path d={line} fill="none" stroke={ROLE.decision} strokeWidth={1.8} />
        {shownConflicts.map((c) => (
          <g key={c.id} transform={`translate(${x(c.conflictAt)},${y(c.level)}) scale(0.6)`}>
            <ConflictMark theory={c.conflict === 'theory'} />
          </g>
        ))}
      </Chart>
      </g>
    </svg>
  );
}

/**
 * The search tree: each node a decision, a conflict closes a branch, the dashed arc is the
 * backjump that follows (CDCL jumps back over several levels; DPLL returns to the last one).
 */
export function SearchTree({ tree, position, name, layout, onLayout, height, font }: Props) {
  const [box, size] = useElementSize<HTMLDivElement>();
  const width = Math.max(360, size.width);
  const visible = tree ? tree.nodes.filter((n) => n.openedAt <= position).length : 0;
  const kind = layout === 'auto' ? (visible <= TREE_NODE_LIMIT ? 'tree' : 'levels') : layout;
  return (
    <Figure
      title="Search tree"
      exportName="smt-search-tree"
      className="smt-figure"
      actions={
        <select aria-label="Search tree layout" value={layout} onChange={(e) => onLayout(e.target.value as Props['layout'])} className="quiet-select">
          <option value="auto">auto</option>
          <option value="tree">tree of decisions</option>
          <option value="levels">decision level over time</option>
        </select>
      }
    >
      <p className="smt-caption">
        {tree ? `${visible - 1} decision${visible === 2 ? '' : 's'} so far, ${tree.nodes.filter((n) => n.conflictAt >= 0 && n.conflictAt <= position).length} conflicts, ${tree.restarts.filter((r) => r <= position).length} restarts.` : 'Solve to see the search.'}
      </p>
      <div ref={box} className="smt-box" data-testid="search-tree" data-layout={tree ? kind : 'none'} data-nodes={visible}>
        {tree &&
          (kind === 'tree' ? (
            <NodeLink tree={tree} position={position} name={name} width={width} height={height} font={font} />
          ) : (
            <LevelsOverTime tree={tree} position={position} width={width} height={height} font={font} />
          ))}
      </div>
    </Figure>
  );
}
