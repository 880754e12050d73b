import * as d3 from 'd3';
import { Chart, inner } from '../../../ui/chart/Chart.tsx';
import { tickCount } from '../../../ui/chart/format.ts';
import { Figure } from '../../../ui/Figure.tsx';
import { useElementSize } from '../../../ui/useElementSize.ts';
import type { ClauseSeries } from '../replay/clauseDb.ts';
import { ROLE } from './palette.ts';
import { legendLayout, SvgLegend, type LegendItem } from './SvgLegend.tsx';
import { count } from './text.ts';

interface Props {
  series: ClauseSeries | undefined;
  inputClauses: number;
  position: number;
  height: number;
  font: number;
}


/**
 * The clause database over the run: learnt clauses accumulate at each conflict and are cut back
 * by LBD-based reduction (Audemard and Simon, glucose 2009); theory explanations add clauses too.
 */
export function ClauseDbChart({ series, inputClauses, position, height, font }: Props) {
  const [box, size] = useElementSize<HTMLDivElement>();
  const width = Math.max(360, size.width);
  const n = series?.learnt.length ?? 0;
  const hasTheory = (series?.explanations[n - 1] ?? 0) > 0;
  const legend: LegendItem[] = [
    { label: 'learnt clauses alive', mark: <line x1={-10} x2={10} stroke={ROLE.learnt} strokeWidth={2.5} /> },
    ...(hasTheory ? [{ label: 'theory explanations', mark: <line x1={-10} x2={10} stroke={ROLE.theory} strokeWidth={2.5} strokeDasharray="6 3" /> }] : []),
    { label: 'reduction (clauses deleted)', mark: <line y1={-8} y2={8} stroke={ROLE.deleted} strokeWidth={3} /> },
  ];
  const legendH = legendLayout(legend, width - 14, font).height + 12;
  const { w, h } = inner(width, height - legendH, undefined, font);
  const x = d3.scaleLinear().domain([0, Math.max(1, n - 1)]).range([0, w]);
  const y = d3.scaleLinear().domain([0, Math.max(4, series?.peak ?? 0)]).range([h, 0]).nice();
  const end = Math.min(position, n - 1);
  const stride = Math.max(1, Math.floor(n / (w * 2)));
  const path = (values: Int32Array) => {
    const pts: [number, number][] = [];
    for (let i = 0; i <= end; i += stride) pts.push([x(i), y(values[i]!)]);
    if (end >= 0) pts.push([x(end), y(values[end]!)]);
    return d3.line().curve(d3.curveStepAfter)(pts) ?? '';
  };
  const total = series && end >= 0 ? series.learnt[end]! + series.explanations[end]! : 0;
  return (
    <Figure title="Clause database" exportName="smt-clause-database" className="smt-figure">
      <p className="smt-caption">
        {series
          ? `${count(inputClauses)} input clauses; now ${count(series.learnt[end] ?? 0)} learnt${hasTheory ? ` and ${count(series.explanations[end] ?? 0)} theory explanations` : ''}; ${series.reductions.filter((r) => r.at <= position).length} reductions so far.`
          : 'Learnt clauses, as they are added and deleted.'}
      </p>
      <div ref={box} className="smt-box" data-testid="clause-db" data-clauses={total}>
        {series && (
          <svg width={width} height={height} style={{ fontSize: font }} role="img" aria-label="Clause database over the run">
            <SvgLegend items={legend} width={width} fontSize={font} />
            <g transform={`translate(0,${legendH})`}>
              <Chart width={width} height={height - legendH} x={x} y={y} xLabel="event" yLabel="clauses" cursor={position} cursorLabel={(e) => `event ${e}`} label="Clause database" font={font} yTicks={y.ticks(tickCount(h, font * 2.5)).filter(Number.isInteger)}>
                {series.reductions
                  .filter((r) => r.at <= position)
                  .map((r) => (
                    <line key={r.at} x1={x(r.at)} x2={x(r.at)} y2={h} stroke={ROLE.deleted} strokeWidth={3} opacity={0.8}>
                      <title>{`event ${r.at}: ${r.removed} learnt clauses deleted`}</title>
                    </line>
                  ))}
                <path d={path(series.learnt)} fill="none" stroke={ROLE.learnt} strokeWidth={2.5} />
                {hasTheory && <path d={path(series.explanations)} fill="none" stroke={ROLE.theory} strokeWidth={2.5} strokeDasharray="6 3" />}
              </Chart>
            </g>
          </svg>
        )}
      </div>
    </Figure>
  );
}
