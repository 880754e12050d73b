import { parseScenarioValue } from './codec.ts';
import { LAB_IDS, type LabId, type Scenario } from './types.ts';

/**
 * The user's work, kept in localStorage after every change: the open lab, each lab's current
 * scenario, and the scenario a link or an example replaced (so that replacement can be undone).
 */
export interface Workspace {
  current?: LabId;
  labs: Partial<Record<LabId, Scenario>>;
  previous: Partial<Record<LabId, Scenario>>;
}

export const WORKSPACE_KEY = 'latticework.workspace.v1';
/** Where an unreadable workspace is moved, so that nothing the user had is ever deleted. */
export const UNREADABLE_KEY = 'latticework.workspace.unreadable';

export const emptyWorkspace = (): Workspace => ({ labs: {}, previous: {} });

export function readWorkspace(storage: Storage): { workspace: Workspace; problem?: string } {
  let text: string | null;
  try {
    text = storage.getItem(WORKSPACE_KEY);
  } catch {
    return { workspace: emptyWorkspace(), problem: 'Saved work cannot be read: this browser blocks local storage.' };
  }
  if (text === null) return { workspace: emptyWorkspace() };
  const workspace = parseWorkspace(text);
  if (workspace) return { workspace };
  try {
    if (storage.getItem(UNREADABLE_KEY) === null) storage.setItem(UNREADABLE_KEY, text);
  } catch {
    // Keeping the copy is best effort; the original stays in place until the next save.
  }
  return {
    workspace: emptyWorkspace(),
    problem: `Your saved work could not be read, so Latticework started fresh. The old data is kept in local storage under "${UNREADABLE_KEY}".`,
  };
}

function parseWorkspace(text: string): Workspace | undefined {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch {
    return undefined;
  }
  if (typeof raw !== 'object' || raw === null) return undefined;
  const { current, labs, previous } = raw as Record<string, unknown>;
  const workspace = emptyWorkspace();
  if (typeof current === 'string' && (LAB_IDS as readonly string[]).includes(current)) workspace.current = current as LabId;
  workspace.labs = scenarios(labs);
  workspace.previous = scenarios(previous);
  return workspace;
}

function scenarios(raw: unknown): Partial<Record<LabId, Scenario>> {
  const out: Partial<Record<LabId, Scenario>> = {};
  if (typeof raw !== 'object' || raw === null) return out;
  for (const lab of LAB_IDS) {
    const decoded = parseScenarioValue((raw as Record<string, unknown>)[lab]);
    if (decoded.ok && decoded.value.lab === lab) out[lab] = decoded.value;
  }
  return out;
}

/** Returns a problem to show, or undefined once saved. */
export function writeWorkspace(storage: Storage, workspace: Workspace): string | undefined {
  try {
    storage.setItem(WORKSPACE_KEY, JSON.stringify(workspace));
    return undefined;
  } catch {
    return 'Your work could not be saved in this browser (storage full or blocked). Use Save to keep a file.';
  }
}
