import { useCallback, useEffect, useMemo, useRef, useState, type DragEvent } from 'react';
import { useEngine } from '../../bridge/useEngine.ts';
import type { KernelsConfig, KernelsResult, Pos } from '../../engines/kernels/api.ts';
import { BUILTIN_IMAGES } from '../../engines/kernels/inputs/images.ts';
import { kernelsLanguage } from './language.ts';
import { PresentLayout, type PresentPane } from '../../ui/present/PresentLayout.tsx';
import { typeFloor, usePresentFont } from '../../ui/present/presentContext.ts';
import { CodeEditor } from '../../ui/CodeEditor.tsx';
import type { EditorMarker, EditorRange } from '../../ui/editorTypes.ts';
import { RunPanel } from '../../ui/RunPanel.tsx';
import type { LabViewProps } from '../types.tsx';
import { decodeImage, readImageFile } from './image/decode.ts';
import type { KernelsScenarioConfig, KernelsView } from './scenario.ts';
import { useCompilation } from './useCompilation.ts';
import { useKernelsImage } from './useKernelsImage.ts';
import { CompilerStages } from './views/CompilerStages.tsx';
import { GeneratedCode } from './views/GeneratedCode.tsx';
import { Results } from './views/Results.tsx';
import { RunSettings } from './views/RunSettings.tsx';
import { StencilImages } from './views/StencilImages.tsx';
import './kernels.css';

const spawn = () => new Worker(new URL('../../../workers/kernels.worker.ts', import.meta.url), { type: 'module', name: 'kernels' });
/** Timing runs are long at 10⁷ elements on a slow backend, but never endless: Cancel is always there. */
const RUN_BUDGET = { maxSteps: Number.MAX_SAFE_INTEGER, maxMillis: 15 * 60_000 };
const CORES = typeof navigator === 'undefined' ? 2 : Math.max(1, Math.min(navigator.hardwareConcurrency || 2, 16));

type Props = LabViewProps<KernelsScenarioConfig, KernelsView>;
type Scn = Props['scenario'];

const FOCUS: { id: KernelsView['focus']; label: string }[] = [
  { id: 'graph', label: 'Fusion' },
  { id: 'code', label: 'Code' },
  { id: 'speed', label: 'Speed-up' },
  { id: 'images', label: 'Images' },
];

/** The kernels lab: write array code, see it compiled (Domain IR, Parallel IR, loops), time every backend. */
export function KernelsLab({ scenario, onChange, mode }: Props) {
  const { config, view } = scenario;
  const latest = useRef(scenario);
  latest.current = scenario;
  const changeRef = useRef(onChange);
  changeRef.current = onChange;
  // The newest scenario is known at once, before the shell re-renders: a Run clicked right after a
  // field lost focus (and committed its value) runs with that value.
  const change = useCallback((patch: Partial<Scn>) => {
    latest.current = { ...latest.current, ...patch };
    changeRef.current(latest.current);
  }, []);
  const setConfig = useCallback((patch: Partial<KernelsScenarioConfig>) => change({ config: { ...latest.current.config, ...patch } }), [change]);
  const setView = useCallback((patch: Partial<KernelsView>) => change({ view: { ...latest.current.view, ...patch } }), [change]);

  const { compilation, failure, outdated } = useCompilation(config.source);
  const needsImage = compilation?.params.some((p) => p.kind === 'image') ?? config.image !== undefined;
  const picture = useKernelsImage(config.image, needsImage);
  const runner = useEngine<KernelsConfig, KernelsResult>(spawn);
  const { start } = runner;
  const [shown, setShown] = useState<{ config: KernelsScenarioConfig; result: KernelsResult }>();
  const [reveal, setReveal] = useState<Pos>();
  const [fileProblem, setFileProblem] = useState<string>();
  const [dragging, setDragging] = useState(false);
  const stale = shown !== undefined && JSON.stringify(shown.config) !== JSON.stringify(config);
  const present = mode === 'present';
  const fontSize = usePresentFont(present, 13);
  const editorFont = usePresentFont(present, 14);
  // The IR graph draws its second lines at 0.85 of its font: on a projector those reach the floor too.
  const stagesFont = present ? Math.ceil(fontSize / 0.85) : fontSize;

  const markers: EditorMarker[] = useMemo(() => (failure ? [{ line: failure.at?.line ?? 1, column: failure.at?.column ?? 1, message: failure.message, severity: 'error' }] : []), [failure]);
  const blockedBy = failure
    ? `Fix the program first: ${failure.at ? `line ${failure.at.line}, column ${failure.at.column}: ` : ''}${failure.message}`
    : picture.missing
      ? `Open the image this scenario names (${config.image?.file?.name}).`
      : needsImage && !picture.image
        ? (picture.problem ?? 'Loading the image…')
        : undefined;

  const run = useCallback(async (replay = false) => {
    // A field being edited commits its value when it loses focus: let it, before reading the scenario.
    if (document.activeElement instanceof HTMLInputElement) document.activeElement.blur();
    const s = latest.current;
    const pixels = s.config.image?.file && picture.image ? { pixels: picture.image.pixels } : {};
    const request: KernelsConfig = { ...s.config, ...(s.config.image ? { image: { ...s.config.image, ...pixels } } : {}) };
    const outcome = await start(request, s.seed, RUN_BUDGET);
    if (outcome.status !== 'done') return;
    setShown({ config: s.config, result: outcome.result });
    const frames = outcome.result.trace.images?.frames.length ?? 0;
    const now = latest.current;
    changeRef.current({ ...now, view: { ...now.view, ran: true, frame: replay ? Math.min(now.view.frame, Math.max(0, frames - 1)) : Math.max(0, frames - 1) } });
  }, [start, picture.image]);

  // A scenario that showed a run runs it again on open: the same answers, times measured anew.
  const replayed = useRef(false);
  useEffect(() => {
    if (replayed.current || !view.ran || shown || blockedBy) return;
    replayed.current = true;
    void run(true);
  }, [view.ran, shown, blockedBy, run]);

  const openImage = useCallback(
    async (file: File) => {
      setFileProblem(undefined);
      try {
        const f = await readImageFile(file);
        const grey = await decodeImage(f);
        picture.add(f, grey);
        const note = grey.scaledFrom ? ` (scaled from ${grey.scaledFrom.width}×${grey.scaledFrom.height} to ${grey.width}×${grey.height})` : '';
        const wanted = latest.current.config.image?.file;
        setFileProblem(
          wanted && wanted.sha256 !== f.sha256
            ? `${f.name} is not the image the scenario named (${wanted.name}); the scenario now uses ${f.name}${note}.`
            : note
              ? `${f.name}${note}.`
              : undefined,
        );
        const now = latest.current;
        changeRef.current({ ...now, config: { ...now.config, image: { width: grey.width, height: grey.height, file: { name: f.name, sha256: f.sha256 } } }, view: { ...now.view, ran: false, frame: 0 } });
      } catch (e) {
        setFileProblem(`${file.name} cannot be opened: ${e instanceof Error ? e.message : String(e)}`);
      }
    },
    [picture],
  );

  const selectedNode = compilation?.domain.nodes.find((n) => n.id === view.selected);
  const at = reveal ?? selectedNode?.at;
  const highlight: EditorRange | undefined = at ? { line: at.line, column: at.column, endLine: at.line, endColumn: at.column + Math.max(1, selectedNode?.label.length ?? 1) } : undefined;
  const result = shown?.result;
  const frames = result?.trace.images?.frames ?? [];

  const editor = (
    <section className="panel kn-panel kn-program" aria-label="Program">
      <div className="kn-panel-bar">
        {/* A one-line title that wraps instead of being cut (presentation mode's narrow column). */}
        <textarea className="kn-title" aria-label="Scenario title" rows={1} value={scenario.title} maxLength={200} onKeyDown={(e) => e.key === 'Enter' && e.preventDefault()} onChange={(e) => change({ title: e.target.value.replace(/\s*\n\s*/g, ' ') })} />
      </div>
      <div className="kn-editor">
        <CodeEditor value={config.source} onChange={(source) => change({ config: { ...latest.current.config, source }, view: { ...latest.current.view, ran: false, selected: -1 } })} language={kernelsLanguage} markers={markers} {...(highlight ? { highlight } : {})} ariaLabel="Kernel program" fontSize={editorFont} wrap={present} />
      </div>
    </section>
  );
  const runPanel = <RunPanel state={runner.state} onRun={() => void run()} onCancel={runner.cancel} runLabel="Run and time" {...(blockedBy ? { blockedBy } : {})} />;
  const imageNote = (fileProblem || picture.problem || picture.missing) && (
    <p role="alert" className="run-error kn-wide">
      {fileProblem ?? picture.problem ?? `This scenario uses ${config.image?.file?.name} (SHA-256 ${config.image?.file?.sha256.slice(0, 12)}…), which a link cannot carry. Open that image to continue.`}
    </p>
  );
  const settings = <RunSettings config={config} params={compilation?.params} builtins={BUILTIN_IMAGES} cores={CORES} onConfig={setConfig} onOpenImage={(f) => void openImage(f)} imageNote={imageNote} run={runPanel} />;
  const stagesFitted = (fit?: { height: number; floor: number }) =>
    compilation && <CompilerStages outdated={outdated} compilation={compilation} selected={view.selected} onSelect={(selected) => { setReveal(undefined); setView({ selected }); }} onReveal={setReveal} fontSize={stagesFont} {...(fit ? { fit } : {})} />;
  const stages = stagesFitted();
  const code = compilation && <GeneratedCode code={compilation.code} shown={view.code} onShow={(c) => setView({ code: c })} fontSize={fontSize} wrap={present} />;
  const results = result && <Results result={result} config={shown!.config} stale={stale} by={view.chart} onBy={(chart) => setView({ chart })} fontSize={fontSize} compact={present} />;
  const images = needsImage && picture.image && <StencilImages input={picture.image} frames={frames} position={view.frame} onSeek={(frame) => setView({ frame })} stale={stale} fontSize={fontSize} maxHeight={present ? 520 : 420} />;

  const onDrop = {
    onDragOver: (e: DragEvent) => {
      if (!e.dataTransfer.types.includes('Files')) return;
      e.preventDefault();
      setDragging(true);
    },
    onDragLeave: (e: DragEvent) => e.currentTarget === e.target && setDragging(false),
    onDrop: (e: DragEvent) => {
      const file = e.dataTransfer.files[0];
      if (!file) return;
      e.preventDefault();
      setDragging(false);
      void openImage(file);
    },
  };

  if (mode === 'embed') {
    return (
      <div className="kn kn-embed">
        {runPanel}
        {images}
        {stages}
        {results}
      </div>
    );
  }
  if (present) {
    // The projector's layout: the program and the run on the left; fusion, the generated code,
    // the speed-ups and the images one key away (the pane shown is the scenario's focus).
    // The fusion graphs take the screen's width (the program is one key away, on the other panes) and fit the pane's height.
    const panes: PresentPane[] = FOCUS.filter((f) => f.id !== 'images' || images).map((f) => ({
      id: f.id,
      label: f.label,
      wide: f.id === 'graph',
      render: ({ height }) => (
        <div className="kn-present-pane">
          {f.id === 'graph' && stagesFitted({ height, floor: typeFloor(window.innerWidth) })}
          {f.id === 'code' && code}
          {f.id === 'speed' && (results ?? <p className="kn-empty">Run and time the backends to see the speed-ups.</p>)}
          {f.id === 'images' && images}
        </div>
      ),
    }));
    return (
      <div className={`kn-present${dragging ? ' dragging' : ''}`} {...onDrop}>
        <PresentLayout
          leadWidth="0.8fr"
          lead={
            <>
              {editor}
              <section className="panel kn-panel">{runPanel}</section>
            </>
          }
          panes={panes}
          active={view.focus}
          onActive={(focus) => setView({ focus: focus as KernelsView['focus'] })}
        />
      </div>
    );
  }
  return (
    <div className={`kn kn-full${dragging ? ' dragging' : ''}`} {...onDrop}>
      <div className="kn-top">
        {editor}
        <div className="kn-side">
          {settings}
          {results ?? <p className="kn-empty panel">Run and time the backends: each one is measured against naive on the same machine, in the same run.</p>}
        </div>
      </div>
      {images}
      {stages}
      {code}
      {dragging && <div className="drop-hint">Drop a picture to use it as the stencil’s input</div>}
    </div>
  );
}
