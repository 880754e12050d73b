import { useState } from 'react';
import type { DynamoConfig } from '../../engines/dynamo/config.ts';
import { Player } from '../../ui/Player.tsx';
import { PresentLayout, type PresentPane } from '../../ui/present/PresentLayout.tsx';
import { RunPanel } from '../../ui/RunPanel.tsx';
import { usePatch } from '../shared/usePatch.ts';
import { defineLab, type LabViewProps } from '../types.tsx';
import { Settings } from './controls/Settings.tsx';
import './dynamo.css';
import { frameOf } from './frame.ts';
import { formatMs } from './names.ts';
import { defaultScenario, spec, TABS, type DynamoView } from './scenario.ts';
import { describeFrame } from './timeline.ts';
import { useDynamoLayout } from './useDynamoLayout.ts';
import { useDynamoRun } from './useDynamoRun.ts';
import { useFailureInjection } from './useFailureInjection.ts';
import { useRingPreview } from './useRingPreview.ts';
import { Kpis } from './views/Kpis.tsx';
import { RingFigure } from './views/RingFigure.tsx';
import { PresentStage } from './views/PresentStage.tsx';
import { DynamoTabs, TAB_TITLES, TabBody } from './views/TabPanel.tsx';

const RECONCILIATION_NAMES: Record<DynamoConfig['versioning']['reconciliation'], string> = {
  'last-write-wins': 'last write wins',
  'shopping-cart': 'shopping-cart merge',
  'lattice-max': 'max lattice',
  'lattice-two-phase-set': 'two-phase-set lattice',
};

const LATTICE_NAMES: Record<DynamoConfig['lattice']['kind'], string> = {
  'max-register': 'max-register',
  'g-counter': 'G-counter',
  'pn-counter': 'PN-counter',
  'two-phase-set': '2P-set',
  'or-set': 'OR-set',
  user: "the user's lattice",
};

function setupLine(c: DynamoConfig): string {
  const q = c.quorum;
  return [
    `${c.cluster.nodes} nodes, strategy ${c.cluster.strategy}`,
    `N = ${q.n}, R = ${q.r}, W = ${q.w}${q.r + q.w > q.n ? ' (R + W > N)' : ' (R + W ≤ N)'}`,
    q.sloppy ? 'sloppy quorum' : 'strict quorum',
    `${c.coordination.mode}-driven`,
    // Lattice values are merged by their join, never by the reconciliation policy.
    c.lattice.values === 'lattice' ? `${LATTICE_NAMES[c.lattice.kind]} merged by join` : RECONCILIATION_NAMES[c.versioning.reconciliation],
  ].join(' · ');
}

/**
 * The Dynamo lab: the ring, prominent, with the message diagram, the version history, the
 * metrics, the partitioning study and the comparison of variants beside it; the player under
 * them drives every view; the settings on the left. Running is useDynamoRun, reading the run at
 * the player's position is frame.ts, sizes are useDynamoLayout; this component only lays out.
 */
function View({ scenario, onChange, mode }: LabViewProps<DynamoConfig, DynamoView>) {
  const { engine, shown, current, run } = useDynamoRun(scenario, onChange);
  const { patchView: setView, change } = usePatch(scenario, onChange);
  const { inject, problem } = useFailureInjection(scenario, onChange);
  const { stageRef, tabRef, ringSize, tabWidth } = useDynamoLayout(mode);
  const [settingsOpen, setSettingsOpen] = useState(false);
  const view = scenario.view;
  const preview = useRingPreview(scenario.config, scenario.seed);
  const frame = frameOf(shown?.result, shown?.config, scenario.config, view, preview.ring);
  const { trace, at, now, config } = frame;
  const embed = mode === 'embed';
  const present = mode === 'present';

  const ringFigure = <RingFigure frame={frame} pending={preview.problem ?? 'Laying out the ring…'} size={ringSize} interactive={!embed} onKey={(key) => setView({ key })} inject={inject} />;
  const runPanel = <RunPanel state={engine.state} onRun={() => void run()} onCancel={engine.cancel} runLabel={shown && current ? 'Run again' : 'Run'} />;
  const settingsAside = (
    <aside className="dyn-side" aria-label="Settings">
      {runPanel}
      <Settings config={scenario.config} seed={scenario.seed} now={now} onChange={(config) => change({ config })} onSeed={(seed) => change({ seed })} />
    </aside>
  );
  // The replay holds the run's last events (the trace's window); the note says so on the player's own line.
  const windowNote = trace && trace.events.total > trace.events.length && (
    <>
      Replaying the last {trace.events.length.toLocaleString('en-US')} of {trace.events.total.toLocaleString('en-US')} recorded events (from {formatMs(trace.events.time[0]!)}); the metrics cover the whole run.
    </>
  );
  const player = (
    <div className="dyn-player">
      <Player length={frame.length} position={frame.position} onSeek={(p) => setView({ position: p })} describe={trace ? (p) => describeFrame(trace, config, p) : undefined} note={windowNote} label="Replay of the simulation" />
    </div>
  );

  if (embed)
    return (
      <div className="dynamo embed" ref={stageRef}>
        {ringFigure}
        {at && trace && <Kpis at={at} trace={trace} now={now} />}
        {player}
        {!trace && runPanel}
      </div>
    );

  if (present) {
    // The projector's layout: the title, the headline numbers and the player stay; each of the
    // tabs is a pane beside the ring, sized to the room left (keys 1–6); the settings open on the left.
    const panes: PresentPane[] = TABS.map((tab) => ({
      id: tab,
      label: TAB_TITLES[tab],
      smallestText: 10.5,
      render: (pane) => (
        <PresentStage
          pane={pane}
          ring={(size) => <RingFigure frame={frame} pending={preview.problem ?? 'Laying out the ring…'} size={size} interactive compact onKey={(key) => setView({ key })} inject={inject} />}
          tab={(width) => <TabBody frame={frame} view={{ ...view, tab }} width={width} running={engine.state.status === 'running'} setView={setView} present />}
        />
      ),
    }));
    return (
      <PresentLayout
        className="dynamo-present"
        panes={panes}
        active={view.tab}
        onActive={(tab) => setView({ tab: tab as DynamoView['tab'] })}
        {...(settingsOpen
          ? {
              lead: settingsAside,
              leadWidth: '22rem',
            }
          : {})}
        head={
          <>
            <header className="dyn-head">
              <div>
                <h2>{scenario.title}</h2>
                <p className="dyn-setup">{setupLine(scenario.config)}</p>
              </div>
              {!trace && !settingsOpen && runPanel}
              <button type="button" className="quiet" onClick={() => setSettingsOpen((o) => !o)} aria-expanded={settingsOpen}>
                {settingsOpen ? 'Hide settings' : 'Settings'}
              </button>
            </header>
            {problem && (
              <p role="alert" className="dyn-problem">
                {problem}
              </p>
            )}
            {shown && !current && engine.state.status !== 'failed' && <p className="dyn-note dyn-stale">The settings changed: the views show the previous run until the new one finishes.</p>}
            {at && trace && <Kpis at={at} trace={trace} now={now} />}
          </>
        }
        foot={player}
      />
    );
  }

  return (
    <div className="dynamo">
      {settingsAside}
      <div className="dyn-main">
        <header className="dyn-head">
          <div>
            <h2>{scenario.title}</h2>
            <p className="dyn-setup">{setupLine(scenario.config)}</p>
          </div>
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
            <DynamoTabs frame={frame} view={view} width={tabWidth} running={engine.state.status === 'running'} setView={setView} />
          </div>
        </div>
        {player}
      </div>
    </div>
  );
}

export const lab = defineLab({ spec, defaultScenario, View });
