import * as d3 from 'd3';
import { useEffect, useId, useLayoutEffect, useMemo, useRef, useState } from 'react';
import { useEngine } from '../../bridge/useEngine.ts';
import type { SolverRequest } from '../../engines/solver/config.ts';
import type { NetworkModel } from '../../engines/solver/model/network.ts';
import type { SliceConfig, SliceResult } from '../../engines/solver/slice.ts';
import type { Spec } from '../../engines/solver/model/spec.ts';
import { Figure } from '../../ui/Figure.tsx';
import { useElementSize } from '../../ui/useElementSize.ts';
import { OUTPUT_COLORS } from './colors.ts';
import type { SliceSettings } from './scenario.ts';
import { sliceFrame } from './sliceRange.ts';
import { regionPaths } from './sliceRegions.ts';
import { counterexampleCaption, outlineBoxes, placeRegionLabels, type Box } from './sliceLabels.ts';
import { fillPattern, patternElement, patternInk } from '../../ui/chart/patterns.ts';

const spawn = () => new Worker(new URL('../../../workers/solver-slice.worker.ts', import.meta.url), { type: 'module', name: 'solver-slice' });
const RESOLUTION = 160;
const MARGIN = { top: 12, right: 16, bottom: 46, left: 70 };
const CEX_RADIUS = 9;

interface SliceViewProps {
  request: Pick<SolverRequest, 'network' | 'networkData' | 'units'> | undefined;
  model: NetworkModel | undefined;
  spec: Spec | undefined;
  counterexample: { input: number[]; caseIndex: number } | undefined;
  settings: SliceSettings;
  onChange(settings: SliceSettings): void;
  height?: number;
}

const short = (name: string) => name.replace(/ \(.*\)$/, '');
/** An output's region: its colour and its fill pattern (the cue without colour), in the view, its key and its export. */
const outputColor = (i: number) => OUTPUT_COLORS[i % OUTPUT_COLORS.length]!;

/** A 2-D slice of the input space coloured by the network's advisory, with the property's box and the counterexample. */
export function SliceView({ request, model, spec, counterexample, settings, onChange, height = 340 }: SliceViewProps) {
  const run = useEngine<SliceConfig, SliceResult>(spawn);
  const { start } = run;
  const [box, size] = useElementSize<HTMLDivElement>();
  const svgRef = useRef<SVGSVGElement>(null);
  const patternId = `slice-pattern-${useId().replace(/[^a-zA-Z0-9-]/g, '')}`;
  const width = Math.max(320, size.width);
  const n = model?.network.inputSize ?? 0;
  const valid = model !== undefined && request !== undefined && n >= 2 && settings.x !== settings.y && settings.x < n && settings.y < n;
  const frame = useMemo(
    () => (valid && model && request ? sliceFrame(model, spec, request.units, settings, counterexample?.input) : undefined),
    [valid, model, spec, request, settings, counterexample],
  );
  const result = run.state.outcome?.status === 'done' ? run.state.outcome.result : undefined;
  // The frame the last finished slice was computed for: the view is ready only when that is the frame shown.
  const [resultFrame, setResultFrame] = useState<typeof frame>();

  useEffect(() => {
    if (!frame || !request || !valid) return;
    const timer = setTimeout(() => {
      void start({ ...request, x: settings.x, y: settings.y, xRange: frame.xRange, yRange: frame.yRange, fixed: frame.fixed, resolution: RESOLUTION }, 0, { maxSteps: 1e9, maxMillis: 30_000 }).then((outcome) => {
        if (outcome.status === 'done') setResultFrame(frame);
      });
    }, 120);
    return () => clearTimeout(timer);
  }, [frame, request, valid, settings.x, settings.y, start]);

  // Drawn before the browser paints, so that `data-ready` never shows ahead of the drawing it announces.
  useLayoutEffect(() => {
    const svg = d3.select(svgRef.current);
    svg.selectAll('*').remove();
    if (!frame || !model) return;
    const innerW = width - MARGIN.left - MARGIN.right;
    const innerH = height - MARGIN.top - MARGIN.bottom;
    const x = d3.scaleLinear().domain(frame.xRange).range([0, innerW]);
    const y = d3.scaleLinear().domain(frame.yRange).range([innerH, 0]);
    const g = svg.append('g').attr('transform', `translate(${MARGIN.left},${MARGIN.top})`);
    if (result && result.summary.resolution === RESOLUTION) {
      const canvas = document.createElement('canvas');
      canvas.width = RESOLUTION;
      canvas.height = RESOLUTION;
      const context = canvas.getContext('2d');
      if (context) {
        const image = context.createImageData(RESOLUTION, RESOLUTION);
        const advisory = result.trace.advisory;
        for (let i = 0; i < advisory.length; i++) {
          const c = d3.rgb(outputColor(advisory[i]!));
          image.data[4 * i] = c.r;
          image.data[4 * i + 1] = c.g;
          image.data[4 * i + 2] = c.b;
          image.data[4 * i + 3] = 255;
        }
        context.putImageData(image, 0, 0);
        g.append('image').attr('href', canvas.toDataURL()).attr('width', innerW).attr('height', innerH).attr('preserveAspectRatio', 'none').style('image-rendering', 'pixelated');
        // Each region's pattern over its colour, through the region's own cells.
        const defs = svg.insert('defs', ':first-child').node()!;
        for (const [output, d] of regionPaths(advisory, RESOLUTION, innerW / RESOLUTION, innerH / RESOLUTION)) {
          const pattern = fillPattern(output);
          if (!pattern.d) continue;
          defs.append(patternElement(document, `${patternId}-${output}`, pattern, patternInk(outputColor(output))));
          g.append('path').attr('class', 'slice-region-pattern').attr('d', d).attr('fill', `url(#${patternId}-${output})`);
        }
      }
    }
    // Each region also carries its output's name (the colours are not the only cue): laid out once the counterexample is drawn.
    const labelLayer = g.append('g');
    g.append('g').attr('class', 'slice-axis').attr('transform', `translate(0,${innerH})`).call(d3.axisBottom(x).ticks(6, '~s'));
    g.append('g').attr('class', 'slice-axis').call(d3.axisLeft(y).ticks(6, '~s'));
    g.append('text').attr('class', 'slice-axis-title').attr('x', innerW / 2).attr('y', innerH + 38).attr('text-anchor', 'middle').text(model.inputNames[settings.x] ?? `x${settings.x}`);
    g.append('text').attr('class', 'slice-axis-title').attr('transform', `translate(${-54},${innerH / 2}) rotate(-90)`).attr('text-anchor', 'middle').text(model.inputNames[settings.y] ?? `x${settings.y}`);
    // The property's box (each case), and the counterexample: what the regions' names keep clear of.
    const plot = { width: innerW, height: innerH };
    const obstacles: Box[] = [];
    const outline: Box[] = [];
    for (const c of spec?.cases ?? []) {
      const x0 = x(Math.max(frame.xRange[0], c.loIn[settings.x]!));
      const x1 = x(Math.min(frame.xRange[1], c.hiIn[settings.x]!));
      const y0 = y(Math.min(frame.yRange[1], c.hiIn[settings.y]!));
      const y1 = y(Math.max(frame.yRange[0], c.loIn[settings.y]!));
      g.append('rect').attr('class', 'slice-box').attr('x', x0).attr('y', y0).attr('width', Math.max(2, x1 - x0)).attr('height', Math.max(2, y1 - y0));
      outline.push(...outlineBoxes({ x0, y0, x1: x0 + Math.max(2, x1 - x0), y1: y0 + Math.max(2, y1 - y0) }, 2));
    }
    if (counterexample) {
      const cx = x(counterexample.input[settings.x]!);
      const cy = y(counterexample.input[settings.y]!);
      const mark = g.append('g').attr('class', 'slice-cex').attr('transform', `translate(${cx},${cy})`).attr('data-testid', 'slice-counterexample');
      mark.append('circle').attr('r', CEX_RADIUS);
      mark.append('path').attr('d', 'M-6,-6L6,6M-6,6L6,-6');
      const caption = mark.append('text').attr('dominant-baseline', 'central').text('counterexample');
      const at = counterexampleCaption(cx, cy, CEX_RADIUS + 1.5, textSize(caption.node()!), plot);
      caption.attr('x', at.dx).attr('y', at.dy).attr('text-anchor', at.anchor);
      obstacles.push({ x0: cx - CEX_RADIUS - 1.5, y0: cy - CEX_RADIUS - 1.5, x1: cx + CEX_RADIUS + 1.5, y1: cy + CEX_RADIUS + 1.5 }, at.box);
    }
    if (result && result.summary.resolution === RESOLUTION) drawRegionLabels(labelLayer, result.trace.advisory, plot, obstacles, outline, (output) => model.outputNames[output] ?? `y${output}`);
  }, [frame, model, spec, counterexample, result, width, height, settings.x, settings.y, patternId]);

  if (!model || n < 2) {
    return (
      <Figure title="Input space" exportName="solver-input-space" className="solver-slice">
        <p className="solver-empty">{model ? 'The input-space view needs a network with at least two inputs.' : 'Open the network to see its input space.'}</p>
        <div ref={box} className="solver-figure-box" />
      </Figure>
    );
  }
  const names = model.inputNames.map(short);
  const axisSelect = (label: string, value: number, other: number, set: (v: number) => void) => (
    <label>
      {label}{' '}
      <select value={value} onChange={(e) => set(Number(e.target.value))}>
        {names.map((name, i) => (
          <option key={i} value={i} disabled={i === other}>
            {name}
          </option>
        ))}
      </select>
    </label>
  );
  return (
    <Figure
      title="Input space"
      exportName="solver-input-space"
      className="solver-slice"
      figureKey={[...model.outputNames.map((name, i) => ({ label: name, fill: outputColor(i), pattern: fillPattern(i) })), { label: 'property box', fill: 'none', stroke: '#16191d', dashed: true }]}
      actions={
        <span className="slice-controls">
          {axisSelect('x', settings.x, settings.y, (v) => onChange({ ...settings, x: v }))}
          {axisSelect('y', settings.y, settings.x, (v) => onChange({ ...settings, y: v }))}
          <select aria-label="Slice extent" value={settings.zoom} onChange={(e) => onChange({ ...settings, zoom: e.target.value as 'box' | 'full' })}>
            <option value="box">property box</option>
            <option value="full">whole range</option>
          </select>
        </span>
      }
    >
      <p className="solver-caption">
        The smallest output (the advisory) at each point
        {n > 2 ? (settings.fixed.length === 0 ? (counterexample ? ', the other inputs as at the counterexample' : ', the other inputs at the box centre') : ', the other inputs as set') : ''}.{' '}
        {run.state.status === 'running' ? computing(run.state.progress) : ''}
      </p>
      {n > 2 && frame && (
        <div className="slice-fixed" aria-label="Other inputs">
          {names.map((name, i) =>
            i === settings.x || i === settings.y ? null : (
              <label key={`${i}:${frame.fixed[i]}`}>
                {name}
                <input
                  type="number"
                  step="any"
                  defaultValue={Number(frame.fixed[i]!.toPrecision(6))}
                  onBlur={(e) => {
                    const v = Number(e.target.value);
                    if (!Number.isFinite(v)) return;
                    const fixed = frame.fixed.slice();
                    fixed[i] = v;
                    onChange({ ...settings, fixed });
                  }}
                  onKeyDown={(e) => e.key === 'Enter' && e.currentTarget.blur()}
                />
              </label>
            ),
          )}
          {settings.fixed.length > 0 && (
            <button type="button" className="quiet" onClick={() => onChange({ ...settings, fixed: [] })}>
              {counterexample ? 'back to the counterexample' : 'back to the box centre'}
            </button>
          )}
        </div>
      )}
      <div ref={box} className="solver-figure-box" data-testid="input-slice" data-ready={result && resultFrame === frame ? 'yes' : 'no'}>
        <svg ref={svgRef} width={width} height={height} role="img" aria-label="Input-space slice coloured by advisory" />
      </div>
    </Figure>
  );
}

/** A text's size as drawn, its white halo (stroke) included. */
function textSize(text: SVGTextElement): { width: number; height: number } {
  const b = text.getBBox();
  const halo = parseFloat(getComputedStyle(text).strokeWidth) || 0;
  return { width: b.width + halo, height: b.height + halo };
}

/** Names the regions on the plot where a name fits: never over the counterexample, another name or the plot's edge; off the property box's outline where it can. */
function drawRegionLabels(layer: d3.Selection<SVGGElement, unknown, null, undefined>, advisory: ArrayLike<number>, plot: { width: number; height: number }, obstacles: Box[], avoid: Box[], name: (output: number) => string) {
  const texts = new Map<number, SVGTextElement>();
  const size = (output: number) => {
    const text = layer.append('text').attr('class', 'slice-region-label').attr('text-anchor', 'middle').attr('dominant-baseline', 'central').text(name(output)).node()!;
    texts.set(output, text);
    return textSize(text);
  };
  const placed = new Map(placeRegionLabels({ advisory, resolution: RESOLUTION, plot, size, obstacles, avoid }).map((l) => [l.output, l]));
  for (const [output, text] of texts) {
    const l = placed.get(output);
    if (l) d3.select(text).attr('x', l.x).attr('y', l.y);
    else text.remove();
  }
}

/** What the caption says while the slice is computed: the rows done, once the worker has loaded the network. */
function computing(progress: { done: number; total?: number } | undefined): string {
  if (!progress?.total) return 'Computing… (loading the network)';
  return `Computing… ${progress.done} of ${progress.total} rows (${Math.round((100 * progress.done) / progress.total)}%).`;
}

export function formatValue(v: number): string {
  // Outward rounding leaves traces like −5.7e−13 where the property says 0: not worth a reader's attention.
  if (Math.abs(v) < 1e-9) return '0';
  return Math.abs(v) >= 1e4 ? v.toFixed(0) : Math.abs(v) >= 10 ? v.toFixed(1) : v.toPrecision(3);
}
