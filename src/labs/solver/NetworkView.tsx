import * as d3 from 'd3';
import { useEffect, useId, useRef } from 'react';
import { Phase, type DetailData } from '../../engines/solver/trace/details.ts';
import type { SolverSummary } from '../../engines/solver/result.ts';
import type { KeyItem } from '../../ui/chart/figureKey.tsx';
import { Figure } from '../../ui/Figure.tsx';
import { useElementSize } from '../../ui/useElementSize.ts';
import { PHASE_COLORS, PHASE_PATTERNS } from './colors.ts';
import { neuronLayers, type Namer } from './naming.ts';
import { patternElement, patternInk } from '../../ui/chart/patterns.ts';

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

/** Inactive neurons are hatched over their colour (the cue without colour), where a cell is large enough to show it. */
const INACTIVE_PATTERN = PHASE_PATTERNS.inactive;
/** The smallest cell, in px, that shows a pattern (smaller cells leave the layer's counts in words to tell the phases apart). */
const PATTERN_MIN_CELL = 6;

const PHASE_KEY: KeyItem[] = [
  { label: 'active', fill: PHASE_COLORS.active },
  { label: 'inactive', fill: PHASE_COLORS.inactive, pattern: INACTIVE_PATTERN },
  { label: 'undecided (open)', fill: PHASE_COLORS.undecided },
  { label: 'fixed by a split', fill: '#ffffff', stroke: '#16191d' },
];

/** Room above the grids (layer name, neuron count) and below (phase counts). */
const TOP = 36;
const BOTTOM = 46;
/** The narrowest column that prints its layer's counts (else the caption and tooltips carry them). */
const COUNTS_MIN_WIDTH = 56;
/** Inputs or outputs drawn one cell each up to this many (ACAS Xu's 5 and 5, MNIST's 10 outputs); more are one block. */
const LISTED_ENDS = 64;
/** The largest cell drawn, in px. */
const MAX_CELL = 18;

/**
 * The largest square cell (at most MAX_CELL, at least 2 px) with which `count` cells wrapped into
 * rows fit a width × height area, and how many go in a row.
 */
export function gridOf(count: number, width: number, height: number): { cell: number; perRow: number } {
  for (let cell = MAX_CELL; cell > 2; cell -= 0.5) {
    const perRow = Math.max(1, Math.floor(width / cell));
    if (Math.ceil(count / perRow) * cell <= height) return { cell, perRow };
  }
  const perRow = Math.max(1, Math.floor(width / 2));
  return { cell: 2, perRow };
}

/** The white gap between cells: none for the tiniest, so the colour survives. */
const gapOf = (cell: number) => (cell > 5 ? 1 : cell > 3 ? 0.5 : 0);

const phaseFill = (p: number) => (p === Phase.active || p === Phase.splitActive ? PHASE_COLORS.active : p === Phase.inactive || p === Phase.splitInactive ? PHASE_COLORS.inactive : PHASE_COLORS.undecided);

/**
 * The network, layers as columns; each neuron's phase at the selected node as a heat map, each layer
 * a grid as large as its column allows, with its counts of active, inactive and undecided in words.
 */
export function NetworkView({ summary, details, node, namer, height = 300 }: NetworkViewProps) {
  const [box, size] = useElementSize<HTMLDivElement>();
  const svgRef = useRef<SVGSVGElement>(null);
  const patternId = `net-inactive-${useId().replace(/[^a-zA-Z0-9-]/g, '')}`;
  const width = Math.max(280, size.width);
  const recorded = details !== undefined && node >= 0 && node < details.recorded && details.has[node] === 1;

  useEffect(() => {
    const svg = d3.select(svgRef.current);
    svg.selectAll('*').remove();
    if (!summary) return;
    const layers = neuronLayers(summary);
    const columns = layers.length + 2;
    const colW = width / columns;
    const gridH = height - TOP - BOTTOM;
    const row = details && recorded ? details.phases.subarray(node * details.neurons, (node + 1) * details.neurons) : undefined;
    svg.append('defs').node()!.append(patternElement(document, patternId, INACTIVE_PATTERN, patternInk(PHASE_COLORS.inactive)));
    const g = svg.append('g');
    const heading = (index: number, label: string, count: number) => {
      const x = colW * index + colW / 2;
      g.append('text').attr('class', 'net-label').attr('x', x).attr('y', 14).attr('text-anchor', 'middle').text(label);
      g.append('text').attr('class', 'net-count').attr('x', x).attr('y', 28).attr('text-anchor', 'middle').text(`${count}`);
    };
    /** A column of many inputs or outputs carries no phase: one labelled block stands for it. */
    const block = (index: number, label: string, count: number, names: (i: number) => string) => {
      heading(index, label, count);
      if (count > LISTED_ENDS) {
        const w = Math.min(colW - 12, 48);
        g.append('rect').attr('class', 'net-block').attr('x', colW * index + (colW - w) / 2).attr('y', TOP).attr('width', w).attr('height', gridH).append('title').text(`${count} ${label}`);
        return;
      }
      const { cell, perRow } = gridOf(count, colW - 12, gridH);
      const x0 = colW * index + (colW - perRow * cell) / 2;
      const y0 = TOP + (gridH - Math.ceil(count / perRow) * cell) / 2;
      g.append('g')
        .selectAll('rect')
        .data(d3.range(count))
        .join('rect')
        .attr('class', 'net-cell')
        .attr('x', (i) => x0 + (i % perRow) * cell)
        .attr('y', (i) => y0 + Math.floor(i / perRow) * cell)
        .attr('width', cell - gapOf(cell))
        .attr('height', cell - gapOf(cell))
        .attr('fill', '#ffffff')
        .append('title')
        .text(names);
    };
    block(0, 'inputs', summary.network.sizes[0]!, (i) => summary.property.inputNames[i] ?? `x${i}`);
    layers.forEach((l, k) => {
      const index = k + 1;
      heading(index, `${l.activation === 'relu' ? 'ReLU' : l.activation} ${k + 1}`, l.size);
      // Each layer a grid of cells (wrapped into rows), as large as its column allows: six layers of 256 stay legible.
      const { cell, perRow } = gridOf(l.size, colW - 12, gridH);
      const x0 = colW * index + (colW - perRow * cell) / 2;
      const y0 = TOP + (gridH - Math.ceil(l.size / perRow) * cell) / 2;
      const phase = (i: number) => (row ? row[l.start + i]! : Phase.undecided);
      const split = (i: number) => phase(i) === Phase.splitActive || phase(i) === Phase.splitInactive;
      g.append('g')
        .selectAll('rect')
        .data(d3.range(l.size))
        .join('rect')
        .attr('x', (i) => x0 + (i % perRow) * cell)
        .attr('y', (i) => y0 + Math.floor(i / perRow) * cell)
        .attr('width', cell - gapOf(cell))
        .attr('height', cell - gapOf(cell))
        .attr('fill', (i) => phaseFill(phase(i)))
        .attr('class', (i) => (split(i) ? 'net-cell split' : 'net-cell'))
        .append('title')
        .text((i) => `${namer?.neuron(l.start + i) ?? `neuron ${l.start + i}`}: ${row ? PHASE_NAMES[phase(i)] : 'no details recorded'}`);
      const inactive = d3.range(l.size).filter((i) => phase(i) === Phase.inactive || phase(i) === Phase.splitInactive);
      if (cell >= PATTERN_MIN_CELL && inactive.length > 0) {
        g.append('g')
          .attr('pointer-events', 'none')
          .selectAll('rect')
          .data(inactive)
          .join('rect')
          .attr('class', 'net-cell-pattern')
          .attr('x', (i) => x0 + (i % perRow) * cell)
          .attr('y', (i) => y0 + Math.floor(i / perRow) * cell)
          .attr('width', cell - gapOf(cell))
          .attr('height', cell - gapOf(cell))
          .attr('fill', `url(#${patternId})`);
      }
      if (row && l.activation === 'relu' && colW >= COUNTS_MIN_WIDTH) {
        // The counts in words: the phases read without telling the colours apart.
        let on = 0;
        let off = 0;
        for (let i = 0; i < l.size; i++) {
          const p = phase(i);
          if (p === Phase.active || p === Phase.splitActive) on++;
          else if (p === Phase.inactive || p === Phase.splitInactive) off++;
        }
        const x = colW * index + colW / 2;
        [`${on} on`, `${off} off`, `${l.size - on - off} open`].forEach((text, line) => {
          g.append('text').attr('class', 'net-count').attr('x', x).attr('y', height - BOTTOM + 14 + 14 * line).attr('text-anchor', 'middle').text(text);
        });
      }
    });
    const outs = summary.network.sizes[summary.network.sizes.length - 1]!;
    block(columns - 1, 'outputs', outs, (i) => summary.property.outputNames[i] ?? `y${i}`);
  }, [summary, details, node, recorded, namer, width, height, patternId]);

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
