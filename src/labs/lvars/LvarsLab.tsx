import { useMemo, useState } from 'react';
import type { LvarsConfig } from '../../engines/lvars/index.ts';
import { CodeEditor } from '../../ui/CodeEditor.tsx';
import { Figure } from '../../ui/Figure.tsx';
import { Player } from '../../ui/Player.tsx';
import { PresentLayout, type PresentPane } from '../../ui/present/PresentLayout.tsx';
import { usePresentFont } from '../../ui/present/presentContext.ts';
import { RunPanel } from '../../ui/RunPanel.tsx';
import { usePatch } from '../shared/usePatch.ts';
import type { LabViewProps } from '../types.tsx';
import { lvishLanguage } from './language.ts';
import { PROGRAM_LIMIT, type LvarsView } from './scenario.ts';
import { threadLabel } from './threads.ts';
import { useLvarsCheck } from './useLvarsCheck.ts';
import { useLvarsExplore } from './useLvarsExplore.ts';
import { useLvarsReplay } from './useLvarsReplay.ts';
import { ExploreSettings } from './views/ExploreSettings.tsx';
import { HasseFigure } from './views/HasseFigure.tsx';
import { LawReports } from './views/LawReports.tsx';
import { LevelBadge } from './views/LevelBadge.tsx';
import { Outcomes } from './views/Outcomes.tsx';
import { Reference } from './views/Reference.tsx';
import { SchedulerControls } from './views/SchedulerControls.tsx';
import { outcomeKey, ScheduleTree } from './views/ScheduleTree.tsx';
import { StepLog } from './views/StepLog.tsx';
import { StoreTable } from './views/StoreTable.tsx';
import { Timeline } from './views/Timeline.tsx';
import './lvars.css';

type Props = LabViewProps<LvarsConfig, LvarsView>;

/** The LVars lab: write a program, explore its schedules, replay any of them, or schedule it yourself. */
export function LvarsLab({ scenario, onChange, mode }: Props) {
  const { config, view, seed } = scenario;
  const { latest, change, patchView: update } = usePatch(scenario, onChange);
  const check = useLvarsCheck(config, seed);
  const { markers, errors, blockedBy } = check;
  const { explorer, exploration: shown, explore } = useLvarsExplore(scenario, onChange);
  const replay = useLvarsReplay(scenario);
  const [reference, setReference] = useState(false);
  const [pane, setPane] = useState('threads');
  const editorFont = usePresentFont(mode === 'present', 14);

  const trace = replay.trace;
  const frames = useMemo(() => trace?.frames ?? [], [trace]);
  const position = Math.min(view.step, Math.max(0, frames.length - 1));
  const frame = frames[position];
  const lvarIds = trace?.lattices.map((l) => l.lvar) ?? [];
  const selected = lvarIds.includes(view.lvar) ? view.lvar : (trace?.lattices.slice().sort((a, b) => b.diagram.nodes.length - a.diagram.nodes.length)[0]?.lvar ?? '');
  const lattice = trace?.lattices.find((l) => l.lvar === selected);
  const history = useMemo(() => {
    const keys: string[] = [];
    for (const f of frames.slice(0, position + 1)) {
      const k = f.lvars.find((l) => l.id === selected)?.key;
      if (k !== undefined && keys[keys.length - 1] !== k) keys.push(k);
    }
    return keys;
  }, [frames, position, selected]);

  const setProgram = (program: string) => change({ config: { ...latest.current.config, program }, view: { ...latest.current.view, ran: false, schedule: [], step: 0 } });

  const code = (
    <section className="panel lv-code">
      <div className="lv-titlebar">
        {/* On a projector the title is read, not edited: a heading that wraps in the narrow code column (an input would cut it). */}
        {mode === 'present' ? (
          <h2 className="lv-title lv-title-shown">{scenario.title}</h2>
        ) : (
          <input className="lv-title" aria-label="Scenario title" value={scenario.title} maxLength={200} size={Math.max(12, scenario.title.length + 1)} onChange={(e) => change({ title: e.target.value })} />
        )}
        {check.summary && <LevelBadge level={check.summary.level} />}
        {check.unchecked && <span className="muted" data-testid="unchecked">{check.unchecked}</span>}
        {mode === 'full' && (
          <button type="button" className="quiet lv-ref-button" onClick={() => setReference(true)}>
            Language reference
          </button>
        )}
      </div>
      <Reference open={reference} onClose={() => setReference(false)} />
      <div className="lv-editor">
        <CodeEditor
          value={config.program}
          onChange={setProgram}
          language={lvishLanguage}
          markers={markers}
          {...(frame?.loc && position > 0 ? { highlight: frame.loc } : {})}
          ariaLabel="LVish program"
          maxLength={PROGRAM_LIMIT}
          fontSize={editorFont}
          wrap={mode === 'present'}
        />
      </div>
    </section>
  );

  const outcomes = shown && <Outcomes summary={shown.summary} selected={view.schedule} onReplay={(witness) => update({ schedule: witness, step: 0, adversarial: false })} />;

  const results = (
    <>
      <RunPanel state={explorer.state} onRun={() => void explore()} onCancel={explorer.cancel} runLabel="Explore" blockedBy={blockedBy} />
      {(
        <ExploreSettings
          settings={config.explore}
          seed={seed}
          disabled={explorer.state.status === 'running'}
          onChange={(explore) => change({ config: { ...latest.current.config, explore } })}
          onSeed={(s) => change({ seed: s })}
        />
      )}
      {check.summary && <LawReports laws={check.summary.laws} />}
      {shown ? (
        outcomes
      ) : (
        <p className="muted lv-hint">
          Explore runs the program under every schedule (or random ones) and reports whether they all agree. Then replay any
          schedule step by step, or be the scheduler yourself.
        </p>
      )}
    </>
  );

  const player = (
    <div className="lv-replay">
      <div className="lv-player-row">
        <Player
          length={frames.length}
          position={position}
          onSeek={(step) => update({ step })}
          describe={(i) => {
            const f = frames[i];
            return !f ? '' : f.thread === null ? 'initial configuration' : `${threadLabel(f.thread)}: ${f.op ?? ''}`;
          }}
          label="Replay of the schedule"
        />
        {mode !== 'embed' && (
          <button type="button" aria-pressed={view.adversarial} className={view.adversarial ? 'primary' : ''} onClick={() => update({ adversarial: !view.adversarial, schedule: [], step: 0 })} disabled={errors.length > 0} title="Pick which thread moves at every step, and try to make the program misbehave">
            {view.adversarial ? 'Stop scheduling' : 'Be the scheduler'}
          </button>
        )}
      </div>
      {replay.failure && (
        <p role="alert" className="run-error">
          {replay.failure.message}
        </p>
      )}
      {trace?.problem && (
        <p role="alert" className="run-error">
          {trace.problem}
        </p>
      )}
      {view.adversarial && trace && (
        <SchedulerControls
          replay={trace}
          exploration={shown?.summary}
          onChoose={(t) => update({ schedule: [...view.schedule, t], step: view.schedule.length + 1 })}
          onUndo={() => update({ schedule: view.schedule.slice(0, -1), step: Math.max(0, view.schedule.length - 1) })}
          onRestart={() => update({ schedule: [], step: 0 })}
        />
      )}
      {!view.adversarial && trace?.ending && frames.length > 0 && position === frames.length - 1 && (
        <p className="lv-ending" role="status">
          This schedule ends: <span className="mono">{trace.ending.text}</span>
        </p>
      )}
    </div>
  );

  const timeline = frame && (
    <Figure title="Threads" exportName="lvars-threads" className="lv-fig-timeline">
      <Timeline frames={frames} position={position} onSeek={(step) => update({ step })} />
    </Figure>
  );

  const storePanel = frame && (
    <section className="panel lv-state" aria-label="Store and step">
      <h3>Store</h3>
      <StoreTable frame={frame} previous={frames[position - 1]} selected={selected} onSelect={(id) => lvarIds.includes(id) && update({ lvar: id })} />
      <h3>This step</h3>
      <StepLog frame={frame} index={position} />
    </section>
  );

  const scheduleTree = shown?.graph && shown.graph.nodes.length > 1 && (
    <Figure title={`Explored configurations (${shown.graph.nodes.length}), by depth`} exportName="lvars-configurations" className="lv-fig-tree" figureKey={outcomeKey(shown.summary.outcomes)}>
      <ScheduleTree graph={shown.graph} outcomes={shown.summary.outcomes} schedule={view.adversarial ? [] : view.schedule} position={position} />
    </Figure>
  );

  const hasse = frame && lattice && <HasseFigure lattices={trace!.lattices} lattice={lattice} frame={frame} history={history} onSelect={(lvar) => update({ lvar })} />;

  if (mode === 'present') {
    // The projector's layout: the program on the left; the verdict and the player always on
    // screen; the threads, the lattice, the store and the explored configurations one key away.
    const panes: PresentPane[] = [
      { id: 'threads', label: 'Threads', smallestText: 11, render: () => timeline },
      { id: 'lattice', label: 'Lattice', smallestText: 12, render: () => hasse },
      {
        id: 'store',
        label: 'Store',
        render: () => frame && storePanel,
      },
      { id: 'schedules', label: 'Schedules', smallestText: 11, render: () => scheduleTree },
    ];
    return (
      <PresentLayout
        className="lv-present"
        lead={code}
        head={
          <section className="panel lv-results">
            <RunPanel state={explorer.state} onRun={() => void explore()} onCancel={explorer.cancel} runLabel="Explore" blockedBy={blockedBy} />
            {outcomes}
          </section>
        }
        panes={panes}
        active={pane}
        onActive={setPane}
        foot={player}
      />
    );
  }

  return (
    <div className={`lv lv-${mode}`}>
      {mode === 'full' && (
        <div className="lv-top">
          {code}
          <section className="panel lv-results">{results}</section>
        </div>
      )}
      {mode === 'embed' && outcomes}
      {player}
      {frame && (
        <div className={mode === 'embed' ? 'lv-views lv-views-embed' : 'lv-views'}>
          {timeline}
          {hasse}
          {mode === 'full' && storePanel}
        </div>
      )}
      {mode === 'full' && scheduleTree}
    </div>
  );
}
