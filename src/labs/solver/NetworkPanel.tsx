import { useRef } from 'react';
import type { NetworkRef } from '../../engines/solver/config.ts';
import type { GeneratedSpec } from '../../engines/solver/model/generate.ts';
import type { NetworkModel } from '../../engines/solver/model/network.ts';
import { writeNnet } from '../../engines/solver/formats/nnet.ts';
import { download } from '../../ui/exportSvg.ts';
import { FileButton } from '../../ui/FileButton.tsx';

interface NetworkPanelProps {
  network: NetworkRef;
  model: NetworkModel | undefined;
  error: string | undefined;
  /** The file a file reference needs and that is not here. */
  missing: boolean;
  onNetwork(network: NetworkRef): void;
  onOpenFile(file: File): void;
}

const MINI: GeneratedSpec = { preset: 'mini-acas', seed: 7, hidden: [16, 16], activation: 'relu' };
const RANDOM: GeneratedSpec = { preset: 'random', seed: 1, hidden: [8, 8], activation: 'relu', inputs: 2, outputs: 2 };

const parseSizes = (text: string): number[] | undefined => {
  const sizes = text.split(/[,\s]+/).filter(Boolean).map(Number);
  return sizes.length > 0 && sizes.length <= 8 && sizes.every((n) => Number.isInteger(n) && n >= 1 && n <= 512) ? sizes : undefined;
};

/** Which network: generated from parameters, or a .nnet/.onnx file (picker or drag and drop). */
export function NetworkPanel({ network, model, error, missing, onNetwork, onOpenFile }: NetworkPanelProps) {
  const input = useRef<HTMLInputElement>(null);
  const source = network.kind === 'generated' ? network.spec.preset : 'file';
  const sizes = model ? [model.network.inputSize, ...model.network.layers.map((l) => l.outSize)].join('–') : '';
  const relus = model ? model.network.layers.filter((l) => l.activation !== 'identity').reduce((n, l) => n + l.outSize, 0) : 0;
  const setSpec = (patch: Partial<GeneratedSpec>) => network.kind === 'generated' && onNetwork({ kind: 'generated', spec: { ...network.spec, ...patch } });
  return (
    <section className="panel solver-panel" aria-label="Network">
      <h3>Network</h3>
      <div className="field-row">
        <select
          aria-label="Network source"
          value={source}
          onChange={(e) => {
            const v = e.target.value;
            if (v === 'mini-acas') onNetwork({ kind: 'generated', spec: MINI });
            else if (v === 'random') onNetwork({ kind: 'generated', spec: RANDOM });
            else input.current?.click();
          }}
        >
          <option value="mini-acas">Mini ACAS Xu (generated)</option>
          <option value="random">Random network (generated)</option>
          <option value="file">{network.kind === 'generated' ? 'Open a .nnet or .onnx file…' : network.name}</option>
        </select>
        <FileButton label="Open network…" title="Open a .nnet or .onnx network (or drop one on the lab)" accept=".nnet,.onnx,.vnnlib" inputLabel="Network file" testId="network-file" inputRef={input} onFile={onOpenFile} />
      </div>
      {network.kind === 'generated' && (
        <div className="field-grid">
          <label>
            seed
            <input type="number" min={0} value={network.spec.seed} onChange={(e) => setSpec({ seed: Math.max(0, Math.floor(Number(e.target.value) || 0)) })} />
          </label>
          <label>
            hidden layers
            <input
              key={network.spec.hidden.join(',')}
              defaultValue={network.spec.hidden.join(', ')}
              aria-label="Hidden layer sizes"
              onBlur={(e) => {
                const hidden = parseSizes(e.target.value);
                if (hidden) setSpec({ hidden });
                else e.target.value = network.spec.hidden.join(', ');
              }}
            />
          </label>
          <label>
            activation
            <select value={network.spec.activation} onChange={(e) => setSpec({ activation: e.target.value as GeneratedSpec['activation'] })}>
              <option value="relu">ReLU</option>
              <option value="tanh">tanh</option>
              <option value="sigmoid">sigmoid</option>
            </select>
          </label>
          {network.spec.preset === 'random' && (
            <>
              <label>
                inputs
                <input type="number" min={1} max={16} value={network.spec.inputs ?? 2} onChange={(e) => setSpec({ inputs: Math.min(16, Math.max(1, Math.floor(Number(e.target.value) || 1))) })} />
              </label>
              <label>
                outputs
                <input type="number" min={1} max={16} value={network.spec.outputs ?? 2} onChange={(e) => setSpec({ outputs: Math.min(16, Math.max(1, Math.floor(Number(e.target.value) || 1))) })} />
              </label>
            </>
          )}
        </div>
      )}
      {network.kind === 'file' && (
        <p className="network-file">
          {network.format.toUpperCase()} file, {(network.size / 1024).toFixed(0)} KB, SHA-256 <code title={network.sha256}>{network.sha256.slice(0, 12)}…</code>. The link names this file; whoever opens it is asked for the same file.
        </p>
      )}
      {missing && network.kind === 'file' && (
        <p role="alert" className="run-error">
          This scenario uses <strong>{network.name}</strong> (SHA-256 {network.sha256.slice(0, 12)}…), which a link cannot carry. Open that file to continue.
        </p>
      )}
      {error && (
        <p role="alert" className="run-error">
          {error}
        </p>
      )}
      {model && (
        <p className="network-summary">
          <strong>{model.name}</strong>: layers {sizes}, {relus} {model.network.layers.some((l) => l.activation === 'sigmoid' || l.activation === 'tanh') ? 'nonlinear neurons' : 'ReLUs'}
          {model.scaling ? ', with input and output scaling' : ''}.{' '}
          {network.kind === 'generated' && model.network.layers.every((l, k) => l.activation === (k === model.network.layers.length - 1 ? 'identity' : 'relu')) && model.scaling && (
            <button type="button" className="quiet" onClick={() => download(new Blob([writeNnet(model)], { type: 'text/plain' }), `${model.name.replace(/[^\w]+/g, '-')}.nnet`)}>
              Download .nnet
            </button>
          )}
        </p>
      )}
      <p className="solver-hint">Drop a .nnet or .onnx file anywhere on this lab to open it.</p>
    </section>
  );
}
