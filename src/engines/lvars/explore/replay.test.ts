import { describe, expect, it } from 'vitest';
import type { Replay } from './replay.ts';
import { explore, runTask } from '../test/run.ts';

const program = `
let x = newIVar();
fork { put(x, 1); }
fork { put(x, 2); }
get(x)`;

const replay = async (schedule: string[], finish = true) => (await runTask(program, { kind: 'replay', schedule, finish })).trace as Replay;

describe('replay', () => {
  it('reproduces each outcome from its witness schedule', async () => {
    const e = await explore('let r = ref(0); let d = newIVar(); fork { write(r, 1); put(d, 0); } fork { write(r, 2); } get(d); read(r)');
    for (const o of e.outcomes) {
      const r = (await runTask('let r = ref(0); let d = newIVar(); fork { write(r, 1); put(d, 0); } fork { write(r, 2); } get(d); read(r)', { kind: 'replay', schedule: o.witness, finish: false })).trace as Replay;
      expect(r.ending?.text).toBe(o.text);
      expect(r.schedule).toEqual(o.witness);
    }
  });

  it('records every reduction with the rule it took', async () => {
    const r = await replay(['main.1', 'main', 'main.2']);
    expect(r.frames.length).toBe(4);
    expect(r.frames[0]!.rules.map((x) => x.rule)).toEqual(expect.arrayContaining(['E-New', 'E-Let', 'E-Fork']));
    expect(r.frames[1]).toMatchObject({ thread: 'main.1', op: 'put(x, 1)', rules: [expect.objectContaining({ rule: 'E-Put' })] });
    expect(r.frames[2]!.rules[0]!.rule).toBe('E-Get');
    expect(r.frames[3]!.rules.map((x) => x.rule)).toContain('E-Put-Err');
    expect(r.ending).toMatchObject({ kind: 'error', errorKind: 'conflicting-put' });
    expect(r.frames[1]!.lvars).toEqual([expect.objectContaining({ label: 'x', state: '1' })]);
    expect(r.frames[0]!.threads.find((t) => t.id === 'main')).toMatchObject({ status: 'blocked', op: 'get(x)' });
  });

  it('records the state a refused put tried to reach, and draws it', async () => {
    const conflict = await replay(['main.1', 'main', 'main.2']);
    const last = conflict.frames[conflict.frames.length - 1]!;
    expect(last.rejected).toEqual({ lvar: 'main/0', key: '⊤' });
    expect(conflict.lattices[0]!.diagram.nodes.map((n) => n.key)).toContain('⊤');
    const frozen = (await runTask('let s = newEmptySet(); insert(1, s); let v = freeze(s); insert(2, s); v', { kind: 'replay', schedule: [], finish: true })).trace as Replay;
    expect(frozen.frames[frozen.frames.length - 1]!.rejected).toEqual({ lvar: 'main/0', key: '{1,2}' });
    expect(frozen.lattices[0]!.diagram.nodes.map((n) => n.label)).toEqual(expect.arrayContaining(['{}', '{1}', '{1, 2}']));
  });

  it('names the freeze-after rules of the Redex model', async () => {
    const rules = ((await runTask('let s = newEmptySet(); insert(1, s); freezeAfter(s, fn(e) { if e < 3 { insert(e + 1, s); } })', { kind: 'replay', schedule: [], finish: true })).trace as Replay).frames.flatMap((f) => f.rules.map((r) => r.rule));
    expect(rules).toEqual(expect.arrayContaining(['E-Freeze-Init', 'E-Spawn-Handler', 'E-Freeze-Final']));
    expect(rules.indexOf('E-Freeze-Init')).toBeLessThan(rules.indexOf('E-Freeze-Final'));
  });

  it("labels withCallbacksThenFreeze's wait for quiescence, with the program's arguments only", async () => {
    const program = 'let q = newFromList([0]); let (_, frozen) = withCallbacksThenFreeze(q, fn(x) { if x < 2 { insert(x + 1, q); } }, fn() { insert(5, q); 0 }); frozen';
    const r = (await runTask(program, { kind: 'replay', schedule: ['main'], finish: false })).trace as Replay;
    const main = r.frames[r.frames.length - 1]!.threads.find((t) => t.id === 'main')!;
    expect(main.op).toBe('withCallbacksThenFreeze(q, fn, fn) (waiting for quiescence)');
    expect(main.status).toBe('blocked');
    const first = r.frames[0]!.threads.find((t) => t.id === 'main')!;
    expect(first.op).toBe('withCallbacksThenFreeze(q, fn, fn)');
  });

  it('says why a schedule cannot be followed, and stops there', async () => {
    const r = await replay(['main', 'main.1'], false);
    expect(r.problem).toMatch(/thread main cannot move/);
    expect(r.frames.length).toBe(1);
  });

  it('in adversarial mode, stops where the user has to choose', async () => {
    const r = await replay(['main.2'], false);
    expect(r.ending).toBeUndefined();
    expect(r.frames[r.frames.length - 1]!.runnable.sort()).toEqual(['main', 'main.1']);
  });
});
