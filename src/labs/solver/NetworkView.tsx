import * as d3 from 'd3';
import { useEffect, useRef } from 'react';
import { Phase, type DetailData } from '../../engines/solver/trace/details.ts';
import type { SolverSummary } from '../../engines/solver/result.ts';
import type { KeyItem } from '../../ui/chart/figureKey.tsx';
import { Figure } from '../../ui/Figure.tsx';
import { useElementSize } from '../../ui/useElementSize.ts';
import { PHASE_COLORS } from './colors.ts';
import { neuronLayers, type Namer } from './naming.ts';

interface NetworkViewProps {
  summary: SolverSummary | undefined;
  details: DetailData | undefined;
  node: number;
  namer: Namer | undefined;
  height?: number;
}

const PHASE_NAMES: Record<number, string> = {
  [Phase.undecided]: 'undecided',
  [Phase.active]: 'active (by bounds)',
  [Phase.inactive]: 'inactive (by bounds)',
  [Phase.splitActive]: 'active (split)',
  [Phase.splitInactive]: 'inactive (split)',
};

const PHASE_KEY: KeyItem[] = [
  { label: 'active', fill: PHASE_COLORS.active },
  { label: 'inactive', fill: PHASE_COLORS.inactive },
  { label: 'undecided', fill: PHASE_COLORS.undecided },
  { label: 'fixed by a split', fill: '#ffffff', stroke: '#16191d' },
];

const phaseFill = (p: number) => (p === Phase.active || p === Phase.splitActive ? PHASE_COLORS.active : p === Phase.inactive || p === Phase.splitInactive ? PHASE_COLORS.inactive : PHASE_COLORS.undecided);

/** The network, layers as columns; each neuron's phase at the selected node as a heat map. */
export function NetworkView({ summary, details, node, namer, height = 300 }: NetworkViewProps) {
  const [box, size] = useElementSize<HTMLDivElement>();
  const svgRef = useRef<SVGSVGElement>(null);
  const width = Math.max(280, size.width);
  const recorded = details !== undefined && node >= 0 && node < details.recorded && details.has[node] === 1;

  useEffect(() => {
    const svg = d3.select(svgRef.current);
    svg.selectAll('*').remove();
    if (!summary) return;
    const layers = neuronLayers(summary);
    const columns = layers.length + 2;
    const top = 30;
    const bottom = 8;
    const widest = Math.max(...layers.map((l) => l.size), summary.network.sizes[0]!, summary.network.sizes[summary.network.sizes.length - 1]!);
    const cell = Math.max(2, Math.min(16, (height - top - bottom) / widest));
    const colW = width / columns;
    const row = details && recorded ? details.phases.subarray(node * details.neurons, (node + 1) * details.neurons) : undefined;
    const g = svg.append('g');
    const column = (index: number, label: string, count: number, fill: (i: number) => string, title: (i: number) => string, stroke: (i: number) => boolean) => {
      const x = colW * index + colW / 2;
      const h = count * cell;
      const y0 = top + (height - top - bottom - h) / 2;
      g.append('text').attr('class', 'net-label').attr('x', x).attr('y', 16).attr('text-anchor', 'middle').text(label);
      const cells = g
        .append('g')
        .selectAll('rect')
        .data(d3.range(count))
        .join('rect')
        .attr('x', x - Math.max(cell, 8) / 2)
        .attr('y', (i) => y0 + i * cell)
        .attr('width', Math.max(cell, 8))
        .attr('height', Math.max(1, cell - (cell > 4 ? 1 : 0)))
        .attr('fill', fill)
        .attr('class', (i) => (stroke(i) ? 'net-cell split' : 'net-cell'));
      cells.append('title').text(title);
    };
    const inputs = summary.network.sizes[0]!;
    column(0, 'inputs', inputs, () => '#ffffff', (i) => summary.property.inputNames[i] ?? `x${i}`, () => false);
    layers.forEach((l, k) => {
      column(
        k + 1,
        `${l.activation === 'relu' ? 'ReLU' : l.activation} ${k + 1}`,
        l.size,
        (i) => (row ? phaseFill(row[l.start + i]!) : PHASE_COLORS.undecided),
        (i) => `${namer?.neuron(l.start + i) ?? `neuron ${l.start + i}`}: ${row ? PHASE_NAMES[row[l.start + i]!] : 'no details recorded'}`,
        (i) => row !== undefined && (row[l.start + i] === Phase.splitActive || row[l.start + i] === Phase.splitInactive),
      );
    });
    const outs = summary.network.sizes[summary.network.sizes.length - 1]!;
    column(columns - 1, 'outputs', outs, () => '#ffffff', (i) => summary.property.outputNames[i] ?? `y${i}`, () => false);
  }, [summary, details, node, recorded, namer, width, height]);

  const counts = (() => {
    if (!details || !recorded) return undefined;
    const row = details.phases.subarray(node * details.neurons, (node + 1) * details.neurons);
    const c = [0, 0, 0, 0, 0];
    for (const p of row) c[p] = (c[p] ?? 0) + 1;
    return c;
  })();
  return (
    <Figure title="Network phases" exportName="solver-network" className="solver-network" figureKey={PHASE_KEY}>
      <p className="solver-caption">
        {!summary
          ? 'The ReLU phases at the selected node appear here.'
          : !summary.network.activations.includes('relu')
            ? 'Sigmoid and tanh neurons have no on/off phases: the search splits their ranges instead (see the tree).'
          : !recorded
            ? node < (details?.recorded ?? 0)
              ? `Node ${node} joins the property's cases; it has no bounds of its own. Select a case or a node below it.`
              : `Node ${node}: details are recorded for the first ${details?.recorded ?? 0} nodes only.`
              : `Node ${node}: ${counts![1]! + counts![3]!} active, ${counts![2]! + counts![4]!} inactive, ${counts![0]} undecided (${counts![3]! + counts![4]!} fixed by splits, outlined).`}
      </p>
      <div ref={box} className="solver-figure-box">
        <svg ref={svgRef} width={width} height={height} role="img" aria-label="Network phases at the selected node" />
      </div>
    </Figure>
  );
}
