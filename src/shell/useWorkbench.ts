import { useCallback, useEffect, useRef, useState } from 'react';
import { findLab, LABS, type LabEntry } from '../labs/registry.ts';
import type { LoadedLab } from '../labs/types.tsx';
import { readWorkspace, writeWorkspace, type Workspace } from '../scenario/autosave.ts';
import { decodeLink, parseScenarioText, type ScenarioSource } from '../scenario/codec.ts';
import { fetchExample } from '../scenario/examples.ts';
import type { LabId, Scenario } from '../scenario/types.ts';
import { errorMessage } from '../errors.ts';
import { download } from '../ui/exportSvg.ts';

export interface Active {
  entry: LabEntry;
  lab: LoadedLab;
  scenario: Scenario;
  /** Bumped whenever a scenario arrives from outside (link, example, file, lab switch): the lab's views start afresh. */
  generation: number;
}

export interface Message {
  id: number;
  text: string;
  action?: { label: string; run(): void };
}

type Source = Exclude<ScenarioSource, 'saved work'>;
const SOURCE_NAME: Record<Source, string> = { link: 'a link', example: 'the examples', file: 'a file' };
const OWN_WORK_SAFE = 'Your own work is unchanged.';
const BASE = import.meta.env.BASE_URL;

let nextId = 1;
const labCache = new Map<LabId, Promise<LoadedLab>>();
function loadLab(entry: LabEntry): Promise<LoadedLab> {
  let loading = labCache.get(entry.id);
  if (!loading) {
    loading = entry.load();
    labCache.set(entry.id, loading);
    loading.catch(() => labCache.delete(entry.id));
  }
  return loading;
}

const same = (a: Scenario | undefined, b: Scenario) => a !== undefined && JSON.stringify(a) === JSON.stringify(b);

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

/** An alert's button that downloads a scenario this version cannot open, so it is never lost. */
function downloadAction(scenario: Scenario): Message['action'] {
  return {
    label: 'Download it',
    run: () => download(new Blob([`${JSON.stringify(scenario, null, 2)}\n`], { type: 'application/json' }), 'previous-work.latticework.json'),
  };
}

function clearFragment(): void {
  if (location.hash) history.replaceState(history.state, '', location.pathname + location.search);
}

/**
 * The shell's state: which lab is open with which scenario, the autosaved workspace, and the
 * messages shown to the user. Links, examples and files all arrive through `openScenario`, which
 * validates before it touches anything, so a bad input never overwrites the user's work.
 */
export function useWorkbench({ embed }: { embed: boolean }) {
  const workspace = useRef<Workspace>({ labs: {}, previous: {} });
  const [active, setActive] = useState<Active>();
  const [loading, setLoading] = useState(true);
  const [alerts, setAlerts] = useState<Message[]>([]);
  const [notice, setNotice] = useState<Message>();
  const request = useRef(0);
  const saveTimer = useRef<ReturnType<typeof setTimeout>>(undefined);

  const alert = useCallback((text: string, action?: Message['action']) => {
    setAlerts((list) => (list.some((a) => a.text === text) ? list : [...list, { id: nextId++, text, ...(action ? { action } : {}) }]));
  }, []);
  /** Which labs hold previous work (replaced by a link, an example or a file, or unreadable): always restorable. */
  const [previousLabs, setPreviousLabs] = useState<LabId[]>([]);
  const keepPrevious = useCallback((labId: LabId, scenario: Scenario) => {
    workspace.current.previous[labId] = scenario;
    setPreviousLabs(Object.keys(workspace.current.previous) as LabId[]);
  }, []);
  const dismissAlert = useCallback((id: number) => setAlerts((list) => list.filter((a) => a.id !== id)), []);

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

  const show = useCallback(
    (entry: LabEntry, lab: LoadedLab, scenario: Scenario) => {
      workspace.current.labs[entry.id] = scenario;
      workspace.current.current = entry.id;
      persist();
      setActive((current) => ({ entry, lab, scenario, generation: (current?.generation ?? 0) + 1 }));
    },
    [persist],
  );

  const restorePrevious = useCallback(
    async (labId: LabId) => {
      const entry = findLab(labId);
      const previous = workspace.current.previous[labId];
      if (!entry || !previous) return;
      const lab = await loadLab(entry);
      const checked = lab.validate(previous, 'saved work');
      // Work this version cannot open is never thrown away: it can always be downloaded.
      if (!checked.ok) return alert(`Your previous ${entry.title} work cannot be opened here. ${checked.error.message}`, downloadAction(previous));
      const replaced = workspace.current.labs[labId];
      if (replaced) keepPrevious(labId, replaced);
      setNotice(undefined);
      show(entry, lab, checked.value);
    },
    [alert, keepPrevious, show],
  );

  /** Opens the lab with the user's saved work for it (or its default scenario). */
  const openLab = useCallback(
    async (labId: LabId) => {
      const ticket = ++request.current;
      const entry = findLab(labId) ?? LABS[0];
      if (!entry) return setLoading(false);
      setLoading(true);
      try {
        const lab = await loadLab(entry);
        if (ticket !== request.current) return;
        const saved = workspace.current.labs[entry.id];
        let scenario = lab.defaultScenario;
        if (saved) {
          const checked = lab.validate(saved, 'saved work');
          if (checked.ok) scenario = checked.value;
          else {
            keepPrevious(entry.id, saved);
            alert(`Your saved ${entry.title} work could not be opened. ${checked.error.message} It is kept as your previous work; the lab starts from its default scenario.`, downloadAction(saved));
          }
        }
        show(entry, lab, scenario);
      } catch (e) {
        alert(`The ${entry.title} lab could not be loaded (${errorMessage(e)}). Check the connection and reload the page.`);
      } finally {
        if (ticket === request.current) setLoading(false);
      }
    },
    [alert, keepPrevious, show],
  );

  /** Opens a scenario from outside (link, example, file); on any problem, says so and changes nothing. */
  const openScenario = useCallback(
    async (scenario: Scenario, source: Source): Promise<boolean> => {
      const ticket = ++request.current;
      const entry = findLab(scenario.lab);
      if (!entry) {
        alert(`This scenario is for the ${scenario.lab} lab, which this version of Latticework does not have. ${OWN_WORK_SAFE}`);
        return false;
      }
      setLoading(true);
      try {
        const lab = await loadLab(entry);
        if (ticket !== request.current) return false;
        const checked = lab.validate(scenario, source);
        if (!checked.ok) {
          alert(`${checked.error.message} ${OWN_WORK_SAFE}`);
          return false;
        }
        const replaced = workspace.current.labs[entry.id];
        const replacesWork = replaced !== undefined && !same(replaced, checked.value);
        if (replacesWork) keepPrevious(entry.id, replaced);
        show(entry, lab, checked.value);
        if (replacesWork && !embed)
          setNotice({
            id: nextId++,
            text: `Opened “${checked.value.title}” from ${SOURCE_NAME[source]}. Your previous ${entry.title} work is kept.`,
            action: { label: 'Restore previous work', run: () => void restorePrevious(entry.id) },
          });
        return true;
      } catch (e) {
        alert(`The ${entry.title} lab could not be loaded (${errorMessage(e)}). ${OWN_WORK_SAFE}`);
        return false;
      } finally {
        if (ticket === request.current) setLoading(false);
      }
    },
    [alert, embed, keepPrevious, restorePrevious, show],
  );

  const openLink = useCallback(
    async (fragment: string): Promise<void> => {
      const decoded = decodeLink(fragment);
      if (!decoded.ok) {
        alert(`${decoded.error.message} ${OWN_WORK_SAFE}`);
        return openLab(workspace.current.current ?? LABS[0]?.id ?? 'lvars');
      }
      if (await openScenario(decoded.value, 'link')) clearFragment();
      else if (!active) await openLab(workspace.current.current ?? LABS[0]?.id ?? 'lvars');
    },
    [active, alert, openLab, openScenario],
  );

  /** Opens a built-in example; says whether it opened. */
  const openExample = useCallback(
    async (lab: LabId, id: string): Promise<boolean> => {
      const decoded = await fetchExample(BASE, lab, id).catch((e: unknown) => ({
        ok: false as const,
        error: { kind: 'empty' as const, message: `The example could not be loaded (${String(e)}).` },
      }));
      if (!decoded.ok) {
        alert(`${decoded.error.message} ${OWN_WORK_SAFE}`);
        return false;
      }
      const opened = await openScenario(decoded.value, 'example');
      if (opened) clearFragment();
      return opened;
    },
    [alert, openScenario],
  );

  const openFile = useCallback(
    async (file: File) => {
      if (file.size > 4 * 1024 * 1024) return alert(`“${file.name}” is larger than 4 MB, too large for a scenario file. ${OWN_WORK_SAFE}`);
      const decoded = parseScenarioText(await file.text(), 'file');
      if (!decoded.ok) return alert(`“${file.name}” could not be opened. ${decoded.error.message} ${OWN_WORK_SAFE}`);
      await openScenario(decoded.value, 'file');
    },
    [alert, openScenario],
  );

  const change = useCallback(
    (scenario: Scenario) => {
      setActive((current) => {
        if (!current) return current;
        // Only what a link and autosave can carry is saved: the last valid scenario stays saved.
        const checked = current.lab.validate(scenario);
        if (checked.ok) workspace.current.labs[current.entry.id] = scenario;
        else queueMicrotask(() => alert(`This change cannot be saved or shared. ${checked.error.message}`));
        return { ...current, scenario };
      });
      clearFragment();
      persist();
    },
    [alert, persist],
  );

  // Boot: a link or example in the fragment wins; otherwise the saved work opens.
  const booted = useRef(false);
  useEffect(() => {
    if (booted.current) return;
    booted.current = true;
    const store = storage();
    if (store && !embed) {
      const { workspace: saved, problem } = readWorkspace(store);
      workspace.current = saved;
      setPreviousLabs(Object.keys(saved.previous) as LabId[]);
      if (problem) alert(problem);
    } else if (!embed) alert(NOT_SAVED);
    void routeFragment(location.hash);
    // Boot runs once; routeFragment is declared below and stable for this purpose.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);

  async function routeFragment(hash: string): Promise<void> {
    const params = new URLSearchParams(hash.replace(/^#/, ''));
    const example = params.get('example');
    if (params.has('s')) return openLink(hash);
    if (example) {
      const [lab, id] = example.split('/');
      if (lab && id && findLab(lab) && (await openExample(lab as LabId, id))) return;
      if (!(lab && id && findLab(lab))) alert(`There is no example "${example}". ${OWN_WORK_SAFE}`);
      // A failed example leaves what was open; on a fresh page, that is the saved work.
      if (active) return;
    }
    return openLab(workspace.current.current ?? LABS[0]?.id ?? 'lvars');
  }

  // A link pasted into the address bar of an open page arrives as a hash change.
  useEffect(() => {
    const onHash = () => {
      if (location.hash) void routeFragment(location.hash);
    };
    window.addEventListener('hashchange', onHash);
    return () => window.removeEventListener('hashchange', onHash);
  });

  return {
    active,
    loading,
    alerts,
    notice,
    alert,
    dismissAlert,
    dismissNotice: () => setNotice(undefined),
    /** Swaps the open lab's work with its previous work (undoable the same way). */
    restorePrevious: active && previousLabs.includes(active.entry.id) ? () => void restorePrevious(active.entry.id) : undefined,
    openLab,
    openExample,
    openFile,
    change,
  };
}
