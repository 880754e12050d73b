import { useCallback, useEffect, useRef, useState } from 'react';
import { readWorkspace, writeWorkspace, type Workspace } from '../scenario/autosave.ts';
import type { LabId, Scenario } from '../scenario/types.ts';
import { beginBoot, watchBoot } from './safeBoot.ts';

/** The browser's local storage, or undefined where it is blocked (it may throw, or be null). */
function storage(): Storage | undefined {
  try {
    const store = window.localStorage;
    if (!store) return undefined;
    const probe = 'latticework.probe';
    store.setItem(probe, '1');
    store.removeItem(probe);
    return store;
  } catch {
    return undefined;
  }
}

const NOT_SAVED = 'Your work is not being saved in this browser (local storage is blocked or unavailable): use Save to keep a file.';

/**
 * The autosaved workspace: each lab's current and previous work, written to local storage 200 ms
 * after the last change and at once when the page is hidden. Nothing is stored in an embed.
 */
export function useWorkspaceStore(embed: boolean, alert: (text: string) => void) {
  const workspace = useRef<Workspace>({ labs: {}, previous: {} });
  const saveTimer = useRef<ReturnType<typeof setTimeout>>(undefined);
  /** Which labs hold previous work (replaced by a link, an example or a file, or unreadable): always restorable. */
  const [previousLabs, setPreviousLabs] = useState<LabId[]>([]);

  const keepPrevious = useCallback((labId: LabId, scenario: Scenario) => {
    workspace.current.previous[labId] = scenario;
    setPreviousLabs(Object.keys(workspace.current.previous) as LabId[]);
  }, []);

  const persistNow = useCallback(() => {
    clearTimeout(saveTimer.current);
    saveTimer.current = undefined;
    const store = storage();
    // Where storage is unavailable, boot has said so once.
    if (embed || !store) return;
    const problem = writeWorkspace(store, workspace.current);
    if (problem) alert(problem);
  }, [embed, alert]);

  const persist = useCallback(() => {
    clearTimeout(saveTimer.current);
    saveTimer.current = setTimeout(persistNow, 200);
  }, [persistNow]);

  useEffect(() => {
    const flush = () => saveTimer.current !== undefined && persistNow();
    window.addEventListener('pagehide', flush);
    document.addEventListener('visibilitychange', flush);
    return () => {
      window.removeEventListener('pagehide', flush);
      document.removeEventListener('visibilitychange', flush);
    };
  }, [persistNow]);

  /** Reads the saved workspace (once, at boot); says whether the last boot never finished (safeBoot.ts). */
  const restore = useCallback((): boolean => {
    const store = storage();
    let unfinished = false;
    if (store && !embed) {
      unfinished = beginBoot(store);
      const { workspace: saved, problem } = readWorkspace(store);
      workspace.current = saved;
      setPreviousLabs(Object.keys(saved.previous) as LabId[]);
      if (problem) alert(problem);
    } else if (!embed) alert(NOT_SAVED);
    return unfinished;
  }, [embed, alert]);

  return { workspace, previousLabs, keepPrevious, persist, restore };
}

/** The boot is finished once the page has answered on time for a few seconds with a lab shown (safeBoot.ts). */
export function useBootWatch(shown: boolean, embed: boolean): void {
  useEffect(() => {
    const store = storage();
    if (!shown || embed || !store) return;
    return watchBoot(store);
  }, [shown, embed]);
}
