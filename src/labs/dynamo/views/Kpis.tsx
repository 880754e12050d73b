import type { DynamoTrace } from '../../../engines/dynamo/engine.ts';
import { percent } from '../../../ui/chart/format.ts';
import { formatMs } from '../names.ts';
import { histogramPercentile, type MetricsAt } from '../seriesAt.ts';

/** The headline numbers at the player's time, large enough for the back row. */
export function Kpis({ at, trace, now }: { at: MetricsAt; trace: DynamoTrace; now: number }) {
  const requests = at.readOk + at.readFailed + at.writeOk + at.writeFailed;
  const availability = requests === 0 ? NaN : (at.readOk + at.writeOk) / requests;
  const measured = at.withinK[0]!.reads;
  const stale = measured === 0 ? NaN : 1 - at.withinK[0]!.within / measured;
  const reads = at.versions.reduce((s, v) => s + v, 0);
  const multi = reads === 0 ? NaN : (reads - at.versions[0]!) / reads;
  const backlog = at.hints.reduce((s, v) => s + v, 0);
  const divergent = trace.series.divergent[at.bucket]!;
  const items: { label: string; value: string; hint: string; tone?: 'good' | 'bad' }[] = [
    { label: 'simulated time', value: formatMs(now), hint: `of ${formatMs(trace.endTime)}` },
    { label: 'availability', value: percent(availability, 2), hint: `${requests.toLocaleString('en-US')} requests`, tone: availability < 0.99 ? 'bad' : 'good' },
    { label: 'read p99.9', value: `≤ ${formatMs(histogramPercentile(at.readLatency, 0.999))}`, hint: `write ≤ ${formatMs(histogramPercentile(at.writeLatency, 0.999))}` },
    { label: 'stale reads', value: percent(stale, 2), hint: `of ${measured.toLocaleString('en-US')} measured`, tone: stale > 0 ? 'bad' : 'good' },
    { label: 'reads with siblings', value: percent(multi, 2), hint: 'more than one version' },
    { label: 'hinted backlog', value: backlog.toLocaleString('en-US'), hint: 'versions held for others' },
    ...(divergent >= 0 ? [{ label: 'divergent keys', value: divergent.toLocaleString('en-US'), hint: 'replicas disagree' }] : []),
  ];
  return (
    <dl className="dyn-kpis" aria-label="Headline numbers at the player's time">
      {items.map((k) => (
        <div key={k.label} className={`dyn-kpi${k.tone ? ` ${k.tone}` : ''}`}>
          <dt>{k.label}</dt>
          <dd>
            <span className="dyn-kpi-value">{k.value}</span>
            <span className="dyn-kpi-hint">{k.hint}</span>
          </dd>
        </div>
      ))}
    </dl>
  );
}
