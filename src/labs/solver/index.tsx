import { useMemo, useState, type ReactNode } from 'react';
import { acasProperty } from '../../engines/solver/formats/acas.ts';
import type { SolverConfig } from '../../engines/solver/config.ts';
import { PresentLayout, type PresentPane } from '../../ui/present/PresentLayout.tsx';
import { RunPanel } from '../../ui/RunPanel.tsx';
import { usePatch } from '../shared/usePatch.ts';
import { defineLab, type LabViewProps } from '../types.tsx';
import { makeNamer } from './naming.ts';
import { NetworkPanel } from './NetworkPanel.tsx';
import { NetworkView } from './NetworkView.tsx';
import { NodeDetails } from './NodeDetails.tsx';
import { OpenAsSmtButton } from './OpenAsSmtButton.tsx';
import { PropertyPanel } from './PropertyPanel.tsx';
import { defaultScenario, spec as scenarioSpec, type SolverView } from './scenario.ts';
import { SearchFigure } from './SearchFigure.tsx';
import { SettingsPanel } from './SettingsPanel.tsx';
import { SliceView } from './SliceView.tsx';
import { ImageView, imageSide } from './ImageView.tsx';
import { StepLog } from './StepLog.tsx';
import { useNetworkFiles } from './useNetworkFiles.ts';
import { useOpenFiles } from './useOpenFiles.ts';
import { useSolverProblem } from './useSolverProblem.ts';
import { useVerify } from './useVerify.ts';
import { VerdictCard } from './VerdictCard.tsx';
import './solver.css';

/** The solver lab's layout: the network, the property and the settings beside the search's figures. */
function View({ scenario, onChange, mode }: LabViewProps<SolverConfig, SolverView>) {
  const { config, view } = scenario;
  const patch = usePatch(scenario, onChange);
  const { latest, change, patchConfig: setConfig, patchView: setView } = patch;
  const files = useNetworkFiles(config.network);
  const { data, missing } = files;
  const { loaded, model, property, blockedBy } = useSolverProblem(config, data, missing);
  const { runner, shown, stale, run, live } = useVerify(scenario, onChange, data, blockedBy !== undefined);
  const { fileProblem, dragging, openFile, drop } = useOpenFiles(patch, files.add);
  const result = shown?.result;

  const namer = useMemo(() => {
    if (!result) return undefined;
    const s = model?.scaling;
    return makeNamer(result, config.units === 'original' && s ? { mean: s.inputMean, range: s.inputRange } : undefined);
  }, [result, model, config.units]);

  const events = result?.trace.events;
  const last = events ? Math.max(0, events.count - 1) : 0;
  const position = Math.min(view.position, last);
  const selected = result && view.selected < result.trace.tree.count ? view.selected : -1;
  const sliceRequest = useMemo(() => ({ network: config.network, ...(data ? { networkData: data } : {}), units: config.units }), [config.network, data, config.units]);
  const summary = result?.summary;

  const [pane, setPane] = useState('search');
  const searchFigure = (height: number) => <SearchFigure result={result} live={live} view={view} position={position} selected={selected} namer={namer} height={height} onView={setView} />;
  const search = searchFigure(mode === 'embed' ? 480 : 400);
  const cex = summary?.counterexample && !stale ? { input: summary.counterexample.input, caseIndex: summary.counterexample.caseIndex } : undefined;
  const sliceView = (height: number) =>
    imageSide(model?.network.inputSize ?? 0) ? (
      <ImageView spec={property.spec} caseIndex={cex?.caseIndex ?? 0} counterexample={cex?.input} />
    ) : (
      <SliceView request={blockedBy === undefined ? sliceRequest : undefined} model={model} spec={property.spec} counterexample={cex} settings={view.slice} onChange={(s) => setView({ slice: s })} height={height} />
  );
  const networkView = (height: number) => <NetworkView summary={summary} details={result?.trace.details} node={selected >= 0 ? selected : 0} namer={namer} height={height} />;
  const slice = sliceView(330);
  const network = networkView(300);

  const runPanel = <RunPanel state={runner.state} onRun={() => void run()} onCancel={runner.cancel} runLabel="Verify" {...(blockedBy ? { blockedBy } : {})} />;
  if (mode === 'embed') {
    return (
      <div className="solver-lab solver-embed">
        {runPanel}
        {summary && <VerdictCard summary={summary} elapsedMs={shown?.elapsedMs} stale={stale} />}
        {search}
      </div>
    );
  }

  const settingsWith = (run: ReactNode) => (
    <SettingsPanel
      config={config}
      seed={scenario.seed}
      onConfig={setConfig}
      onSeed={(seed) => change({ seed })}
      run={run}
    />
  );
  const settings = settingsWith(runPanel);
  const nodeDetails = (
    <section className="panel solver-panel" aria-label="Selected node">
      <h3>Selected node</h3>
      <NodeDetails tree={result?.trace.tree} details={result?.trace.details} node={selected} namer={namer} inputNames={summary?.property.inputNames ?? []} relus={summary?.network.activations.includes('relu') ?? false} />
    </section>
  );
  const stepLog = (
    <section className="panel solver-panel" aria-label="Step log">
      <h3>Step log</h3>
      <StepLog events={events} node={selected} position={position} namer={namer} onSeek={(p) => setView({ position: p })} />
    </section>
  );
  if (mode === 'present') {
    // The projector's layout: the verdict and Verify on the left; the search tree (the
    // idea: split, bound, close) fills the rest; the slice, the network, the log and the settings
    // are one key away.
    // Heights leave room for each figure's caption bar, legend and player (in the pane's zoomed px).
    const panes: PresentPane[] = [
      { id: 'search', label: 'Search tree', smallestText: 11, render: ({ height, zoom }) => searchFigure(Math.max(200, Math.floor(height / zoom) - 200)) },
      { id: 'slice', label: 'Input slice', smallestText: 11, render: ({ height, zoom }) => sliceView(Math.max(200, Math.floor(height / zoom) - 150)) },
      { id: 'network', label: 'Network', smallestText: 11, render: ({ height, zoom }) => networkView(Math.max(200, Math.floor(height / zoom) - 150)) },
      { id: 'node', label: 'Node and steps', render: () => <div className="solver-pair solver-present-pair">{nodeDetails}{stepLog}</div> },
      { id: 'settings', label: 'Settings', render: () => <div className="solver-present-settings">{settingsWith(null)}</div> },
    ];
    return (
      <PresentLayout
        className="solver-present"
        leadWidth="0.8fr"
        lead={
          <>
            <section className="panel solver-panel" aria-label="Result">
              <h3>Result</h3>
              <VerdictCard summary={summary} elapsedMs={shown?.elapsedMs} stale={stale} />
              {runPanel}
            </section>
          </>
        }
        panes={panes}
        active={pane}
        onActive={setPane}
      />
    );
  }

  return (
    <div
      className={`solver-lab solver-${mode}${dragging ? ' dragging' : ''}`}
      {...drop}
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
            title={scenario.title}
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
          <OpenAsSmtButton config={config} networkData={data} title={scenario.title} seed={scenario.seed} disabled={blockedBy !== undefined} />
        </section>
      </div>
      <div className="solver-main">
        {search}
        <div className="solver-pair">
          {slice}
          {network}
        </div>
        {mode === 'full' && (
          <div className="solver-pair">
            {nodeDetails}
            {stepLog}
          </div>
        )}
      </div>
      {dragging && <div className="drop-hint">Drop a .nnet or .onnx network, or a .vnnlib property, to open it</div>}
    </div>
  );
}

export const lab = defineLab({ spec: scenarioSpec, defaultScenario, View });
