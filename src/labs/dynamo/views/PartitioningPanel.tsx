import * as d3 from 'd3';
import type { DynamoConfig, Strategy } from '../../../engines/dynamo/config.ts';
import type { DynamoSummary } from '../../../engines/dynamo/measure/summary.ts';
import { Figure } from '../../../ui/Figure.tsx';
import { PaneSections, type PaneSection } from '../../../ui/present/PaneSections.tsx';
import { percent } from '../../../ui/chart/format.ts';
import { Chart, inner } from '../../../ui/chart/Chart.tsx';
import type { LegendItem } from '../../../ui/chart/Legend.tsx';
import { Mark, MarkIcon, seriesStyle, type SeriesStyle } from '../../../ui/chart/palette.tsx';

/** Each strategy's colour, mark and dash (the palette's series), in the chart, its key and the table. */
const LOOK: Record<Strategy, SeriesStyle> = { 1: seriesStyle(1), 2: seriesStyle(3), 3: seriesStyle(2) };
const NAMES: Record<Strategy, string> = {
  1: 'strategy 1: T random tokens per node',
  2: 'strategy 2: T random tokens, Q equal partitions',
  3: 'strategy 3: Q/S tokens per node, equal partitions',
};

/**
 * The paper's Figure 8 recomputed for this cluster (S nodes, N replicas), and the three
 * strategies on this scenario's own keys and popularity at its T and Q.
 */
export function PartitioningPanel({ summary, config, width }: Props) {
  const w = Math.max(300, width - 20);
  const h = Math.round(Math.min(320, Math.max(220, w * 0.45)));
  return (
    <div className="dyn-partitioning">
      <Figure8 summary={summary} config={config} width={w} height={h} />
      <StrategiesTable summary={summary} config={config} />
      <MeasuredTable summary={summary} config={config} />
    </div>
  );
}

interface Props {
  summary: DynamoSummary;
  config: DynamoConfig;
  width: number;
}

/** The partitioning study on a projector: Figure 8, then the strategies on this scenario's keys, then what the runs measured; one at a time. */
export function PartitioningSections({ summary, config, width }: Props) {
  const sections: PaneSection[] = [
    // Its caption (three lines at 1280) is a section of its own: under the chart it left the chart too short to read.
    { id: 'figure-8', label: 'Figure 8: efficiency against metadata', render: ({ drawing }) => <Figure8 summary={summary} config={config} width={Math.max(300, width - 20)} height={drawing} caption={false} /> },
    { id: 'figure-8-how', label: 'How Figure 8 is computed', render: () => <Figure8Caption summary={summary} /> },
    { id: 'strategies', label: 'The strategies on this scenario’s keys', render: () => <StrategiesTable summary={summary} config={config} /> },
  ];
  if (strategyRuns(summary, config).length > 1) sections.push({ id: 'measured', label: 'Measured in the simulation', render: () => <MeasuredTable summary={summary} config={config} /> });
  return <PaneSections sections={sections} label="Show" />;
}

/** This run and the variants that change the strategy, with the load efficiency each measured. */
function strategyRuns(summary: DynamoSummary, config: DynamoConfig) {
  return [
    { label: 'this run', strategy: config.cluster.strategy, efficiency: summary.load.efficiency },
    ...summary.variants.filter((v) => v.set.strategy !== undefined).map((v) => ({ label: v.label, strategy: v.set.strategy!, efficiency: v.loadEfficiency })),
  ];
}

/** Figure 8 recomputed for this cluster, `width` × `height`. */
function Figure8({ summary, config, width: w, height: h, caption = true }: { summary: DynamoSummary; config: DynamoConfig; width: number; height: number; caption?: boolean }) {
  const f = summary.partitioning.figure8;
  const legend: LegendItem[] = ([3, 1, 2] as const).map((s) => ({ label: NAMES[s], color: LOOK[s].color, shape: LOOK[s].shape, dash: LOOK[s].dash }));
  const { w: iw, h: ih } = inner(w, h, legend);
  const x = d3.scaleLog().base(2).domain([f.metadata[0] ?? 1, f.metadata[f.metadata.length - 1] ?? 2]).range([0, iw]);
  const lowest = Math.min(...([1, 2, 3] as const).flatMap((s) => f.efficiency[s]));
  const y = d3.scaleLinear().domain([Math.max(0, Math.floor(lowest * 10) / 10), 1]).range([ih, 0]);
  // The ratio is in the title: upright beside a short plot (a projector's pane) the axis title was longer than the drawing and cut at both ends.
  return (
      <Figure title={`Figure 8: load-balancing efficiency (mean ÷ max load) against metadata (S = ${config.cluster.nodes}, N = ${config.quorum.n})`} exportName="dynamo-figure-8">
        <Chart
          width={w}
          height={h}
          x={x}
          y={y}
          xLabel="metadata kept per node (tokens or partition-table entries, log scale)"
          yLabel="efficiency"
          xTicks={f.metadata}
          xFormat={(v) => String(v)}
          yFormat={(v) => percent(v, 0)}
          label="Load-balancing efficiency per partitioning strategy"
          legend={legend}
        >
          {([1, 2, 3] as const).map((s) => (
            <g key={s}>
              <path d={d3.line<number>().x((_, i) => x(f.metadata[i]!)).y((v) => y(v))(f.efficiency[s]) ?? ''} fill="none" stroke={LOOK[s].color} strokeWidth={2.5} strokeDasharray={LOOK[s].dash || undefined} />
              {f.efficiency[s].map((v, i) => (
                <Mark key={i} category={LOOK[s]} x={x(f.metadata[i]!)} y={y(v)} size={10} title={`${NAMES[s]}, ${f.metadata[i]} per node: ${percent(v, 1)}`} />
              ))}
            </g>
          ))}
        </Chart>
        {caption && <Figure8Caption summary={summary} />}
      </Figure>
  );
}

/** How Figure 8 is computed (SOSP'07 §6.2). */
function Figure8Caption({ summary }: { summary: DynamoSummary }) {
  const f = summary.partitioning.figure8;
  return (
    <p className="dyn-caption">
          Requests spread evenly over the hash space; the mean of {f.draws} random rings per point. Equal metadata: strategy 1 keeps M tokens, strategy 2 keeps M/2 tokens plus
          its share of a table of Q = S·M/2 partitions, strategy 3 keeps Q/S = M partitions (SOSP’07 §6.2).
        </p>
  );
}

/** The three strategies on this scenario's keys and popularity (expected load). */
function StrategiesTable({ summary, config }: { summary: DynamoSummary; config: DynamoConfig }) {
  return (
      <table className="data dyn-strategies">
        <caption>This scenario’s keys and popularity on each strategy (expected load; T = {config.cluster.tokensPerNode}, Q = {config.cluster.partitions})</caption>
        <thead>
          <tr>
            <th>strategy</th>
            <th className="num">tokens per node</th>
            <th className="num">partitions</th>
            <th className="num">efficiency</th>
            <th className="num">nodes &gt;15% off the mean</th>
          </tr>
        </thead>
        <tbody>
          {summary.partitioning.strategies.map((s) => (
            <tr key={s.strategy}>
              <td>
                <MarkIcon category={LOOK[s.strategy]} size={14} />
                {NAMES[s.strategy]}
              </td>
              <td className="num">{+s.tokensPerNode.toFixed(2)}</td>
              <td className="num">{s.partitions || '–'}</td>
              <td className="num">{percent(s.efficiency, 1)}</td>
              <td className="num">{percent(s.outOfBalance, 0)}</td>
            </tr>
          ))}
        </tbody>
      </table>
  );
}

/** The load efficiency measured in the simulation, this run and its variants that change the strategy. */
function MeasuredTable({ summary, config }: { summary: DynamoSummary; config: DynamoConfig }) {
  const runs = strategyRuns(summary, config);
  return (
      runs.length > 1 && (
        <table className="data dyn-strategies">
          <caption>Measured in the simulation (replica operations served, whole run)</caption>
          <thead>
            <tr>
              <th>run</th>
              <th>strategy</th>
              <th className="num">efficiency</th>
            </tr>
          </thead>
          <tbody>
            {runs.map((r) => (
              <tr key={r.label}>
                <td>{r.label}</td>
                <td>{r.strategy}</td>
                <td className="num">{percent(r.efficiency, 1)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )
  );
}
