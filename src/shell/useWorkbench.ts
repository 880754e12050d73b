import { useCallback, useEffect, useRef, useState } from 'react';
import { errorMessage } from '../errors.ts';
import { findLab, LABS, type LabEntry } from '../labs/registry.ts';
import type { LoadedLab } from '../labs/types.tsx';
import { decodeLink, parseScenarioText, type ScenarioSource } from '../scenario/codec.ts';
import { fetchExample } from '../scenario/examples.ts';
import type { LabId, Scenario } from '../scenario/types.ts';
import { clearFragment, parseFragment, useHashChange } from './fragmentRoute.ts';
import { loadLab } from './labLoader.ts';
import { downloadAction, OWN_WORK_SAFE, useMessages } from './useMessages.ts';
import { withoutRun } from './safeBoot.ts';
import { useBootWatch, useWorkspaceStore } from './useWorkspaceStore.ts';

export type { Message } from './useMessages.ts';

export interface Active {
  entry: LabEntry;
  lab: LoadedLab;
  scenario: Scenario;
  /** Bumped whenever a scenario arrives from outside (link, example, file, lab switch): the lab's views start afresh. */
  generation: number;
}

type Source = Exclude<ScenarioSource, 'saved work'>;
const SOURCE_NAME: Record<Source, string> = { link: 'a link', example: 'the examples', file: 'a file' };
const BASE = import.meta.env.BASE_URL;

const same = (a: Scenario | undefined, b: Scenario) => a !== undefined && JSON.stringify(a) === JSON.stringify(b);

/**
 * The shell's state: which lab is open with which scenario. The autosaved workspace is
 * useWorkspaceStore, the messages useMessages, the URL fragment fragmentRoute.ts. Links, examples and files all arrive through `openScenario`, which
 * validates before it touches anything, so a bad input never overwrites the user's work.
 * (One hook of some 200 lines: the openers share the request ticket that drops superseded loads,
 * and call one another, so apart they would only pass that state around.)
 */
export function useWorkbench({ embed }: { embed: boolean }) {
  const [active, setActive] = useState<Active>();
  const [loading, setLoading] = useState(true);
  const { alerts, notice, alert, dismissAlert, showNotice, dismissNotice } = useMessages();
  const { workspace, previousLabs, keepPrevious, persist, restore } = useWorkspaceStore(embed, alert);
  const request = useRef(0);
  /** The last boot never finished (see safeBoot.ts): the first scenario shown opens without running. */
  const unfinishedBoot = useRef(false);
  const [held, setHeld] = useState<{ title: string; run(): void }>();

  const show = useCallback(
    function show(entry: LabEntry, lab: LoadedLab, original: Scenario) {
      let scenario = original;
      if (unfinishedBoot.current) {
        unfinishedBoot.current = false;
        scenario = withoutRun(original);
        if (scenario !== original)
          setHeld({
            title: original.title,
            run: () => {
              setHeld(undefined);
              show(entry, lab, original);
            },
          });
      }
      workspace.current.labs[entry.id] = scenario;
      workspace.current.current = entry.id;
      persist();
      setActive((current) => ({ entry, lab, scenario, generation: (current?.generation ?? 0) + 1 }));
    },
    [persist, workspace],
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
      dismissNotice();
      show(entry, lab, checked.value);
    },
    [alert, dismissNotice, keepPrevious, show, workspace],
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
        // The notice of an example or link opened in another lab does not belong to this one.
        if (active && active.entry.id !== entry.id) dismissNotice();
        show(entry, lab, scenario);
      } catch (e) {
        alert(`The ${entry.title} lab could not be loaded (${errorMessage(e)}). Check the connection and reload the page.`);
      } finally {
        if (ticket === request.current) setLoading(false);
      }
    },
    [active, alert, dismissNotice, keepPrevious, show, workspace],
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
        // A notice about what was opened before (perhaps in another lab) no longer applies.
        dismissNotice();
        show(entry, lab, checked.value);
        if (replacesWork && !embed)
          showNotice(
            `Opened “${checked.value.title}” from ${SOURCE_NAME[source]}. Your previous ${entry.title} work is kept.`,
            { label: 'Restore previous work', run: () => void restorePrevious(entry.id) },
            // On a projector the lab's head shows the title: the notice keeps to one line.
            `Your previous ${entry.title} work is kept.`,
          );
        return true;
      } catch (e) {
        alert(`The ${entry.title} lab could not be loaded (${errorMessage(e)}). ${OWN_WORK_SAFE}`);
        return false;
      } finally {
        if (ticket === request.current) setLoading(false);
      }
    },
    [alert, dismissNotice, embed, keepPrevious, restorePrevious, show, showNotice, workspace],
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
    [active, alert, openLab, openScenario, workspace],
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
        // A lab that was just replaced may still report a change (a run finishing): it is not the open lab's.
        if (!current || scenario.lab !== current.entry.id) return current;
        // Only what a link and autosave can carry is saved: the last valid scenario stays saved.
        const checked = current.lab.validate(scenario);
        if (checked.ok) workspace.current.labs[current.entry.id] = scenario;
        else queueMicrotask(() => alert(`This change cannot be saved or shared. ${checked.error.message}`));
        return { ...current, scenario };
      });
      clearFragment();
      persist();
    },
    [alert, persist, workspace],
  );

  // Boot: a link or example in the fragment wins; otherwise the saved work opens.
  const booted = useRef(false);
  useEffect(() => {
    if (booted.current) return;
    booted.current = true;
    unfinishedBoot.current = restore();
    void routeFragment(location.hash);
    // Boot runs once; routeFragment is declared below and stable for this purpose.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);

  async function routeFragment(hash: string): Promise<void> {
    const route = parseFragment(hash);
    if (route.kind === 'link') return openLink(route.hash);
    if (route.kind === 'tour' && active) return;
    if (route.kind === 'example') {
      const { lab, id } = route;
      if (lab && id && findLab(lab) && (await openExample(lab as LabId, id))) return;
      if (!(lab && id && findLab(lab))) alert(`There is no example "${route.name}". ${OWN_WORK_SAFE}`);
      // A failed example leaves what was open; on a fresh page, that is the saved work.
      if (active) return;
    }
    return openLab(workspace.current.current ?? LABS[0]?.id ?? 'lvars');
  }

  useBootWatch(active !== undefined, embed);
  useHashChange((hash) => void routeFragment(hash));

  return {
    active,
    loading,
    alerts,
    notice,
    held,
    dismissHeld: () => setHeld(undefined),
    alert,
    dismissAlert,
    dismissNotice,
    /** Swaps the open lab's work with its previous work (undoable the same way). */
    restorePrevious: active && previousLabs.includes(active.entry.id) ? () => void restorePrevious(active.entry.id) : undefined,
    openLab,
    openExample,
    openFile,
    change,
  };
}
