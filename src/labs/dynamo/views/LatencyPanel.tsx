import type { DynamoConfig } from '../../../engines/dynamo/config.ts';
import type { DynamoSummary, VariantResult } from '../../../engines/dynamo/measure/summary.ts';
import { Figure } from '../../../ui/Figure.tsx';
import { PaneSections, type PaneSection } from '../../../ui/present/PaneSections.tsx';
import { formatMs } from '../names.ts';
import { AdmissionPanel, AdmissionProgress, AdmissionTable, AdmissionWatched } from './AdmissionPanel.tsx';
import { figure4Curves, LatencyOverTimePlot, LoadCurvePlot, QueuePerNodePlot, type LatencyCurve } from './latencyPlots.tsx';

interface Props {
  summary: DynamoSummary;
  config: DynamoConfig;
  now: number;
  width: number;
  nodes: number;
}

const RUN_COLORS = ['#1f5fd1', '#d9730d', '#7b3fe4', '#b42318'];

/**
 * The latency side of the paper (SOSP'07 §6): latency over time with the load that drives it
 * (Figure 4), how busy each node was (load imbalance shows as queueing), buffered against
 * durable writes (Figure 5) with what the buffers cost in durability, and admission control
 * for background tasks (§6.5) where they take the storage engine's time.
 */
export function LatencyPanel({ summary, config, now, width, nodes }: Props) {
  const wide = width >= 760;
  const colWidth = wide ? Math.floor((width - 12) / 2) : width;
  const h = Math.round(Math.min(270, Math.max(210, colWidth * 0.5)));
  const q = summary.queueing;
  return (
    <div className="dyn-metrics">
      <div className={wide ? 'dyn-grid2' : 'dyn-grid1'}>
        <div>
          <Figure4 summary={summary} width={colWidth} height={h} now={now} />
          <TailTable summary={summary} />
          <LoadFigure summary={summary} width={colWidth} height={Math.round(h * 0.7)} now={now} />
        </div>
        <div>
          <Queues summary={summary} width={colWidth} height={h} nodes={nodes} />
          {q.background.costed && <AdmissionPanel summary={summary} config={config} width={colWidth} height={h} now={now} />}
          {(!q.background.costed || config.service.bufferedWrites) && <BufferedWrites summary={summary} config={config} width={colWidth} height={h} now={now} />}
        </div>
      </div>
    </div>
  );
}

/**
 * The latency side on a projector: one figure at a time sized to the pane (Figure 4, its whole-run
 * numbers, the load, the queues, Figure 5), the others one pick away; never a scroll.
 */
export function LatencySections({ summary, config, now, width, nodes }: Props) {
  const q = summary.queueing;
  const sections: PaneSection[] = [
    {
      id: 'figure-4',
      label: 'Latency over time (Figure 4)',
      render: ({ drawing }) => <Figure4 summary={summary} width={width} height={drawing} now={now} />,
    },
    { id: 'tail', label: 'Whole run: the tail against the average', render: () => <TailTable summary={summary} /> },
    {
      id: 'load',
      label: 'Load: operations per second',
      render: ({ drawing }) => <LoadFigure summary={summary} width={width} height={drawing} now={now} />,
    },
    {
      id: 'queues',
      label: 'Utilisation and queue per node',
      // The assumption's note under the figure takes about 3 rem.
      render: ({ drawing, rem }) => <Queues summary={summary} width={width} height={Math.max(120, Math.floor(drawing - 3 * rem))} nodes={nodes} />,
    },
  ];
  if (config.service.enabled)
    sections.push(
      {
        id: 'figure-5',
        label: 'Buffered against durable writes (Figure 5)',
        render: ({ drawing }) => <BufferedWrites summary={summary} config={config} width={width} height={drawing} now={now} part="figure" />,
      },
      {
        id: 'figure-5-runs',
        label: 'Buffered against durable writes: the runs compared',
        render: () => <BufferedWrites summary={summary} config={config} width={width} height={0} now={now} part="table" />,
      },
    );
  if (q.background.costed)
    sections.push(
      {
        id: 'admission',
        label: 'Admission control (§6.5): what the controller watches',
        render: ({ drawing }) => <AdmissionWatched summary={summary} config={config} width={width} height={drawing} now={now} />,
      },
      {
        id: 'admission-progress',
        label: 'Background work still to do',
        render: ({ drawing }) => <AdmissionProgress summary={summary} config={config} width={width} height={drawing} now={now} />,
      },
      { id: 'admission-table', label: 'Admission control: the runs compared', render: () => <AdmissionTable summary={summary} config={config} /> },
    );
  // Opened on a scenario about admission control or Figure 5, the pane shows that first.
  const initial = q.background.costed ? 'admission' : config.service.enabled && bufferRuns(summary, config).length > 1 ? 'figure-5' : undefined;
  return <PaneSections sections={sections} label="Show" initial={initial} />;
}

/** The runs whose only difference in the object buffer is whether writes are buffered: the scenario and its variants that switch it. */
function bufferRuns(summary: DynamoSummary, config: DynamoConfig): { label: string; buffered: boolean; run: VariantResult | null }[] {
  const base = config.service.bufferedWrites;
  const others = summary.variants.filter((v) => v.set.bufferedWrites !== undefined && v.set.bufferedWrites !== base && (v.set.queueing ?? config.service.enabled));
  return [{ label: `this scenario (${base ? 'buffered' : 'durable'} writes)`, buffered: base, run: null }, ...others.map((v) => ({ label: v.label, buffered: !base, run: v }))];
}

/**
 * Figure 5: the writes' 99.9th percentile over time, buffered against durable (`part` "figure"), and
 * each run's numbers with what crashes took from the buffers ("table"); the normal layout shows both.
 */
function BufferedWrites({ summary, config, width, height, now, part = 'both' }: { summary: DynamoSummary; config: DynamoConfig; width: number; height: number; now: number; part?: 'figure' | 'table' | 'both' }) {
  const b = summary.queueing.buffered;
  if (!config.service.enabled) return null;
  const runs = bufferRuns(summary, config);
  const buffers = config.service.bufferedWrites
    ? `Object buffers (§6.1): ${b.flushes.toLocaleString('en-US')} flushes; ${b.lostFromBuffers.toLocaleString('en-US')} versions lost from buffers in crashes, ${b.heldAtEnd.toLocaleString('en-US')} still buffered at the end.`
    : 'Writes go to the storage engine directly (durable).';
  if (runs.length === 1)
    return (
      <p className="dyn-note">
        {buffers} Add a variant under Compare that turns buffered writes {config.service.bufferedWrites ? 'off' : 'on'} to draw Figure 5 (buffered against durable writes).
      </p>
    );
  const curves: LatencyCurve[] = runs.map((r, i) => ({
    windows: r.run ? r.run.latencyOverTime : summary.latencyOverTime,
    label: `${r.label}: writes, 99.9th`,
    color: RUN_COLORS[i % RUN_COLORS.length]!,
    dashed: !r.buffered,
    value: (w) => w.write.p999Ms,
  }));
  const stats = (r: (typeof runs)[number]) =>
    r.run ? { mean: r.run.writeLatencyMs.mean, p999: r.run.writeLatencyMs.p999, lost: r.run.lostFromBuffers } : { mean: summary.latencyMs.write.meanMs, p999: summary.latencyMs.write.p999Ms, lost: b.lostFromBuffers };
  return (
    <>
      {part !== 'table' && (
        <Figure title="Buffered against durable writes (Figure 5): the writes’ 99.9th percentile" exportName="dynamo-buffered-writes">
          <LatencyOverTimePlot width={width - 20} height={height} curves={curves} now={now} label="Buffered against durable writes" />
        </Figure>
      )}
      {part !== 'figure' && (
        <>
      <table className="data dyn-summary dyn-buffer-table">
        <thead>
          <tr>
            <th>run</th>
            <th className="num">write mean</th>
            <th className="num">write 99.9th</th>
            <th className="num">lost from buffers</th>
          </tr>
        </thead>
        <tbody>
          {runs.map((r) => {
            const s = stats(r);
            return (
              <tr key={r.label}>
                <th>{r.label}</th>
                <td className="num">{formatMs(s.mean)}</td>
                <td className="num">{formatMs(s.p999)}</td>
                <td className="num">{r.buffered ? s.lost.toLocaleString('en-US') : '— (durable)'}</td>
              </tr>
            );
          })}
        </tbody>
      </table>
      <p className="dyn-note">{buffers}</p>
        </>
      )}
    </>
  );
}

/** The whole run's average and 99.9th percentile, and how far the tail sits above the average. */
function TailTable({ summary }: { summary: DynamoSummary }) {
  const rows = [
    { label: 'reads', s: summary.latencyMs.read },
    { label: 'writes', s: summary.latencyMs.write },
  ];
  return (
    <table className="data dyn-summary dyn-tail-table">
      <caption>Whole run, exact</caption>
      <thead>
        <tr>
          <th />
          <th className="num">average</th>
          <th className="num">99.9th</th>
          <th className="num">99.9th ÷ average</th>
        </tr>
      </thead>
      <tbody>
        {rows.map(({ label, s }) => (
          <tr key={label}>
            <th>{label}</th>
            <td className="num">{formatMs(s.meanMs)}</td>
            <td className="num">{formatMs(s.p999Ms)}</td>
            <td className="num">{s.count === 0 ? '–' : `${(s.p999Ms / s.meanMs).toFixed(1)}×`}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

interface FigureProps {
  summary: DynamoSummary;
  width: number;
  height: number;
  now: number;
}

/** Figure 4: latency over time, the 99.9th percentile against the average. */
function Figure4({ summary, width, height, now }: FigureProps) {
  return (
    <Figure title="Latency over time (Figure 4): the 99.9th percentile against the average" exportName="dynamo-latency-over-time">
      <LatencyOverTimePlot width={width - 20} height={height} curves={figure4Curves(summary.latencyOverTime)} now={now} label="Latency over time" />
    </Figure>
  );
}

/** The load that drives Figure 4: operations started per second. */
function LoadFigure({ summary, width, height, now }: FigureProps) {
  return (
    <Figure title="Load: operations started per second" exportName="dynamo-load-over-time">
      <LoadCurvePlot width={width - 20} height={height} windows={summary.latencyOverTime} now={now} />
    </Figure>
  );
}

/** How busy each node was and its queue (§6), with the service model's assumption; or why there is none. */
function Queues({ summary, width, height, nodes }: Omit<FigureProps, 'now'> & { nodes: number }) {
  const q = summary.queueing;
  if (!q.enabled)
    return <p className="dyn-note">Node queueing is off: every node answers at once, so latency is the network’s alone. Turn it on under Service and queueing in the settings.</p>;
  return (
    <>
      <Figure title="Utilisation and queue per node (§6)" exportName="dynamo-queues">
        <QueuePerNodePlot width={width - 20} height={height} nodes={q.perNode} total={nodes} />
      </Figure>
      <p className="dyn-note">{q.assumption}.</p>
    </>
  );
}
