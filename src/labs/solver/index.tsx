import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { useEngine } from '../../bridge/useEngine.ts';
import { InputError } from '../../engines/contract.ts';
import { acasProperty } from '../../engines/solver/formats/acas.ts';
import type { NetworkRef, SolverConfig, SolverRequest } from '../../engines/solver/config.ts';
import { loadNetwork } from '../../engines/solver/formats/load.ts';
import type { NetworkModel } from '../../engines/solver/model/network.ts';
import { buildProblem } from '../../engines/solver/model/problem.ts';
import type { SolverProgressDetail, SolverResult } from '../../engines/solver/result.ts';
import type { Spec } from '../../engines/solver/model/spec.ts';
import { parseVnnlib } from '../../engines/solver/formats/vnnlib.ts';
import type { EditorMarker } from '../../ui/editorTypes.ts';
import { Player } from '../../ui/Player.tsx';
import { RunPanel } from '../../ui/RunPanel.tsx';
import { defineLab, type LabViewProps } from '../types.tsx';
import { makeNamer } from './naming.ts';
import { NetworkPanel } from './NetworkPanel.tsx';
import { NetworkView } from './NetworkView.tsx';
import { isPropertyFile, readNetworkFile } from './networkFile.ts';
import { NodeDetails } from './NodeDetails.tsx';
import { PropertyPanel } from './PropertyPanel.tsx';
import { defaultScenario, INLINE_LIMIT, PROPERTY_LIMIT, spec as scenarioSpec, type SolverView } from './scenario.ts';
import { SettingsPanel } from './SettingsPanel.tsx';
import { SliceView } from './SliceView.tsx';
import { StepLog } from './StepLog.tsx';
import { TreeView } from './TreeView.tsx';
import { useNetworkFiles } from './useNetworkFiles.ts';
import { VerdictCard } from './VerdictCard.tsx';
import './solver.css';

const spawn = () => new Worker(new URL('../../../workers/solver.worker.ts', import.meta.url), { type: 'module', name: 'solver' });

type Scn = LabViewProps<SolverConfig, SolverView>['scenario'];

/** An error for a person: where in the file (if known), then what. */
function describeError(e: unknown): string {
  const message = e instanceof Error ? e.message : String(e);
  return e instanceof InputError && e.at ? `line ${e.at.line}, column ${e.at.column}: ${message}` : message;
}

function tryModel(network: NetworkRef, data: SolverRequest['networkData']): { model?: NetworkModel; error?: string } {
  if (network.kind === 'file' && !data) return {};
  try {
    return { model: loadNetwork(network, data) };
  } catch (e) {
    return { error: `${network.kind === 'generated' ? 'The network' : network.name}: ${describeError(e)}` };
  }
}

function tryProperty(text: string, model: NetworkModel | undefined, units: SolverConfig['units']): { spec?: Spec; markers: EditorMarker[] } {
  const marker = (e: unknown): EditorMarker[] => {
    const message = e instanceof Error ? e.message : String(e);
    const at = e instanceof InputError && e.at ? e.at : { line: 1, column: 1 };
    return [{ line: at.line, column: at.column, message, severity: 'error' }];
  };
  let spec: Spec;
  try {
    spec = parseVnnlib(text);
  } catch (e) {
    return { markers: marker(e) };
  }
  if (model) {
    try {
      buildProblem(model, spec, units);
    } catch (e) {
      return { spec, markers: marker(e) };
    }
  }
  return { spec, markers: [] };
}

function View({ scenario, onChange, mode }: LabViewProps<SolverConfig, SolverView>) {
  const { config, view } = scenario;
  const latest = useRef(scenario);
  latest.current = scenario;
  const files = useNetworkFiles(config.network);
  const { data, missing } = files;
  const loaded = useMemo(() => tryModel(config.network, data), [config.network, data]);
  const model = loaded.model;
  const property = useMemo(() => tryProperty(config.property, model, config.units), [config.property, model, config.units]);
  const runner = useEngine<SolverRequest, SolverResult>(spawn);
  const { start } = runner;
  const [shown, setShown] = useState<{ config: SolverConfig; result: SolverResult; elapsedMs: number }>();
  const [fileProblem, setFileProblem] = useState<string>();
  const [dragging, setDragging] = useState(false);
  const result = shown?.result;
  const stale = shown !== undefined && JSON.stringify(shown.config) !== JSON.stringify(config);

  const change = useCallback((patch: Partial<Scn>) => onChange({ ...latest.current, ...patch }), [onChange]);
  const setConfig = useCallback((patch: Partial<SolverConfig>) => change({ config: { ...latest.current.config, ...patch } }), [change]);
  const setView = useCallback((patch: Partial<SolverView>) => change({ view: { ...latest.current.view, ...patch } }), [change]);

  const blockedBy = !model
    ? missing
      ? 'Open the network file this scenario names.'
      : (loaded.error ?? 'Loading the network…')
    : property.markers.length > 0
      ? `Fix the property first: ${property.markers[0]!.message}`
      : undefined;

  const verify = useCallback(
    async (replay?: { checkpoints: number; position: number; selected: number }) => {
      const s = latest.current;
      const request: SolverRequest = { ...s.config, ...(data ? { networkData: data } : {}), ...(replay?.checkpoints ? { stopAtCheckpoint: replay.checkpoints } : {}) };
      const outcome = await start(request, s.seed, { maxSteps: Number.MAX_SAFE_INTEGER, maxMillis: s.config.timeoutSeconds * 1000 + 15_000 });
      if (outcome.status !== 'done') return;
      const r = outcome.result;
      setShown({ config: s.config, result: r, elapsedMs: outcome.elapsedMs });
      const last = Math.max(0, r.trace.events.count - 1);
      const cexNode = Array.from(r.trace.tree.fate).findIndex((f) => f === 4);
      const now = latest.current;
      onChange({
        ...now,
        view: {
          ...now.view,
          ran: true,
          checkpoints: replay?.checkpoints ?? (r.summary.stopped === 'time' ? r.summary.checkpoints : 0),
          position: replay ? Math.min(replay.position, last) : last,
          selected: replay ? replay.selected : cexNode >= 0 ? cexNode : r.trace.tree.count > 1 && r.trace.details.has[0] !== 1 ? 1 : 0,
        },
      });
    },
    [data, start, onChange],
  );

  // A scenario that showed a run re-runs it on open (the engine is deterministic) and seeks back.
  const replayed = useRef(false);
  useEffect(() => {
    if (replayed.current || !view.ran || shown || blockedBy) return;
    replayed.current = true;
    void verify({ checkpoints: view.checkpoints, position: view.position, selected: view.selected });
  }, [view.ran, view.checkpoints, view.position, view.selected, shown, blockedBy, verify]);

  /** A .vnnlib file opens as the property, in the network's own units (the VNN-COMP convention). */
  const openProperty = useCallback(
    async (file: File) => {
      const text = await file.text();
      if (text.length > PROPERTY_LIMIT)
        return setFileProblem(`${file.name} is ${text.length.toLocaleString('en-US')} characters; a property of at most ${PROPERTY_LIMIT.toLocaleString('en-US')} can be saved and shared.`);
      const current = latest.current;
      onChange({ ...current, config: { ...current.config, property: text, units: 'network' }, view: { ...current.view, ran: false, checkpoints: 0 } });
    },
    [onChange],
  );

  const openFile = useCallback(
    async (file: File) => {
      setFileProblem(undefined);
      try {
        if (isPropertyFile(file.name, new Uint8Array(await file.slice(0, 256).arrayBuffer()))) return openProperty(file);
        const f = await readNetworkFile(file);
        const ref: NetworkRef = f.format === 'nnet' && f.text !== undefined && f.text.length <= INLINE_LIMIT ? { kind: 'inline', name: f.name, text: f.text } : { kind: 'file', name: f.name, format: f.format, sha256: f.sha256, size: f.size };
        loadNetwork(ref, f.text !== undefined ? { text: f.text } : { bytes: f.bytes! });
        files.add(f);
        const current = latest.current;
        const wanted = current.config.network;
        if (wanted.kind === 'file' && wanted.sha256 !== f.sha256)
          setFileProblem(`${f.name} is not the file the scenario named (${wanted.name}, SHA-256 ${wanted.sha256.slice(0, 12)}…); the scenario now uses ${f.name}.`);
        const isAcas = ref.kind === 'file' || ref.kind === 'inline';
        onChange({ ...current, title: isAcas ? `${f.name}` : current.title, config: { ...current.config, network: ref }, view: { ...current.view, ran: false, checkpoints: 0 } });
      } catch (e) {
        setFileProblem(`${file.name} cannot be opened: ${describeError(e)}`);
      }
    },
    [files, onChange, openProperty],
  );

  const namer = useMemo(() => {
    if (!result) return undefined;
    const s = model?.scaling;
    return makeNamer(result, config.units === 'original' && s ? { mean: s.inputMean, range: s.inputRange } : undefined);
  }, [result, model, config.units]);

  const live = runner.state.status === 'running' ? (runner.state.progress?.detail as SolverProgressDetail | undefined) : undefined;
  const events = result?.trace.events;
  const last = events ? Math.max(0, events.count - 1) : 0;
  const position = Math.min(view.position, last);
  const treePosition = live ? Infinity : position >= last ? Infinity : position;
  const tree = live?.tree ?? result?.trace.tree;
  const selected = result && view.selected < result.trace.tree.count ? view.selected : -1;
  const sliceRequest = useMemo(() => ({ network: config.network, ...(data ? { networkData: data } : {}), units: config.units }), [config.network, data, config.units]);
  const summary = result?.summary;
  const caption = live
    ? `Running: ${live.tree.count + live.tree.unrecorded} nodes so far, ${(100 * live.covered).toFixed(1)}% of the search space closed.`
    : summary
      ? `${summary.stats.nodes.toLocaleString('en-US')} node${summary.stats.nodes === 1 ? '' : 's'}, maximum split depth ${summary.stats.maxDepth}${summary.strategy === 'reluplex' ? ` (of ${summary.network.nonlinear} ReLUs)` : ''}${result!.trace.tree.unrecorded > 0 ? `; the first ${result!.trace.tree.count.toLocaleString('en-US')} are drawn` : ''}.`
      : '';

  const treeView = (
    <TreeView
      tree={tree}
      position={treePosition}
      live={live !== undefined}
      selected={selected}
      onSelect={(id) => setView({ selected: id })}
      namer={namer}
      layout={view.layout}
      onLayout={(layout) => setView({ layout })}
      caption={caption}
      height={mode === 'embed' ? 480 : mode === 'present' ? 460 : 400}
    />
  );
  const player = result && (
    <Player
      length={events!.count}
      position={position}
      onSeek={(p) => setView({ position: p })}
      describe={(p) => namer?.event(p) ?? ''}
      label="Replay the search"
    />
  );
  const cex = summary?.counterexample && !stale ? { input: summary.counterexample.input, caseIndex: summary.counterexample.caseIndex } : undefined;
  const slice = (
    <SliceView request={blockedBy === undefined ? sliceRequest : undefined} model={model} spec={property.spec} counterexample={cex} settings={view.slice} onChange={(s) => setView({ slice: s })} height={mode === 'present' ? 380 : 330} />
  );
  const network = <NetworkView summary={summary} details={result?.trace.details} node={selected >= 0 ? selected : 0} namer={namer} height={mode === 'present' ? 380 : 300} />;

  const runPanel = <RunPanel state={runner.state} onRun={() => void verify()} onCancel={runner.cancel} runLabel="Verify" {...(blockedBy ? { blockedBy } : {})} />;
  if (mode === 'embed') {
    return (
      <div className="solver-lab solver-embed">
        {runPanel}
        {summary && <VerdictCard summary={summary} elapsedMs={shown?.elapsedMs} stale={stale} />}
        {treeView}
        {player}
      </div>
    );
  }

  const settings = (
    <SettingsPanel
      config={config}
      seed={scenario.seed}
      onConfig={setConfig}
      onSeed={(seed) => change({ seed })}
      run={runPanel}
    />
  );
  return (
    <div
      className={`solver-lab solver-${mode}${dragging ? ' dragging' : ''}`}
      onDragOver={(e) => {
        if (!e.dataTransfer.types.includes('Files')) return;
        e.preventDefault();
        setDragging(true);
      }}
      onDragLeave={(e) => {
        if (e.currentTarget === e.target) setDragging(false);
      }}
      onDrop={(e) => {
        const file = e.dataTransfer.files[0];
        if (!file) return;
        e.preventDefault();
        setDragging(false);
        void openFile(file);
      }}
    >
      <div className="solver-side">
        {mode === 'full' && (
          <NetworkPanel
            network={config.network}
            model={model}
            error={fileProblem ?? loaded.error}
            missing={missing}
            onNetwork={(network) => setConfig({ network })}
            onOpenFile={(file) => void openFile(file)}
          />
        )}
        {mode === 'full' && (
          <PropertyPanel
            text={config.property}
            units={config.units}
            canUseOriginal={model?.scaling !== undefined}
            markers={property.markers}
            onText={(text) => setConfig({ property: text })}
            onUnits={(units) => setConfig({ units })}
            onBuiltIn={(id) => {
              const p = acasProperty(id);
              change({ title: `${model?.name ?? 'Network'}, ACAS Xu property ${id}`, config: { ...latest.current.config, property: p.text, units: model?.scaling ? 'original' : latest.current.config.units } });
            }}
            fontSize={14}
          />
        )}
        {settings}
        <section className="panel solver-panel" aria-label="Result">
          <h3>Result</h3>
          <VerdictCard summary={summary} elapsedMs={shown?.elapsedMs} stale={stale} />
        </section>
      </div>
      <div className="solver-main">
        {treeView}
        {player}
        <div className="solver-pair">
          {slice}
          {network}
        </div>
        {mode === 'full' && (
          <div className="solver-pair">
            <section className="panel solver-panel" aria-label="Selected node">
              <h3>Selected node</h3>
              <NodeDetails tree={result?.trace.tree} details={result?.trace.details} node={selected} namer={namer} inputNames={summary?.property.inputNames ?? []} relus={summary?.network.activations.includes('relu') ?? false} />
            </section>
            <section className="panel solver-panel" aria-label="Step log">
              <h3>Step log</h3>
              <StepLog events={events} node={selected} position={position} namer={namer} onSeek={(p) => setView({ position: p })} />
            </section>
          </div>
        )}
      </div>
      {dragging && <div className="drop-hint">Drop a .nnet or .onnx network, or a .vnnlib property, to open it</div>}
    </div>
  );
}

export const lab = defineLab({ spec: scenarioSpec, defaultScenario, View });
