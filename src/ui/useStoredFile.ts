import { useCallback, useEffect, useState } from 'react';
import type { FileStore } from '../scenario/fileStore.ts';

/**
 * The file a scenario names by SHA-256, as React state: this page's copy at once, else what
 * IndexedDB recalls. `recalling` is true until IndexedDB has answered, so a view says "missing"
 * only when the file really is not here.
 */
export function useStoredFile<T>(store: FileStore<T>, sha256: string | undefined) {
  const [, setVersion] = useState(0);
  const [recalling, setRecalling] = useState(() => sha256 !== undefined && store.get(sha256) === undefined);

  useEffect(() => {
    if (!sha256 || store.get(sha256) !== undefined) return;
    let live = true;
    setRecalling(true);
    void store.recall(sha256).then((file) => {
      if (!live) return;
      setRecalling(false);
      if (file !== undefined) setVersion((v) => v + 1);
    });
    return () => {
      live = false;
    };
  }, [store, sha256]);

  const add = useCallback(
    (sha: string, file: T) => {
      void store.keep(sha, file);
      setVersion((v) => v + 1);
    },
    [store],
  );

  const file = sha256 ? store.get(sha256) : undefined;
  return { file, recalling: sha256 !== undefined && file === undefined && recalling, add };
}
