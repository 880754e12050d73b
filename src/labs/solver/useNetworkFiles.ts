import { useCallback } from 'react';
import type { NetworkRef, SolverRequest } from '../../engines/solver/config.ts';
import { useStoredFile } from '../../ui/useStoredFile.ts';
import { networkStore, type NetworkFile } from './networkFile.ts';

/**
 * The bytes behind a file reference: from this page's memory, else from IndexedDB, else missing
 * (the view then asks for the file).
 */
export function useNetworkFiles(network: NetworkRef) {
  const stored = useStoredFile(networkStore, network.kind === 'file' ? network.sha256 : undefined);
  const { file, recalling, add: keep } = stored;
  const add = useCallback((f: NetworkFile) => keep(f.sha256, f), [keep]);
  const data: SolverRequest['networkData'] = file ? (file.text !== undefined ? { text: file.text } : { bytes: file.bytes! }) : undefined;
  return { data, missing: network.kind === 'file' && !file && !recalling, add };
}
