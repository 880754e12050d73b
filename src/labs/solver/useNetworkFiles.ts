import { useCallback, useEffect, useState } from 'react';
import type { NetworkRef, SolverRequest } from '../../engines/solver/config.ts';
import { recallNetwork, rememberNetwork, type NetworkFile } from './networkFile.ts';

/** Files opened in this page, by SHA-256 (kept across lab switches; IndexedDB keeps them across reloads). */
const opened = new Map<string, NetworkFile>();

/**
 * The bytes behind a file reference: from this page's memory, else from IndexedDB, else missing
 * (the view then asks for the file).
 */
export function useNetworkFiles(network: NetworkRef) {
  const sha = network.kind === 'file' ? network.sha256 : undefined;
  const [, setVersion] = useState(0);
  // Until IndexedDB has answered, a file reference is "being recalled", not yet "missing".
  const [recalling, setRecalling] = useState(() => sha !== undefined && !opened.has(sha));

  useEffect(() => {
    if (!sha || opened.has(sha)) return;
    let live = true;
    setRecalling(true);
    void recallNetwork(sha).then((file) => {
      if (!live) return;
      setRecalling(false);
      if (file) {
        opened.set(sha, file);
        setVersion((v) => v + 1);
      }
    });
    return () => {
      live = false;
    };
  }, [sha]);

  const add = useCallback((file: NetworkFile) => {
    opened.set(file.sha256, file);
    void rememberNetwork(file);
    setVersion((v) => v + 1);
  }, []);

  const file = sha ? opened.get(sha) : undefined;
  const data: SolverRequest['networkData'] = file ? (file.text !== undefined ? { text: file.text } : { bytes: file.bytes! }) : undefined;
  return { data, missing: network.kind === 'file' && !file && !recalling, add };
}
