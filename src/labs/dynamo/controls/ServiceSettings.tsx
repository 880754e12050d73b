import type { BackgroundConfig, ServiceConfig } from '../../../engines/dynamo/config.ts';
import { describeDistribution, mean, type Distribution } from '../../../engines/dynamo/sim/latency.ts';
import { formatMs } from '../names.ts';
import { CheckField, NumberField, SelectField } from './fields.tsx';

type Shape = 'exponential' | 'constant' | 'slow-tail' | 'custom';

/** A storage engine with occasional slow accesses: a share of the operations from an exponential with a longer mean. */
interface SlowTail {
  fastMs: number;
  slowMs: number;
  slowShare: number;
}

const slowTail = ({ fastMs, slowMs, slowShare }: SlowTail): Distribution => ({
  kind: 'mixture',
  parts: [
    { weight: 1 - slowShare, dist: { kind: 'exponential', meanMs: fastMs } },
    { weight: slowShare, dist: { kind: 'exponential', meanMs: slowMs } },
  ],
});

/** The slow-tail parameters of a mixture of two exponentials (weights summing to 1), or null. */
function asSlowTail(d: Distribution): SlowTail | null {
  if (d.kind !== 'mixture' || d.parts.length !== 2) return null;
  const [a, b] = d.parts;
  if (a!.dist.kind !== 'exponential' || b!.dist.kind !== 'exponential' || Math.abs(a!.weight + b!.weight - 1) > 1e-9) return null;
  return { fastMs: a!.dist.meanMs, slowMs: b!.dist.meanMs, slowShare: b!.weight };
}

function shapeOf(d: Distribution): Shape {
  if (d.kind === 'exponential' || d.kind === 'constant') return d.kind;
  return asSlowTail(d) ? 'slow-tail' : 'custom';
}

const SHAPES: { value: Shape; label: string }[] = [
  { value: 'exponential', label: 'exponential' },
  { value: 'constant', label: 'constant' },
  { value: 'slow-tail', label: 'exponential with slow accesses' },
  { value: 'custom', label: 'custom (from the scenario file)' },
];

/** The distribution for a newly picked shape, keeping the current mean. */
function withShape(d: Distribution, shape: Shape): Distribution {
  const m = mean(d);
  switch (shape) {
    case 'exponential':
      return { kind: 'exponential', meanMs: m };
    case 'constant':
      return { kind: 'constant', ms: m };
    case 'slow-tail':
      return slowTail({ fastMs: m, slowMs: 12 * m, slowShare: 0.03 });
    case 'custom':
      return d;
  }
}

/**
 * Node service and queueing (SOSP'07 §6) and buffered writes (§6.1): whether nodes serve one
 * operation at a time from a queue, how long an operation keeps a node busy, and the object
 * buffer's flush period and memory time.
 */
export function ServiceSettings({ service, onChange }: { service: ServiceConfig; onChange(s: ServiceConfig): void }) {
  const set = (patch: Partial<ServiceConfig>) => onChange({ ...service, ...patch });
  const t = service.time;
  const shape = shapeOf(t);
  const tail = asSlowTail(t);
  const setTime = (time: Distribution) => set({ time });
  return (
    <>
      <CheckField label="nodes queue requests (one operation at a time)" checked={service.enabled} onChange={(enabled) => set({ enabled })} />
      {service.enabled && (
        <>
          <SelectField label="service time" value={shape} options={SHAPES} onChange={(s) => setTime(withShape(t, s))} title="Time one replica operation keeps a node of capacity 1 busy" />
          {t.kind === 'exponential' && <NumberField label="mean" unit="ms" value={t.meanMs} min={0.001} max={1e7} onChange={(meanMs) => setTime({ kind: 'exponential', meanMs })} />}
          {t.kind === 'constant' && <NumberField label="time" unit="ms" value={t.ms} min={0} max={1e7} onChange={(ms) => setTime({ kind: 'constant', ms })} />}
          {tail && (
            <>
              <div className="dyn-row">
                <NumberField label="usual mean" unit="ms" value={tail.fastMs} min={0.001} max={1e7} onChange={(fastMs) => setTime(slowTail({ ...tail, fastMs }))} width="4.5rem" />
                <NumberField label="slow mean" unit="ms" value={tail.slowMs} min={0.001} max={1e7} onChange={(slowMs) => setTime(slowTail({ ...tail, slowMs }))} width="4.5rem" />
              </div>
              <NumberField label="share of slow accesses" value={tail.slowShare} min={0.000001} max={0.999999} step={0.01} onChange={(slowShare) => setTime(slowTail({ ...tail, slowShare }))} width="5rem" />
            </>
          )}
          <p className="dyn-note">
            {describeDistribution(t)} (mean {formatMs(mean(t))})
          </p>
          <CheckField label="buffered writes: an object buffer, flushed (§6.1)" checked={service.bufferedWrites} onChange={(bufferedWrites) => set({ bufferedWrites })} />
          {service.bufferedWrites && (
            <div className="dyn-row">
              <NumberField label="flush every" unit="ms" value={service.flushIntervalMs} min={0.001} max={1e6} onChange={(flushIntervalMs) => set({ flushIntervalMs })} width="4.5rem" />
              <NumberField label="memory time" unit="ms" value={service.bufferMs} min={0} max={1e4} onChange={(bufferMs) => set({ bufferMs })} width="4.5rem" title="Time a write into the buffer, or a read it answers, keeps the node busy" />
            </div>
          )}
          <BackgroundSettings background={service.background} onChange={(background) => set({ background })} />
        </>
      )}
    </>
  );
}

/** §6.5: what background tasks cost the storage engine, and the admission controller that paces them. */
function BackgroundSettings({ background: b, onChange }: { background: BackgroundConfig; onChange(b: BackgroundConfig): void }) {
  const set = (patch: Partial<BackgroundConfig>) => onChange({ ...b, ...patch });
  return (
    <>
      <NumberField
        label="background work per key"
        unit="ms"
        value={b.keyMs}
        min={0}
        max={100}
        step={0.1}
        onChange={(keyMs) => set({ keyMs })}
        width="4.5rem"
        title="Storage-engine time a hand-off or anti-entropy exchange spends reading or writing one key (0: background work is free)"
      />
      {b.keyMs > 0 && (
        <>
          <CheckField label="admission control for background tasks (§6.5)" checked={b.admission} onChange={(admission) => set({ admission })} />
          {b.admission && (
            <>
              <div className="dyn-row">
                <NumberField label="target disk 99th" unit="ms" value={b.targetMs} min={0.001} max={1e5} onChange={(targetMs) => set({ targetMs })} width="4.5rem" title="The 99th percentile of foreground disk reads the controller steers towards" />
                <NumberField label="over" unit="ms" value={b.windowMs} min={10} max={1e6} onChange={(windowMs) => set({ windowMs })} width="4.5rem" title="The trailing window the percentile covers; the controller re-decides at its end" />
              </div>
              <div className="dyn-row">
                <NumberField label="slice" unit="ms" value={b.sliceMs} min={0.1} max={1e4} onChange={(sliceMs) => set({ sliceMs })} width="4.5rem" title="How long a background task holds the storage engine at a time" />
                <NumberField label="most slices per window" value={b.maxSlices} min={1} max={1e6} integer onChange={(maxSlices) => set({ maxSlices })} width="4.5rem" />
              </div>
            </>
          )}
        </>
      )}
    </>
  );
}
