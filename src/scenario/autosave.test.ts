import { describe, expect, it } from 'vitest';
import { readWorkspace, UNREADABLE_KEY, WORKSPACE_KEY, writeWorkspace, type Workspace } from './autosave.ts';
import { memoryStorage } from '../testing/memoryStorage.ts';
import type { Scenario } from './types.ts';

const scenario: Scenario = { version: 1, lab: 'lvars', title: 'mine', seed: 3, config: { program: 'put(x, 1)' }, view: {} };

describe('autosave', () => {
  it('round-trips the workspace', () => {
    const storage = memoryStorage();
    const w: Workspace = { current: 'lvars', labs: { lvars: scenario }, previous: { lvars: { ...scenario, title: 'before' } } };
    expect(writeWorkspace(storage, w)).toBeUndefined();
    expect(readWorkspace(storage)).toEqual({ workspace: w });
  });

  it('starts fresh on unreadable data, and keeps the data under another key', () => {
    const storage = memoryStorage();
    storage.setItem(WORKSPACE_KEY, '{"current": "lvars", "labs": {');
    const { workspace, problem } = readWorkspace(storage);
    expect(workspace).toEqual({ labs: {}, previous: {} });
    expect(problem).toContain(UNREADABLE_KEY);
    expect(storage.getItem(UNREADABLE_KEY)).toBe('{"current": "lvars", "labs": {');
    expect(storage.getItem(WORKSPACE_KEY)).toBe('{"current": "lvars", "labs": {');
  });

  it('drops only the scenarios that are broken, and migrates old ones', () => {
    const storage = memoryStorage();
    storage.setItem(WORKSPACE_KEY, JSON.stringify({ current: 'dynamo', labs: { lvars: { lab: 'lvars', seed: 2, program: 'x' }, dynamo: { version: 1, lab: 'dynamo' } }, previous: {} }));
    const { workspace, problem } = readWorkspace(storage);
    expect(problem).toBeUndefined();
    expect(workspace.current).toBe('dynamo');
    expect(workspace.labs.lvars).toMatchObject({ version: 1, title: 'Untitled', config: { program: 'x' } });
    expect(workspace.labs.dynamo).toBeUndefined();
  });

  it('says so when storage is full', () => {
    expect(writeWorkspace(memoryStorage(true), { labs: {}, previous: {} })).toMatch(/could not be saved/);
  });
});
