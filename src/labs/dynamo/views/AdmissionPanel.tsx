import type { DynamoConfig } from '../../../engines/dynamo/config.ts';
import type { DynamoSummary } from '../../../engines/dynamo/measure/summary.ts';
import type { BackgroundSummary } from '../../../engines/dynamo/service/backgroundSummary.ts';
import { Figure } from '../../../ui/Figure.tsx';
import { percent } from '../../../ui/chart/format.ts';
import { formatMs } from '../names.ts';
import { BackgroundProgressPlot, DiskReadTailPlot, type BucketCurve } from './admissionPlots.tsx';

interface Run {
  label: string;
  background: BackgroundSummary;
  readP999Ms: number;
}

const COLORS = ['#1f5fd1', '#d9730d', '#7b3fe4', '#b42318'];

/** The scenario and its variants that switch admission control: the runs this panel compares. */
function admissionRuns(summary: DynamoSummary, config: DynamoConfig): Run[] {
  const base = config.service.background.admission;
  const others = summary.variants.filter((v) => v.set.admissionControl !== undefined && v.set.admissionControl !== base && v.background.costed);
  const self = { label: `this scenario (${base ? 'admission control' : 'no admission control'})`, background: summary.queueing.background, readP999Ms: summary.latencyMs.read.p999Ms };
  return [self, ...others.map((v) => ({ label: v.label, background: v.background, readP999Ms: v.readLatencyMs.p999 }))];
}

const worst = (xs: readonly (number | null)[]) => xs.reduce<number>((m, x) => (x === null ? m : Math.max(m, x)), 0);

/**
 * Admission control for background tasks (SOSP'07 §6.5): the foreground disk reads' 99th
 * percentile the controller watches, against its target, and the background work left to do,
 * for this run and the variants that switch admission control.
 */
export function AdmissionPanel({ summary, config, width, height, now }: { summary: DynamoSummary; config: DynamoConfig; width: number; height: number; now: number }) {
  const runs = admissionRuns(summary, config);
  const curve = (r: Run, i: number, values: readonly (number | null)[]): BucketCurve => ({
    label: r.label,
    color: COLORS[i % COLORS.length]!,
    dashed: !r.background.admission,
    bucketMs: r.background.bucketMs,
    values,
  });
  const bg = summary.queueing.background;
  return (
    <>
      <Figure title="Admission control (§6.5): what the controller watches" exportName="dynamo-admission-disk-reads">
        <DiskReadTailPlot width={width - 20} height={height} curves={runs.map((r, i) => curve(r, i, r.background.readP99Ms))} now={now} targetMs={bg.targetMs} />
      </Figure>
      <Figure title="Background work still to do" exportName="dynamo-admission-progress">
        <BackgroundProgressPlot width={width - 20} height={Math.round(height * 0.75)} curves={runs.map((r, i) => curve(r, i, r.background.hintsPending))} now={now} />
      </Figure>
      <table className="data dyn-summary dyn-admission-table">
        <thead>
          <tr>
            <th>run</th>
            <th className="num">reads 99.9th</th>
            <th className="num">worst disk 99th</th>
            <th className="num">background, busiest bucket</th>
            <th className="num">hints all delivered</th>
          </tr>
        </thead>
        <tbody>
          {runs.map((r) => (
            <tr key={r.label}>
              <th>{r.label}</th>
              <td className="num">{formatMs(r.readP999Ms)}</td>
              <td className="num">{formatMs(worst(r.background.readP99Ms))}</td>
              <td className="num">{percent(worst(r.background.busyShare), 0)}</td>
              <td className="num">{r.background.hintsClearedMs === null ? 'not by the end' : `at ${formatMs(r.background.hintsClearedMs)}`}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <p className="dyn-note">
        Hand-offs and anti-entropy read and write {formatMs(config.service.background.keyMs)} per key through the storage engine gets and puts use.{' '}
        {bg.admission
          ? `Paced: at most ${config.service.background.maxSlices} slices of ${formatMs(config.service.background.sliceMs)} per ${formatMs(config.service.background.windowMs)}, halved while the worst 99th percentile is over ${formatMs(bg.targetMs)}.`
          : 'Unpaced: each task joins the queue whole, and the reads behind it wait.'}
        {runs.length === 1 ? ` Add a variant under Compare that turns admission control ${bg.admission ? 'off' : 'on'} to compare.` : ''}
      </p>
    </>
  );
}
