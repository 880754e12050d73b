import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { useEngine } from '../../bridge/useEngine.ts';
import type { StateGraph } from '../../engines/lvars/explore/explore.ts';
import type { Replay } from '../../engines/lvars/explore/replay.ts';
import type { CheckSummary, ExploreSummary, LvarsConfig, LvarsInput, LvarsResult } from '../../engines/lvars/index.ts';
import type { RunFailure } from '../../engines/runEngine.ts';
import { CodeEditor } from '../../ui/CodeEditor.tsx';
import type { EditorMarker } from '../../ui/editorTypes.ts';
import { Figure } from '../../ui/Figure.tsx';
import { Player } from '../../ui/Player.tsx';
import { RunPanel } from '../../ui/RunPanel.tsx';
import type { LabViewProps } from '../types.tsx';
import { lvishLanguage } from './language.ts';
import { PROGRAM_LIMIT, type LvarsView } from './scenario.ts';
import { threadLabel } from './threads.ts';
import { ExploreSettings } from './views/ExploreSettings.tsx';
import { HasseView } from './views/HasseView.tsx';
import { LawReports } from './views/LawReports.tsx';
import { LevelBadge } from './views/LevelBadge.tsx';
import { Outcomes } from './views/Outcomes.tsx';
import { Reference } from './views/Reference.tsx';
import { SchedulerControls } from './views/SchedulerControls.tsx';
import { ScheduleTree } from './views/ScheduleTree.tsx';
import { StepLog } from './views/StepLog.tsx';
import { StoreTable } from './views/StoreTable.tsx';
import { Timeline } from './views/Timeline.tsx';
import './lvars.css';

const spawn = () => new Worker(new URL('../../../workers/lvars.worker.ts', import.meta.url), { type: 'module', name: 'lvars' });
/** Checking as you type must never wait long, whatever the program does. */
const CHECK_BUDGET = { maxSteps: 50_000_000, maxMillis: 10_000 };
const REPLAY_BUDGET = { maxSteps: 500_000_000, maxMillis: 30_000 };

type Props = LabViewProps<LvarsConfig, LvarsView>;

/** The LVars lab: write a program, explore its schedules, replay any of them, or schedule it yourself. */
export function LvarsLab({ scenario, onChange, mode }: Props) {
  const { config, view, seed } = scenario;
  const checker = useEngine<LvarsInput, LvarsResult>(spawn);
  const explorer = useEngine<LvarsInput, LvarsResult>(spawn);
  const replayer = useEngine<LvarsInput, LvarsResult>(spawn);
  const [check, setCheck] = useState<{ program: string; summary?: CheckSummary; failure?: RunFailure }>();
  const [exploration, setExploration] = useState<{ program: string; summary: ExploreSummary; graph: StateGraph | undefined }>();
  const [replay, setReplay] = useState<{ key: string; trace?: Replay; failure?: RunFailure }>();
  const [reference, setReference] = useState(false);
  // The shell passes a new onChange on every render: callbacks read the latest through refs, so
  // they stay stable and effects that depend on them run once per mount.
  const latest = useRef(scenario);
  latest.current = scenario;
  const changeRef = useRef(onChange);
  changeRef.current = onChange;
  const change = useCallback((next: Props['scenario']) => changeRef.current(next), []);
  const update = useCallback((patch: Partial<LvarsView>) => change({ ...latest.current, view: { ...latest.current.view, ...patch } }), [change]);

  // Check as you type: parse and type errors, the determinism level, the lattice laws.
  const { start: startCheck } = checker;
  useEffect(() => {
    let live = true;
    const program = config.program;
    const timer = setTimeout(() => {
      void startCheck({ ...latest.current.config, task: { kind: 'check' } }, latest.current.seed, CHECK_BUDGET).then((o) => {
        if (!live || (o.status === 'failed' && o.error.kind === 'cancelled')) return;
        setCheck(o.status === 'done' ? { program, summary: o.result.summary as CheckSummary } : { program, failure: o.error });
      });
    }, 200);
    return () => {
      live = false;
      clearTimeout(timer);
    };
  }, [config.program, startCheck]);

  const { start: startExplore } = explorer;
  const explore = useCallback(async () => {
    const s = latest.current;
    const o = await startExplore({ ...s.config, task: { kind: 'explore' } }, s.seed);
    if (o.status !== 'done' || latest.current.config.program !== s.config.program) return;
    const r = o.result as Extract<LvarsResult, { summary: ExploreSummary }>;
    setExploration({ program: s.config.program, summary: r.summary, graph: r.trace.graph });
    const v = latest.current.view;
    const keep = v.schedule.length > 0 || v.adversarial;
    update({ ran: true, ...(keep ? {} : { schedule: r.summary.outcomes[0]?.witness ?? [], step: 0 }) });
  }, [startExplore, update]);

  // A link that showed an exploration runs it again on open (the engine is deterministic).
  useEffect(() => {
    if (latest.current.view.ran) void explore();
  }, [explore]);

  // Replay the schedule in the Player whenever it (or the program) changes.
  const replayKey = JSON.stringify([config.program, view.schedule, view.adversarial]);
  const wantReplay = view.adversarial || view.schedule.length > 0;
  const { start: startReplay } = replayer;
  useEffect(() => {
    if (!wantReplay) return;
    let live = true;
    const s = latest.current;
    void startReplay({ ...s.config, task: { kind: 'replay', schedule: s.view.schedule, finish: !s.view.adversarial } }, s.seed, REPLAY_BUDGET).then((o) => {
      if (!live || (o.status === 'failed' && o.error.kind === 'cancelled')) return;
      setReplay(o.status === 'done' ? { key: replayKey, trace: o.result.trace as Replay } : { key: replayKey, failure: o.error });
    });
    return () => {
      live = false;
    };
  }, [replayKey, wantReplay, startReplay]);

  const current = check?.program === config.program ? check : undefined;
  const markers: EditorMarker[] = useMemo(() => {
    if (current?.failure?.at) return [{ line: current.failure.at.line, column: current.failure.at.column, message: current.failure.message, severity: 'error' }];
    return (current?.summary?.diagnostics ?? []).map((d) => ({
      line: d.loc.line,
      column: d.loc.column,
      endLine: d.loc.endLine,
      endColumn: d.loc.endColumn,
      message: d.message,
      severity: d.severity,
    }));
  }, [current]);
  const errors = markers.filter((m) => m.severity === 'error');
  const blockedBy = errors.length > 0 ? `Fix the ${errors.length === 1 ? 'error' : `${errors.length} errors`} in the program first.` : current?.failure && !current.failure.at ? current.failure.message : undefined;

  const shown = exploration?.program === config.program ? exploration : undefined;
  const trace = replay?.key === replayKey ? replay.trace : undefined;
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

  const setProgram = (program: string) =>
    change({ ...latest.current, config: { ...latest.current.config, program }, view: { ...latest.current.view, ran: false, schedule: [], step: 0 } });

  const code = (
    <section className="panel lv-code">
      <div className="lv-titlebar">
        <input className="lv-title" aria-label="Scenario title" value={scenario.title} maxLength={200} size={Math.max(12, scenario.title.length + 1)} onChange={(e) => change({ ...latest.current, title: e.target.value })} />
        {current?.summary && <LevelBadge level={current.summary.level} />}
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
          fontSize={mode === 'present' ? 18 : 14}
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
          onChange={(explore) => change({ ...latest.current, config: { ...latest.current.config, explore } })}
          onSeed={(s) => change({ ...latest.current, seed: s })}
        />
      )}
      {current?.summary && <LawReports laws={current.summary.laws} />}
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
      {replay?.key === replayKey && replay.failure && (
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

  const hasse = frame && lattice && (
    <Figure
      title={`Lattice of ${lattice.label}: ${lattice.lattice}`}
      exportName={`lvars-lattice-${lattice.label}`}
      className="lv-fig-hasse"
      actions={
        lvarIds.length > 1 && (
          <select aria-label="LVar to draw" value={selected} onChange={(e) => update({ lvar: e.target.value })}>
            {trace!.lattices.map((l) => (
              <option key={l.lvar} value={l.lvar}>
                {l.label}
              </option>
            ))}
          </select>
        )
      }
    >
      <HasseView
        lattice={lattice}
        history={history}
        frozen={frame.lvars.find((l) => l.id === selected)?.frozen ?? false}
        rejected={frame.rejected?.lvar === selected ? frame.rejected.key : undefined}
      />
    </Figure>
  );

  if (mode === 'present') {
    // One screen for a projector: the code on the left; the verdict, the Player and the views on the right.
    return (
      <div className="lv lv-present">
        {code}
        <div className="lv-present-right">
          <section className="panel lv-results">
            <RunPanel state={explorer.state} onRun={() => void explore()} onCancel={explorer.cancel} runLabel="Explore" blockedBy={blockedBy} />
            {outcomes}
          </section>
          {player}
          <div className="lv-present-views">
            {timeline}
            {hasse}
          </div>
        </div>
      </div>
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
          {mode === 'full' && (
            <section className="panel lv-state" aria-label="Store and step">
              <h3>Store</h3>
              <StoreTable frame={frame} previous={frames[position - 1]} selected={selected} onSelect={(id) => lvarIds.includes(id) && update({ lvar: id })} />
              <h3>This step</h3>
              <StepLog frame={frame} index={position} />
            </section>
          )}
        </div>
      )}
      {mode === 'full' && shown?.graph && shown.graph.nodes.length > 1 && (
        <Figure title={`Explored configurations (${shown.graph.nodes.length}), by depth`} exportName="lvars-configurations" className="lv-fig-tree">
          <ScheduleTree graph={shown.graph} outcomes={shown.summary.outcomes} schedule={view.adversarial ? [] : view.schedule} position={position} />
        </Figure>
      )}
    </div>
  );
}
