import { useMemo, useState } from 'react';
import type { DynamoConfig, FailureEvent } from '../../engines/dynamo/config.ts';
import { keyPosition } from '../../engines/dynamo/ring/hash.ts';
import { previewRing } from '../../engines/dynamo/ring/initialRing.ts';
import { preferenceList, rangeOf } from '../../engines/dynamo/ring/ring.ts';
import { Figure } from '../../ui/Figure.tsx';
import { Player } from '../../ui/Player.tsx';
import { RunPanel } from '../../ui/RunPanel.tsx';
import { useElementSize } from '../../ui/useElementSize.ts';
import { defineLab, type LabViewProps } from '../types.tsx';
import { Settings } from './controls/Settings.tsx';
import './dynamo.css';
import { formatMs, keyName } from './names.ts';
import { defaultScenario, spec, TABS, type DynamoTab, type DynamoView } from './scenario.ts';
import { metricsAt } from './seriesAt.ts';
import { clusterAt, describeFrame, describeGroups, timeAt, type ClusterState } from './timeline.ts';
import { useDynamoRun } from './useDynamoRun.ts';
import { useViewportHeight } from './useViewportHeight.ts';
import { ComparePanel } from './views/ComparePanel.tsx';
import { messagesInFlight } from './views/inFlight.ts';
import { Kpis } from './views/Kpis.tsx';
import { MessageDiagram } from './views/MessageDiagram.tsx';
import { FAMILIES } from './views/messageStyle.ts';
import { MetricsPanel } from './views/MetricsPanel.tsx';
import { PartitioningPanel } from './views/PartitioningPanel.tsx';
import { RingView, type RingMode } from './views/RingView.tsx';
import { VersionGraph } from './views/VersionGraph.tsx';

const TAB_TITLES: Record<DynamoTab, string> = {
  messages: 'Messages',
  versions: 'Versions',
  metrics: 'Metrics',
  partitioning: 'Partitioning',
  compare: 'Compare',
};

const RECONCILIATION_NAMES: Record<DynamoConfig['versioning']['reconciliation'], string> = {
  'last-write-wins': 'last write wins',
  'shopping-cart': 'shopping-cart merge',
  'lattice-max': 'max lattice',
  'lattice-two-phase-set': 'two-phase-set lattice',
};

function setupLine(c: DynamoConfig): string {
  const q = c.quorum;
  return [
    `${c.cluster.nodes} nodes, strategy ${c.cluster.strategy}`,
    `N = ${q.n}, R = ${q.r}, W = ${q.w}${q.r + q.w > q.n ? ' (R + W > N)' : ' (R + W ≤ N)'}`,
    q.sloppy ? 'sloppy quorum' : 'strict quorum',
    `${c.coordination.mode}-driven`,
    RECONCILIATION_NAMES[c.versioning.reconciliation],
  ].join(' · ');
}

function initialCluster(c: DynamoConfig): ClusterState {
  const M = c.cluster.nodes + c.failures.filter((f) => f.kind === 'add').length;
  return {
    up: Array.from({ length: M }, (_, i) => i < c.cluster.nodes),
    member: Array.from({ length: M }, (_, i) => i < c.cluster.nodes),
    slow: new Array<number>(M).fill(1),
    group: new Array<number>(M).fill(-1),
    clientGroup: new Array<number>(c.workload.clients).fill(-1),
    partitioned: false,
    dropProbability: 0,
    extraDelayMs: 0,
    ring: 0,
  };
}

/**
 * The Dynamo lab: the ring, prominent, with the message diagram, the version history, the
 * metrics, the partitioning study and the comparison of variants beside it; the player under
 * them drives every view; the settings on the left.
 */
function View({ scenario, onChange, mode }: LabViewProps<DynamoConfig, DynamoView>) {
  const { engine, shown, current, run } = useDynamoRun(scenario, onChange);
  const [ringMode, setRingMode] = useState<RingMode>('crash');
  const [settingsOpen, setSettingsOpen] = useState(false);
  const [problem, setProblem] = useState<string>();
  const [stageRef, stage] = useElementSize<HTMLDivElement>();
  const [tabRef, tabSize] = useElementSize<HTMLDivElement>();
  const viewport = useViewportHeight();
  const view = scenario.view;
  const setView = (patch: Partial<DynamoView>) => onChange({ ...scenario, view: { ...view, ...patch } });

  const result = shown?.result;
  const trace = result?.trace;
  const config = shown?.config ?? scenario.config;
  const length = trace?.events.length ?? 0;
  const position = Math.min(view.position, Math.max(0, length - 1));
  // With no recorded events (a trace of size 0), the views show the end of the run.
  const now = trace ? (length === 0 ? trace.endTime : timeAt(trace, position)) : 0;
  const preview = useMemo(() => previewRing(scenario.config, scenario.seed), [scenario.config, scenario.seed]);
  const cluster = trace ? clusterAt(trace, config, now) : initialCluster(scenario.config);
  const ring = trace ? trace.rings[cluster.ring]! : preview;
  const nodes = trace ? trace.nodes : cluster.up.length;
  const clients = trace ? trace.clients : scenario.config.workload.clients;
  const keys = config.workload.keys;
  const key = Math.min(view.key, keys - 1);
  const pos = keyPosition(key);
  const preference = Array.from(preferenceList(ring, rangeOf(ring, pos)));
  const at = trace ? metricsAt(trace.series, trace.nodes, now) : undefined;
  const inFlight = trace ? messagesInFlight(trace, position, view.background) : [];

  const embed = mode === 'embed';
  const present = mode === 'present';
  const stageWidth = stage.width || 900;
  const ringSize = Math.round(
    embed ? Math.max(280, Math.min(stageWidth, viewport - 260)) : Math.max(present ? 280 : 320, Math.min(present ? 760 : 640, stageWidth * 0.46, viewport - (present ? 500 : 390))),
  );
  const tabWidth = Math.max(320, tabSize.width || stageWidth - ringSize - 24);
  const interactive = !embed;

  const inject = (f: FailureEvent) => {
    const next = { ...scenario.config, failures: [...scenario.config.failures, f] };
    const checked = spec.config.parse(next, 'config');
    if (!checked.ok) {
      setProblem(`That failure cannot be added (${checked.issue.path}: ${checked.issue.message}).`);
      return;
    }
    setProblem(undefined);
    onChange({ ...scenario, config: checked.value, view: { ...view, ran: true } });
  };
  // Injected failures land at the player's time (to 0.1 ms, rounded down, so they apply at the frame shown).
  const at1 = Math.floor(now * 10) / 10;
  const onNode = (node: number) => {
    if (!cluster.member[node]) return;
    inject(cluster.up[node] ? { at: at1, kind: 'crash', node } : { at: at1, kind: 'recover', node });
  };

  const ringFigure = (
    <Figure
      title={`The ring${trace ? ` at ${formatMs(now)}` : ' (before the run)'}`}
      exportName="dynamo-ring"
      className="dyn-ring-figure"
      actions={
        <>
          <label className="dyn-key-picker">
            <span>key</span>
            <button type="button" className="quiet" aria-label="Previous key" disabled={key === 0} onClick={() => setView({ key: key - 1 })}>
              −
            </button>
            <input type="number" min={0} max={keys - 1} value={key} aria-label="Selected key" onChange={(e) => Number.isInteger(Number(e.target.value)) && setView({ key: Math.min(keys - 1, Math.max(0, Number(e.target.value))) })} />
            <button type="button" className="quiet" aria-label="Next key" disabled={key >= keys - 1} onClick={() => setView({ key: key + 1 })}>
              +
            </button>
          </label>
        </>
      }
    >
      <RingView
        ring={ring}
        nodes={nodes}
        clients={clients}
        cluster={cluster}
        size={ringSize - 24}
        selectedKey={key}
        keyPosition={pos}
        preference={preference}
        n={config.quorum.n}
        hints={at?.hints ?? []}
        inFlight={inFlight}
        mode={ringMode}
        interactive={interactive}
        onNode={onNode}
        onPartition={(groupA, clientsA, clientsB) => inject({ at: at1, kind: 'partition', groups: [groupA], clientGroups: [clientsA, clientsB] })}
      />
      <div className="dyn-ring-foot">
        {interactive && (
          <div className="dyn-ring-tools" role="group" aria-label="What a click on the ring does">
            <button type="button" aria-pressed={ringMode === 'crash'} className={ringMode === 'crash' ? 'active' : ''} onClick={() => setRingMode('crash')}>
              Click a node: crash / recover
            </button>
            <button type="button" aria-pressed={ringMode === 'partition'} className={ringMode === 'partition' ? 'active' : ''} onClick={() => setRingMode('partition')}>
              Draw a partition
            </button>
            {cluster.partitioned && (
              <button type="button" onClick={() => inject({ at: at1, kind: 'heal' })}>
                Heal the partition
              </button>
            )}
          </div>
        )}
        <p className="dyn-ring-legend">
          <strong>{keyName(key)}</strong>: preference list numbered 1–{config.quorum.n} (thick line: coordinator; dashed: stand-ins for down nodes).
          {cluster.partitioned && ` Partition ${describeGroups(groupsOf(cluster), nodes)}.`}
          {ringMode === 'partition' && interactive && ' Drag a line across the ring to split the nodes (and clients) in two at the player’s time.'}
          {ringMode === 'crash' && interactive && ` A click crashes or recovers a node at ${formatMs(now)}.`} Orange badges: hinted versions held.
        </p>
      </div>
    </Figure>
  );

  const runPanel = (
    <RunPanel
      state={engine.state}
      onRun={() => void run()}
      onCancel={engine.cancel}
      runLabel={shown && current ? 'Run again' : 'Run'}
    />
  );
  const player = (
    <div className="dyn-player">
      <Player length={length} position={position} onSeek={(p) => setView({ position: p })} describe={trace ? (p) => describeFrame(trace, config, p) : undefined} label="Replay of the simulation" />
      {trace && trace.events.total > trace.events.length && (
        <p className="dyn-note">
          Replaying the last {trace.events.length.toLocaleString('en-US')} of {trace.events.total.toLocaleString('en-US')} recorded events (from {formatMs(trace.events.time[0]!)}); the metrics cover the whole run.
        </p>
      )}
    </div>
  );

  const tabBody = () => {
    if (!trace || !result || !at)
      return <p className="dyn-empty">{engine.state.status === 'running' ? 'Simulating…' : 'Run the simulation to see messages, versions and metrics. The ring on the left is the one this scenario starts from.'}</p>;
    switch (view.tab) {
      case 'messages':
        return (
          <>
            <label className="dyn-check">
              <input type="checkbox" checked={view.background} onChange={(e) => setView({ background: e.target.checked })} />
              <span>also gossip, hand-off, anti-entropy and transfers</span>
            </label>
            <Figure title={`Messages up to ${formatMs(now)} (Lamport diagram)`} exportName="dynamo-messages">
              <MessageDiagram trace={trace} config={config} position={position} width={tabWidth - 24} selectedKey={key} background={view.background} />
            </Figure>
            <ul className="dyn-families" aria-label="Message colours">
              {FAMILIES.map((f) => (
                <li key={f.id}>
                  <span className="dyn-swatch" style={{ background: f.color }} />
                  {f.label}
                </li>
              ))}
              <li>○ request starts, ● succeeds, ✕ fails or is lost · ■ version stored (orange: as a hint)</li>
            </ul>
          </>
        );
      case 'versions':
        return (
          <Figure title={`Versions of ${keyName(key)} up to ${formatMs(now)}`} exportName="dynamo-versions">
            <VersionGraph trace={trace} config={config} position={position} selectedKey={key} width={tabWidth - 24} />
          </Figure>
        );
      case 'metrics':
        return <MetricsPanel result={result} config={config} at={at} now={now} width={tabWidth - 4} members={ring.members} />;
      case 'partitioning':
        return <PartitioningPanel summary={result.summary} config={config} width={tabWidth - 4} />;
      case 'compare':
        return <ComparePanel summary={result.summary} config={config} width={tabWidth - 4} />;
    }
  };

  if (embed)
    return (
      <div className="dynamo embed" ref={stageRef}>
        {ringFigure}
        {at && trace && <Kpis at={at} trace={trace} now={now} />}
        {player}
        {!trace && runPanel}
      </div>
    );

  return (
    <div className={`dynamo${present ? ' present' : ''}${present && !settingsOpen ? ' no-side' : ''}`}>
      {(!present || settingsOpen) && (
        <aside className="dyn-side" aria-label="Settings">
          {runPanel}
          <Settings
            config={scenario.config}
            seed={scenario.seed}
            now={now}
            onChange={(c) => onChange({ ...scenario, config: c })}
            onSeed={(seed) => onChange({ ...scenario, seed })}
          />
        </aside>
      )}
      <div className="dyn-main">
        <header className="dyn-head">
          <div>
            <h2>{scenario.title}</h2>
            <p className="dyn-setup">{setupLine(scenario.config)}</p>
          </div>
          {present && (
            <button type="button" className="quiet" onClick={() => setSettingsOpen((o) => !o)} aria-expanded={settingsOpen}>
              {settingsOpen ? 'Hide settings' : 'Settings'}
            </button>
          )}
        </header>
        {problem && (
          <p role="alert" className="dyn-problem">
            {problem}
          </p>
        )}
        {shown && !current && engine.state.status !== 'failed' && <p className="dyn-note dyn-stale">The settings changed: the views show the previous run until the new one finishes.</p>}
        {at && trace && <Kpis at={at} trace={trace} now={now} />}
        <div className="dyn-stage" ref={stageRef}>
          <div className="dyn-stage-ring" style={{ width: ringSize }}>
            {ringFigure}
          </div>
          <div className="dyn-stage-tabs" ref={tabRef}>
            <div role="tablist" aria-label="Views" className="dyn-tabs">
              {TABS.map((t) => (
                <button key={t} type="button" role="tab" aria-selected={view.tab === t} className={view.tab === t ? 'active' : ''} onClick={() => setView({ tab: t })}>
                  {TAB_TITLES[t]}
                  {t === 'compare' && config.compare.length > 0 ? ` (${config.compare.length + 1})` : ''}
                </button>
              ))}
            </div>
            <div role="tabpanel" aria-label={TAB_TITLES[view.tab]} className="dyn-tabpanel">
              {tabBody()}
            </div>
          </div>
        </div>
        {player}
      </div>
    </div>
  );
}

function groupsOf(c: ClusterState): number[][] {
  const groups: number[][] = [];
  c.group.forEach((g, n) => {
    if (g < 0) return;
    (groups[g] ??= []).push(n);
  });
  return groups.filter((g) => g.length > 0).slice(0, -1);
}

export const lab = defineLab({ spec, defaultScenario, View });
