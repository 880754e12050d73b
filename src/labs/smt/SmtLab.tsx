import { useCallback, useDeferredValue, useEffect, useMemo, useRef, useState } from 'react';
import { useEngine } from '../../bridge/useEngine.ts';
import { InputError } from '../../engines/contract.ts';
import type { SmtConfig, SmtOptions, SmtResult } from '../../engines/smt/api.ts';
import type { EditorMarker } from '../../ui/editorTypes.ts';
import { Player } from '../../ui/Player.tsx';
import { PresentLayout, type PresentPane } from '../../ui/present/PresentLayout.tsx';
import { usePresentFont } from '../../ui/present/presentContext.ts';
import { RunPanel } from '../../ui/RunPanel.tsx';
import { useFileDrop } from '../../ui/useFileDrop.ts';
import type { LabViewProps } from '../types.tsx';
import { formulaMarkers } from './checkFormula.ts';
import { describeEvent } from './describe.ts';
import { withContext } from './replay/context.ts';
import { trailAt } from './replay/trail.ts';
import { readFormulaFile } from './formulaFile.ts';
import { InputPanel } from './InputPanel.tsx';
import type { SmtView } from './scenario.ts';
import { SettingsPanel } from './SettingsPanel.tsx';
import { useReluplex } from './useReluplex.ts';
import { useReplay } from './useReplay.ts';
import { VerdictCard } from './VerdictCard.tsx';
import { ClauseDbChart } from './views/ClauseDbChart.tsx';
import { approachColumn, ContrastView, type ContrastColumn } from './views/ContrastView.tsx';
import { ImplicationGraph } from './views/ImplicationGraph.tsx';
import { SearchTree } from './views/SearchTree.tsx';
import { TheoryPanel } from './views/TheoryPanel.tsx';
import { TrailView } from './views/TrailView.tsx';
import './smt.css';

const spawn = () => new Worker(new URL('../../../workers/smt.worker.ts', import.meta.url), { type: 'module', name: 'smt' });
const RUN_BUDGET = { maxSteps: Number.MAX_SAFE_INTEGER, maxMillis: 120_000 };

type Props = LabViewProps<SmtConfig, SmtView>;

/**
 * The SAT/SMT view: a formula, its CDCL / DPLL(T) search replayed step by step, eager against lazy.
 * Longer than 80 lines on purpose: it only wires state (the run, the Player's position, what the
 * replay derives) to the views and lays them out per mode; each view and derivation has its own file.
 */
export function SmtLab({ scenario, onChange, mode }: Props) {
  const { config, view } = scenario;
  const latest = useRef(scenario);
  latest.current = scenario;
  const changeRef = useRef(onChange);
  changeRef.current = onChange;
  const change = useCallback((patch: Partial<Props['scenario']>) => changeRef.current({ ...latest.current, ...patch }), []);
  const setConfig = useCallback((patch: Partial<SmtConfig>) => change({ config: { ...latest.current.config, ...patch } }), [change]);
  const setOptions = useCallback((patch: Partial<SmtOptions>) => setConfig({ options: { ...latest.current.config.options, ...patch } }), [setConfig]);
  const setView = useCallback((patch: Partial<SmtView>) => change({ view: { ...latest.current.view, ...patch } }), [change]);

  const runner = useEngine<SmtConfig, SmtResult>(spawn);
  const { start } = runner;
  const reluplex = useReluplex();
  const [shown, setShown] = useState<{ config: SmtConfig; result: SmtResult }>();
  const [inputError, setInputError] = useState<{ text: string; marker: EditorMarker }>();
  const [fileProblem, setFileProblem] = useState<string>();
  const result = shown?.result;
  const trace = result?.trace;
  const stale = shown !== undefined && JSON.stringify(shown.config) !== JSON.stringify(config);
  const events = useMemo(() => trace?.events ?? [], [trace]);
  const last = Math.max(0, events.length - 1);
  const position = Math.min(view.position, last);
  const replay = useReplay(trace, position);

  const solve = useCallback(
    async (seek?: number) => {
      const s = latest.current;
      const outcome = await start(s.config, s.seed, RUN_BUDGET);
      if (outcome.status !== 'done') {
        if (outcome.error.kind === 'input') {
          const at = outcome.error.at ?? { line: 1, column: 1 };
          setInputError({ text: s.config.input.text, marker: { ...at, message: outcome.error.message, severity: 'error' } });
        }
        return;
      }
      setInputError(undefined);
      const r = outcome.result;
      setShown({ config: s.config, result: r });
      const end = Math.max(0, (r.trace?.events.length ?? 1) - 1);
      setView({ ran: true, position: seek === undefined ? end : Math.min(seek, end) });
      if (latest.current.view.origin && s.config.input.kind === 'smtlib') void reluplex.run(latest.current.view.origin, s.seed);
    },
    [start, setView, reluplex],
  );

  // A scenario that showed a run re-runs it on open (the engine is deterministic) and seeks back.
  const replayed = useRef(false);
  useEffect(() => {
    if (replayed.current || !view.ran || shown || formulaMarkers(latest.current.config.input).length > 0) return;
    replayed.current = true;
    void solve(view.position);
  }, [view.ran, view.position, shown, solve]);

  const openFile = useCallback(
    async (file: File) => {
      setFileProblem(undefined);
      try {
        const f = await readFormulaFile(file);
        change({ title: f.name, config: { ...latest.current.config, input: { kind: f.kind, text: f.text, name: f.name } }, view: { ...latest.current.view, ran: false, position: 0, origin: null } });
      } catch (e) {
        setFileProblem(`${file.name} cannot be opened: ${e instanceof InputError || e instanceof Error ? e.message : String(e)}`);
      }
    },
    [change],
  );

  const typed = useDeferredValue(config.input);
  const parseMarkers = useMemo(() => formulaMarkers(typed), [typed]);
  const drop = useFileDrop((file) => void openFile(file));
  const markers = useMemo(() => (parseMarkers.length > 0 ? parseMarkers : inputError && inputError.text === config.input.text ? [inputError.marker] : []), [parseMarkers, inputError, config.input.text]);
  const blockedBy = markers.length > 0 ? `Fix the formula first: line ${markers[0]!.line}, column ${markers[0]!.column}: ${markers[0]!.message}` : undefined;
  const name = replay.run?.name;
  const describe = useCallback((p: number) => (events[p] && name ? describeEvent(events[p], name) : ''), [events, name]);
  const conflictLits = useMemo(() => (replay.conflict && replay.run ? (replay.run.clauses.get(replay.conflict.clause) ?? []) : []), [replay.conflict, replay.run]);
  const cut = useMemo(() => {
    const c = replay.conflict;
    if (!c?.learn || !trace || !replay.run) return undefined;
    return withContext(c.learn.cut, trailAt(trace.events, c.at), replay.run.clauses, c.level);
  }, [replay.conflict, replay.run, trace]);
  const learntLits = useMemo(() => new Set((replay.conflict?.learn?.lits ?? []).map((l) => -l)), [replay.conflict]);
  const summary = result?.summary;
  const smt = shown?.config.input.kind === 'smtlib';
  const big = mode === 'present';
  /** The figures' base font: the type floor in presentation mode (the back of a lecture hall). */
  const base = usePresentFont(big, 13);
  // The views draw their second kind of text (literals in the tree) at 0.92 of it: on a projector that too reaches the floor.
  const font = big ? Math.ceil(base / 0.92) : base;
  const [pane, setPane] = useState('search');

  const columns = useMemo(() => {
    const out: ContrastColumn[] = (summary?.contrast ?? []).map(approachColumn);
    if (reluplex.column && !('failed' in reluplex.column)) out.push(reluplex.column);
    return out;
  }, [summary, reluplex.column]);
  const contrastNote = !summary?.contrast
    ? 'Tick “compare eager and lazy” and solve to see both approaches on this formula.'
    : view.origin
      ? reluplex.column && 'failed' in reluplex.column
        ? `Reluplex could not run: ${reluplex.column.failed}`
        : reluplex.state.status === 'running'
          ? 'Reluplex is running on the same query…'
          : 'The same ReLU query three ways: as one mixed-integer problem (ReLU by big-M), by generic lazy SMT, and by the Solver lab’s Reluplex.'
      : 'The same formula both ways: eager hands one big problem to one procedure, lazy lets the SAT engine propose and the theory solver check.';

  const runPanel = <RunPanel state={runner.state} onRun={() => void solve()} onCancel={runner.cancel} runLabel="Solve" {...(blockedBy ? { blockedBy } : {})} />;
  const player = trace && (
    <Player length={events.length} position={position} onSeek={(p) => setView({ position: p })} describe={describe} label="Replay the search" />
  );
  const treeOf = (height: number) => <SearchTree tree={replay.run?.tree} position={position} name={name ?? String} layout={view.tree} onLayout={(tree) => setView({ tree })} height={height} font={font} />;
  const graphOf = (height: number) => <ImplicationGraph conflict={replay.conflict} cut={cut} conflictLits={conflictLits} position={position} name={name ?? String} height={height} font={font} onSeek={(p) => setView({ position: p })} />;
  const clausesOf = (height: number) => <ClauseDbChart series={replay.run?.series} inputClauses={summary?.input.clauses ?? 0} position={position} height={height} font={font} />;
  const treeView = treeOf(340);
  const graph = graphOf(380);
  const theory = <TheoryPanel slacks={trace?.slacks ?? []} bounds={replay.bounds} theoryConflicts={replay.run?.theoryConflicts ?? []} current={replay.theoryConflict} position={position} name={name ?? String} onSeek={(p) => setView({ position: p })} font={font} />;
  const contrast = <ContrastView columns={columns} note={contrastNote} font={font} />;
  const trail = <TrailView trail={replay.trail} highlight={learntLits} name={name ?? String} fontSize={font} ran={trace !== undefined} />;
  const truncated = trace?.truncated ? <p className="run-note">Recording stopped after {trace.cap.toLocaleString('en-US')} events; the run went on to its answer (the summary counts everything).</p> : null;

  if (mode === 'embed') {
    return (
      <div className="smt-lab smt-embed">
        {runPanel}
        {summary && <VerdictCard summary={summary} stale={stale} exported={view.origin !== null} />}
        {player}
        {graph}
      </div>
    );
  }

  if (big) {
    // The projector's layout: the answer and the settings on the left, the player under the
    // views; the search tree beside the implication graph and its cut (where CDCL learns) first,
    // the graph alone (larger), the trail, the clauses, the theory and the contrast one key away.
    // Heights leave room for each figure's caption bar and legend.
    const chrome = 7 * font;
    const panes: PresentPane[] = [
      {
        id: 'search',
        label: 'Search and conflict',
        render: ({ height }) => (
          <div className="smt-pair smt-present-pair">
            {treeOf(Math.max(200, height - chrome))}
            {graphOf(Math.max(200, height - chrome))}
          </div>
        ),
      },
      { id: 'graph', label: 'Implication graph', render: ({ height }) => graphOf(Math.max(200, height - chrome)) },
      { id: 'trail', label: 'Trail', render: () => <div className="smt-present-scroll">{trail}</div> },
      { id: 'clauses', label: 'Clauses', render: ({ height }) => clausesOf(Math.max(200, height - chrome)) },
      ...(smt
        ? [
            { id: 'theory', label: 'Theory', render: () => <div className="smt-present-scroll">{theory}</div> },
            { id: 'contrast', label: 'Eager and lazy', render: () => <div className="smt-present-scroll">{contrast}</div> },
          ]
        : []),
    ];
    return (
      <PresentLayout
        className="smt-present"
        leadWidth="0.65fr"
        lead={
          <>
            <section className="panel smt-panel" aria-label="Answer">
              <h3>Answer</h3>
              <VerdictCard summary={summary} stale={stale} exported={view.origin !== null} />
              {truncated}
            </section>
            <SettingsPanel config={config} onConfig={setConfig} onOptions={setOptions} run={runPanel} />
          </>
        }
        panes={panes}
        active={pane}
        onActive={setPane}
        foot={player}
      />
    );
  }

  return (
    <div
      className={`smt-lab smt-${mode}${drop.dragging ? ' dragging' : ''}`}
      {...drop.handlers}
    >
      <div className="smt-side">
        {mode === 'full' && (
          <InputPanel
            kind={config.input.kind}
            text={config.input.text}
            name={config.input.name}
            markers={markers}
            problem={fileProblem}
            fontSize={14}
            onKind={(kind) => setConfig({ input: { ...latest.current.config.input, kind } })}
            onText={(text) => setConfig({ input: { ...latest.current.config.input, text } })}
            onFile={(file) => void openFile(file)}
          />
        )}
        <SettingsPanel config={config} onConfig={setConfig} onOptions={setOptions} run={runPanel} />
        <section className="panel smt-panel" aria-label="Answer">
          <h3>Answer</h3>
          <VerdictCard summary={summary} stale={stale} exported={view.origin !== null} />
          {truncated}
        </section>
      </div>
      <div className="smt-main">
        {player}
        <div className="smt-pair">
          {treeView}
          {graph}
        </div>
        {trail}
        {smt ? (
          <div className="smt-pair">
            {clausesOf(260)}
            {theory}
          </div>
        ) : (
          clausesOf(260)
        )}
        {smt && contrast}
      </div>
      {drop.dragging && <div className="drop-hint">Drop a .cnf or .smt2 file to open it</div>}
    </div>
  );
}
