import { useEffect, useState } from 'react';
import { MAX_NODES, MAX_REQUESTS, type DynamoConfig, type Reconciliation, type ServiceConfig, type Strategy } from '../../../engines/dynamo/config.ts';
import { describeDistribution, mean, type Distribution } from '../../../engines/dynamo/sim/latency.ts';
import { largestWithin, MAX_RING_ENTRIES, MAX_RING_TOKENS, ringTableEntries, ringTokens } from '../../../engines/dynamo/ring/ringSize.ts';
import { formatMs } from '../names.ts';
import { spec } from '../scenario.ts';
import { CheckField, NumberField, Section, SelectField } from './fields.tsx';
import { FailureList } from './FailureList.tsx';
import { LATENCY_CHOICES, latencyChoice, withChoice } from './latencyChoice.ts';
import { ScriptList } from './ScriptList.tsx';
import { ServiceSettings } from './ServiceSettings.tsx';
import { VariantList } from './VariantList.tsx';
import { LatticeSettings, VALUE_CHOICES, valueChoice } from './LatticeSettings.tsx';

interface Props {
  config: DynamoConfig;
  seed: number;
  /** The player's simulated time (for "now" buttons). */
  now: number;
  onChange(config: DynamoConfig): void;
  onSeed(seed: number): void;
}

const RECONCILIATIONS: { value: Reconciliation; label: string }[] = [
  { value: 'last-write-wins', label: 'last write wins' },
  { value: 'shopping-cart', label: 'shopping cart (union)' },
  { value: 'lattice-max', label: 'lattice: max' },
  { value: 'lattice-two-phase-set', label: 'lattice: two-phase set' },
];

const COORDINATION_MODES: { value: DynamoConfig['coordination']['mode']; label: string }[] = [
  { value: 'server', label: 'server-driven (load balancer)' },
  { value: 'client', label: 'client-driven (§6.4)' },
];

const WRITE_COORDINATORS: { value: DynamoConfig['coordination']['writeCoordinator']; label: string }[] = [
  { value: 'routed', label: 'as routed' },
  { value: 'fastest-read', label: 'fastest node of the last read (§6.4)' },
];

/**
 * Every setting of the experiment, grouped as the paper presents Dynamo. Edits go to a draft that
 * is checked with the scenario's own schema; only a consistent config reaches the scenario (and
 * so the link and the saved work), and a problem is named in one sentence.
 */
export function Settings({ config, seed, now, onChange, onSeed }: Props) {
  const [draft, setDraft] = useState(config);
  const [problem, setProblem] = useState<string>();
  useEffect(() => {
    setDraft(config);
    setProblem(undefined);
  }, [config]);

  const edit = (change: (c: DynamoConfig) => DynamoConfig) => {
    const next = change(draft);
    setDraft(next);
    const checked = spec.config.parse(next, 'config');
    if (checked.ok) {
      setProblem(undefined);
      onChange(checked.value);
    } else {
      setProblem(`${checked.issue.path}: ${checked.issue.message}`);
    }
  };
  const c = draft;
  const set = <K extends keyof DynamoConfig>(k: K) => (v: Partial<DynamoConfig[K]>) => edit((x) => ({ ...x, [k]: { ...(x[k] as object), ...v } }));
  const cluster = set('cluster');
  const quorum = set('quorum');
  const repair = set('repair');
  const workload = set('workload');
  const membership = set('membership');
  const coordination = set('coordination');
  const latency = c.latency;
  const choice = latencyChoice(latency);
  const setDefault = (d: Distribution) => edit((x) => ({ ...x, latency: { ...x.latency, default: d } }));
  const d = latency.default;
  const ring = ringLimits(c);

  return (
    <div className="dyn-settings">
      {problem && (
        <p role="alert" className="dyn-problem">
          Not applied: {problem}
        </p>
      )}
      <Section title="Quorum" open badge={`N=${c.quorum.n} R=${c.quorum.r} W=${c.quorum.w}`}>
        <div className="dyn-row">
          <NumberField label="N" value={c.quorum.n} min={1} max={16} integer onChange={(n) => quorum({ n })} width="3.6rem" title="Replicas per key" />
          <NumberField label="R" value={c.quorum.r} min={1} max={16} integer onChange={(r) => quorum({ r })} width="3.6rem" title="Replies a read waits for" />
          <NumberField label="W" value={c.quorum.w} min={1} max={16} integer onChange={(w) => quorum({ w })} width="3.6rem" title="Acknowledgements a write waits for" />
        </div>
        <CheckField label="sloppy quorum with hinted handoff (§4.6)" checked={c.quorum.sloppy} onChange={(sloppy) => quorum({ sloppy })} />
        <SelectField
          label="writes"
          value={c.quorum.propagation}
          options={[
            { value: 'all', label: 'sent to all N (Dynamo)' },
            { value: 'quorum-only', label: 'reach only W (PBS worst case)' },
          ]}
          onChange={(propagation) => quorum({ propagation })}
        />
        <SelectField label="coordination" value={c.coordination.mode} options={COORDINATION_MODES} onChange={(mode) => coordination({ mode })} />
        <SelectField label="write coordinator" value={c.coordination.writeCoordinator} options={WRITE_COORDINATORS} onChange={(writeCoordinator) => coordination({ writeCoordinator })} />
        <NumberField label="request timeout" unit="ms" value={c.timeoutMs} min={0.001} max={1e6} onChange={(timeoutMs) => edit((x) => ({ ...x, timeoutMs }))} />
      </Section>
      <Section title="Ring" open badge={`${c.cluster.nodes} nodes, strategy ${c.cluster.strategy}`}>
        <div className="dyn-row">
          <NumberField label="nodes S" value={c.cluster.nodes} min={1} max={ring.nodes} maxReason={ring.nodesReason} integer onChange={(nodes) => cluster({ nodes })} width="4.5rem" />
          <NumberField label="seed nodes" value={c.cluster.seeds} min={0} max={MAX_NODES} integer onChange={(seeds) => cluster({ seeds })} width="4rem" />
        </div>
        <SelectField
          label="partitioning"
          value={c.cluster.strategy}
          options={[
            { value: 1 as Strategy, label: '1: T random tokens per node' },
            { value: 2 as Strategy, label: '2: T random tokens, Q equal partitions' },
            { value: 3 as Strategy, label: '3: Q/S tokens per node, equal partitions' },
          ]}
          onChange={(strategy) => cluster({ strategy })}
        />
        <div className="dyn-row">
          <NumberField label="tokens T" value={c.cluster.tokensPerNode} min={1} max={ring.tokens} maxReason={ring.tokensReason} integer onChange={(tokensPerNode) => cluster({ tokensPerNode })} width="4.5rem" />
          <NumberField label="partitions Q" value={c.cluster.partitions} min={1} max={ring.partitions} maxReason={ring.partitionsReason} integer onChange={(partitions) => cluster({ partitions })} width="5rem" />
        </div>
        <label className="dyn-field">
          <span className="dyn-field-label">capacities</span>
          <input
            type="text"
            defaultValue={c.cluster.capacity.join(' ')}
            key={c.cluster.capacity.join(' ')}
            placeholder="1 for every node"
            title="Relative capacity per node, in node order (A B C …); a node of capacity 2 gets twice the tokens"
            onBlur={(e) => {
              const values = e.target.value.split(/[\s,]+/).filter(Boolean).map(Number);
              if (values.every((v) => Number.isFinite(v))) cluster({ capacity: values });
            }}
            style={{ width: '9rem' }}
          />
        </label>
      </Section>
      <Section title="Versions" badge={RECONCILIATIONS.find((r) => r.value === c.versioning.reconciliation)?.label}>
        <SelectField label="merge siblings by" value={c.versioning.reconciliation} options={RECONCILIATIONS} onChange={(reconciliation) => edit((x) => ({ ...x, versioning: { ...x.versioning, reconciliation } }))} />
        <SelectField
          label="versions"
          value={c.versioning.versions}
          options={[
            { value: 'vector-clocks', label: 'vector clocks' },
            { value: 'timestamps', label: 'timestamps only' },
          ]}
          onChange={(versions) => edit((x) => ({ ...x, versioning: { ...x.versioning, versions } }))}
        />
        <NumberField label="clock skew up to" unit="ms" value={c.cluster.clockSkewMs} min={0} max={1e6} onChange={(clockSkewMs) => edit((x) => ({ ...x, cluster: { ...x.cluster, clockSkewMs } }))} />
        <NumberField label="clock size limit" value={c.versioning.clockThreshold} min={1} max={100} integer onChange={(clockThreshold) => edit((x) => ({ ...x, versioning: { ...x.versioning, clockThreshold } }))} />
      </Section>
      <Section title="Lattice values" open={c.lattice.values === 'lattice'} badge={VALUE_CHOICES.find((v) => v.value === valueChoice(c.lattice))?.label}>
        <LatticeSettings lattice={c.lattice} onChange={(lattice) => edit((x) => ({ ...x, lattice }))} />
      </Section>
      <Section title="Repair">
        <CheckField label="read repair" checked={c.repair.readRepair} onChange={(readRepair) => repair({ readRepair })} />
        <div className="dyn-row">
          <CheckField label="hinted handoff every" checked={c.repair.hintedHandoff} onChange={(hintedHandoff) => repair({ hintedHandoff })} />
          <NumberField label="" unit="ms" value={c.repair.handoffIntervalMs} min={0.001} max={1e7} onChange={(handoffIntervalMs) => repair({ handoffIntervalMs })} />
        </div>
        <div className="dyn-row">
          <CheckField label="anti-entropy every" checked={c.repair.antiEntropy} onChange={(antiEntropy) => repair({ antiEntropy })} />
          <NumberField label="" unit="ms" value={c.repair.antiEntropyIntervalMs} min={0.001} max={1e7} onChange={(antiEntropyIntervalMs) => repair({ antiEntropyIntervalMs })} />
        </div>
        <NumberField label="Merkle tree depth" value={c.repair.merkleDepth} min={0} max={16} integer onChange={(merkleDepth) => repair({ merkleDepth })} />
      </Section>
      <Section title="Network and membership" badge={choice === 'custom' ? 'custom latency' : LATENCY_CHOICES.find((l) => l.value === choice)?.label}>
        <SelectField label="latency" value={choice} options={LATENCY_CHOICES} onChange={(v) => edit((x) => ({ ...x, latency: withChoice(x.latency, v) }))} />
        {choice === 'exponential' && d.kind === 'exponential' && <NumberField label="mean" unit="ms" value={d.meanMs} min={0.001} max={1e7} onChange={(meanMs) => setDefault({ ...d, meanMs })} />}
        {choice === 'constant' && d.kind === 'constant' && <NumberField label="delay" unit="ms" value={d.ms} min={0} max={1e7} onChange={(ms) => setDefault({ ...d, ms })} />}
        {choice === 'uniform' && d.kind === 'uniform' && (
          <div className="dyn-row">
            <NumberField label="from" unit="ms" value={d.minMs} min={0} max={1e7} onChange={(minMs) => setDefault({ ...d, minMs })} />
            <NumberField label="to" unit="ms" value={d.maxMs} min={0} max={1e7} onChange={(maxMs) => setDefault({ ...d, maxMs })} />
          </div>
        )}
        {choice === 'pareto' && d.kind === 'pareto' && (
          <div className="dyn-row">
            <NumberField label="scale" unit="ms" value={d.scaleMs} min={0.001} max={1e7} onChange={(scaleMs) => setDefault({ ...d, scaleMs })} />
            <NumberField label="shape α" value={d.shape} min={0.05} max={1000} onChange={(shape) => setDefault({ ...d, shape })} />
          </div>
        )}
        {(choice === 'custom' || choice === 'lnkd-ssd' || choice === 'lnkd-disk' || choice === 'ymmr') && (
          <p className="dyn-note">
            write: {describeDistribution(latency.write ?? d)} (mean {formatMs(mean(latency.write ?? d))}); reads and acknowledgements: {describeDistribution(latency.read ?? d)} (mean{' '}
            {formatMs(mean(latency.read ?? d))})
          </p>
        )}
        <div className="dyn-row">
          <NumberField label="gossip every" unit="ms" value={c.membership.gossipIntervalMs} min={0.001} max={1e7} onChange={(gossipIntervalMs) => membership({ gossipIntervalMs })} />
          <NumberField label="declare failed after" unit="ms" value={c.membership.failureTimeoutMs} min={0.001} max={1e7} onChange={(failureTimeoutMs) => membership({ failureTimeoutMs })} />
        </div>
        <div className="dyn-row">
          <NumberField label="retry a silent node after" unit="ms" value={c.membership.retryMs} min={0} max={1e7} onChange={(retryMs) => membership({ retryMs })} />
          <NumberField
            label="re-forward after"
            unit="ms"
            value={c.coordination.forwardTimeoutMs}
            min={0.001}
            max={1e6}
            title="A forwarded request no coordinator took by then goes to the next replica"
            onChange={(forwardTimeoutMs) => edit((x) => ({ ...x, coordination: { ...x.coordination, forwardTimeoutMs } }))}
          />
        </div>
        {c.coordination.mode === 'client' && (
          <NumberField label="client view refresh" unit="ms" value={c.coordination.refreshMs} min={0.001} max={1e7} onChange={(refreshMs) => edit((x) => ({ ...x, coordination: { ...x.coordination, refreshMs } }))} />
        )}
      </Section>
      <Section title="Service and queueing" open={c.service.enabled} badge={serviceBadge(c.service)}>
        <ServiceSettings service={c.service} onChange={(service) => edit((x) => ({ ...x, service }))} />
      </Section>
      <Section title="Workload" badge={`${c.workload.requests.toLocaleString('en-US')} ops${c.workload.script.length ? ` + ${c.workload.script.length} scripted` : ''}`}>
        <div className="dyn-row">
          <NumberField label="operations" value={c.workload.requests} min={0} max={MAX_REQUESTS} integer onChange={(requests) => workload({ requests })} width="6.5rem" />
          <NumberField label="per second" value={c.workload.ratePerSecond} min={0} max={1e7} onChange={(ratePerSecond) => workload({ ratePerSecond })} width="5.5rem" />
        </div>
        <div className="dyn-row">
          <NumberField
            label="daily cycle ±"
            value={c.workload.diurnal.amplitude}
            min={0}
            max={1}
            step={0.1}
            onChange={(amplitude) => workload({ diurnal: { ...c.workload.diurnal, amplitude } })}
            width="4rem"
            title="Figure 4's load: the rate is the mean × (1 + amplitude · sin(2πt / period)); 0 keeps it constant"
          />
          {c.workload.diurnal.amplitude > 0 && (
            <NumberField label="period" unit="ms" value={c.workload.diurnal.periodMs} min={0.001} max={1e7} onChange={(periodMs) => workload({ diurnal: { ...c.workload.diurnal, periodMs } })} width="5rem" />
          )}
        </div>
        <div className="dyn-row">
          <NumberField label="reads" value={c.workload.readFraction} min={0} max={1} step={0.05} onChange={(readFraction) => workload({ readFraction })} width="4.5rem" title="Fraction of operations that are reads" />
          <NumberField label="clients" value={c.workload.clients} min={1} max={1000} integer onChange={(clients) => workload({ clients })} width="4.5rem" />
        </div>
        <div className="dyn-row">
          <NumberField label="keys" value={c.workload.keys} min={1} max={2_000_000} integer onChange={(keys) => workload({ keys })} width="6rem" />
          <NumberField label="writers per key" value={c.workload.writersPerKey} min={1} max={1000} integer onChange={(writersPerKey) => workload({ writersPerKey })} width="4rem" />
        </div>
        <div className="dyn-row">
          <SelectField
            label="popularity"
            value={c.workload.popularity.kind}
            options={[
              { value: 'uniform', label: 'uniform' },
              { value: 'zipf', label: 'Zipf' },
            ]}
            onChange={(kind) => workload({ popularity: kind === 'zipf' ? { kind, exponent: 1 } : { kind } })}
          />
          {c.workload.popularity.kind === 'zipf' && (
            <NumberField label="exponent" value={c.workload.popularity.exponent} min={0} max={5} step={0.1} onChange={(exponent) => workload({ popularity: { kind: 'zipf', exponent } })} width="4rem" />
          )}
        </div>
        <SelectField
          label="writes"
          value={c.workload.writeMode}
          options={[
            { value: 'blind', label: 'blind puts' },
            { value: 'read-modify-write', label: 'read, reconcile, write' },
          ]}
          onChange={(writeMode) => workload({ writeMode })}
        />
        <CheckField label="closed loop: a client waits for each answer" checked={c.workload.closedLoop} onChange={(closedLoop) => workload({ closedLoop })} />
        <label className="dyn-field" title="PBS probes: after every committed write, a read starts this many ms later">
          <span className="dyn-field-label">probe reads after commit (ms)</span>
          <input
            type="text"
            defaultValue={c.workload.probeDelaysMs.join(' ')}
            key={c.workload.probeDelaysMs.join(' ')}
            placeholder="none"
            onBlur={(e) => {
              const values = e.target.value.split(/[\s,]+/).filter(Boolean).map(Number);
              if (values.every((v) => Number.isFinite(v) && v >= 0)) workload({ probeDelaysMs: values });
            }}
            style={{ width: '9rem' }}
          />
        </label>
        <NumberField label="settle after the last operation" unit="ms" value={c.workload.settleMs} min={0} max={1e7} onChange={(settleMs) => workload({ settleMs })} />
      </Section>
      <Section title="Scripted operations" badge={c.workload.script.length ? String(c.workload.script.length) : undefined}>
        <ScriptList config={c} now={now} onChange={(script) => workload({ script })} />
      </Section>
      <Section title="Failures" open={c.failures.length > 0} badge={c.failures.length ? String(c.failures.length) : undefined}>
        <FailureList config={c} now={now} onChange={(failures) => edit((x) => ({ ...x, failures }))} />
      </Section>
      <Section title="Compare" open={c.compare.length > 0} badge={c.compare.length ? String(c.compare.length) : undefined}>
        <VariantList config={c} onChange={(compare) => edit((x) => ({ ...x, compare }))} />
      </Section>
      <Section title="Run">
        <NumberField label="seed" value={seed} min={0} max={0xffffffff} integer onChange={onSeed} width="7rem" />
        <NumberField label="events kept for the replay" value={c.trace.maxEvents} min={0} max={500_000} integer onChange={(maxEvents) => edit((x) => ({ ...x, trace: { maxEvents } }))} width="6rem" />
      </Section>
    </div>
  );
}

const TOKENS_MAX = 1024;
const PARTITIONS_MAX = 65536;

interface RingLimits {
  nodes: number;
  tokens: number;
  partitions: number;
  nodesReason?: string;
  tokensReason?: string;
  partitionsReason?: string;
}

/**
 * The joint maxima of S, T and Q: each field's own range, narrowed so that the ring keeps to
 * MAX_RING_TOKENS tokens (S × T, with capacities and added nodes) under strategies 1 and 2, and
 * its preference tables to MAX_RING_ENTRIES entries (Q under strategies 2 and 3).
 */
function ringLimits(c: DynamoConfig): RingLimits {
  const tables = (cluster: Partial<DynamoConfig['cluster']>) => ringTableEntries({ ...c, cluster: { ...c.cluster, ...cluster } }) <= MAX_RING_ENTRIES;
  const partitions = c.cluster.strategy === 1 ? PARTITIONS_MAX : Math.max(1, largestWithin(PARTITIONS_MAX, (q) => tables({ partitions: q })));
  const partitionsReason =
    partitions < PARTITIONS_MAX ? `the ring’s preference tables hold at most ${MAX_RING_ENTRIES.toLocaleString('en-US')} entries (Q × N’s list length × ring versions)` : undefined;
  if (c.cluster.strategy === 3) return { nodes: MAX_NODES, tokens: TOKENS_MAX, partitions, partitionsReason };
  const fits = (cluster: Partial<DynamoConfig['cluster']>) => ringTokens({ ...c, cluster: { ...c.cluster, ...cluster } }) <= MAX_RING_TOKENS;
  const nodes = Math.max(1, largestWithin(MAX_NODES, (n) => fits({ nodes: n })));
  const tokens = Math.max(1, largestWithin(TOKENS_MAX, (t) => fits({ tokensPerNode: t })));
  const why = `the ring holds at most ${MAX_RING_TOKENS.toLocaleString('en-US')} tokens (S × T)`;
  return {
    nodes,
    tokens,
    partitions,
    partitionsReason,
    nodesReason: nodes < MAX_NODES ? `${why}, and T = ${c.cluster.tokensPerNode}` : undefined,
    tokensReason: tokens < TOKENS_MAX ? `${why}, and S = ${c.cluster.nodes}` : undefined,
  };
}

/** The Service section's summary line: what is on. */
function serviceBadge(s: ServiceConfig): string {
  if (!s.enabled) return 'off';
  const parts = ['queues'];
  if (s.bufferedWrites) parts.push('buffered writes');
  if (s.background.keyMs > 0) parts.push(s.background.admission ? 'admission control' : 'background unpaced');
  return parts.join(', ');
}
