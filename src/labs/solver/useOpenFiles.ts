import { useCallback, useState } from 'react';
import { useFileDrop } from '../../ui/useFileDrop.ts';
import type { NetworkRef, SolverConfig } from '../../engines/solver/config.ts';
import { loadNetwork } from '../../engines/solver/formats/load.ts';
import type { Patchers } from '../shared/usePatch.ts';
import { isPropertyFile, readNetworkFile, type NetworkFile } from './networkFile.ts';
import { INLINE_LIMIT, PROPERTY_LIMIT, type SolverView } from './scenario.ts';
import { describeError } from './useSolverProblem.ts';

/**
 * Files picked or dropped on the lab: a .vnnlib property (by extension or content) becomes the
 * property, in the network's own units (the VNN-COMP convention); a .nnet or .onnx network is
 * read, checked, remembered and named by the scenario. What went wrong is `fileProblem`.
 */
export function useOpenFiles({ latest, change }: Patchers<SolverConfig, SolverView>, add: (file: NetworkFile) => void) {
  const [fileProblem, setFileProblem] = useState<string>();

  const openProperty = useCallback(
    async (file: File) => {
      const text = await file.text();
      if (text.length > PROPERTY_LIMIT)
        return setFileProblem(`${file.name} is ${text.length.toLocaleString('en-US')} characters; a property of at most ${PROPERTY_LIMIT.toLocaleString('en-US')} can be saved and shared.`);
      const current = latest.current;
      change({ config: { ...current.config, property: text, units: 'network' }, view: { ...current.view, ran: false, checkpoints: 0 } });
    },
    [latest, change],
  );

  const openFile = useCallback(
    async (file: File) => {
      setFileProblem(undefined);
      try {
        if (isPropertyFile(file.name, new Uint8Array(await file.slice(0, 256).arrayBuffer()))) return openProperty(file);
        const f = await readNetworkFile(file);
        const ref: NetworkRef = f.format === 'nnet' && f.text !== undefined && f.text.length <= INLINE_LIMIT ? { kind: 'inline', name: f.name, text: f.text } : { kind: 'file', name: f.name, format: f.format, sha256: f.sha256, size: f.size };
        loadNetwork(ref, f.text !== undefined ? { text: f.text } : { bytes: f.bytes! });
        add(f);
        const current = latest.current;
        const wanted = current.config.network;
        if (wanted.kind === 'file' && wanted.sha256 !== f.sha256)
          setFileProblem(`${f.name} is not the file the scenario named (${wanted.name}, SHA-256 ${wanted.sha256.slice(0, 12)}…); the scenario now uses ${f.name}.`);
        const isAcas = ref.kind === 'file' || ref.kind === 'inline';
        change({ title: isAcas ? `${f.name}` : current.title, config: { ...current.config, network: ref }, view: { ...current.view, ran: false, checkpoints: 0 } });
      } catch (e) {
        setFileProblem(`${file.name} cannot be opened: ${describeError(e)}`);
      }
    },
    [add, latest, change, openProperty],
  );

  /** Drag-and-drop handlers for the lab's root element. */
  const { dragging, handlers: drop } = useFileDrop((file) => void openFile(file));
  return { fileProblem, dragging, openFile, drop };
}
