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

interface PartProps {
  summary: DynamoSummary;
  config: DynamoConfig;
  width: number;
  height: number;
  now: number;
}

function curvesOf(summary: DynamoSummary, config: DynamoConfig, values: (b: BackgroundSummary) => readonly (number | null)[]): BucketCurve[] {
  return admissionRuns(summary, config).map((r, i) => ({
    label: r.label,
    color: COLORS[i % COLORS.length]!,
    dashed: !r.background.admission,
    bucketMs: r.background.bucketMs,
    values: values(r.background),
  }));
}

/** What the controller watches: the foreground disk reads' 99th percentile per run, against its target. */
export function AdmissionWatched({ summary, config, width, height, now }: PartProps) {
  return (
    <Figure title="Admission control (§6.5): what the controller watches" exportName="dynamo-admission-disk-reads">
      <DiskReadTailPlot width={width - 20} height={height} curves={curvesOf(summary, config, (b) => b.readP99Ms)} now={now} targetMs={summary.queueing.background.targetMs} />
    </Figure>
  );
}

/** The background work still to do (hints pending) per run: paced work finishes, later. */
export function AdmissionProgress({ summary, config, width, height, now }: PartProps) {
  return (
    <Figure title="Background work still to do" exportName="dynamo-admission-progress">
      <BackgroundProgressPlot width={width - 20} height={height} curves={curvesOf(summary, config, (b) => b.hintsPending)} now={now} />
    </Figure>
  );
}

/** The runs' headline numbers, and what the pacing was. */
export function AdmissionTable({ summary, config }: { summary: DynamoSummary; config: DynamoConfig }) {
  const runs = admissionRuns(summary, config);
  const bg = summary.queueing.background;
  return (
    <>
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

/**
 * Admission control for background tasks (SOSP'07 §6.5): the foreground disk reads' 99th
 * percentile the controller watches, against its target, and the background work left to do,
 * for this run and the variants that switch admission control.
 */
export function AdmissionPanel(props: PartProps) {
  return (
    <>
      <AdmissionWatched {...props} />
      <AdmissionProgress {...props} height={Math.round(props.height * 0.75)} />
      <AdmissionTable summary={props.summary} config={props.config} />
    </>
  );
}
