import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cliProcess } from '../testing/cli.ts';
import { sharedDataDir } from '../testing/sharedData.ts';

const net = (a: number, b: number) => join(sharedDataDir(), 'acasxu', `ACASXU_run2a_${a}_${b}_batch_2000.nnet`);
const dir = mkdtempSync(join(tmpdir(), 'latticework-verify-'));
const declarations = [0, 1, 2, 3, 4].map((i) => `(declare-const X_${i} Real)`).join('\n') + '\n' + [0, 1, 2, 3, 4].map((j) => `(declare-const Y_${j} Real)`).join('\n');
// VNN-COMP's property 1 and 2 files: normalised inputs, raw outputs.
const box = '(assert (<= X_0 0.679857769))\n(assert (>= X_0 0.6))\n(assert (<= X_1 0.5))\n(assert (>= X_1 -0.5))\n(assert (<= X_2 0.5))\n(assert (>= X_2 -0.5))\n(assert (<= X_3 0.5))\n(assert (>= X_3 0.45))\n(assert (<= X_4 -0.45))\n(assert (>= X_4 -0.5))';
const prop1 = join(dir, 'prop_1.vnnlib');
const prop2 = join(dir, 'prop_2.vnnlib');
const broken = join(dir, 'broken.vnnlib');
writeFileSync(prop1, `${declarations}\n${box}\n(assert (>= Y_0 3.991125645861615))\n`);
writeFileSync(prop2, `${declarations}\n${box}\n(assert (>= Y_0 Y_1))\n(assert (>= Y_0 Y_2))\n(assert (>= Y_0 Y_3))\n(assert (>= Y_0 Y_4))\n`);
writeFileSync(broken, `${declarations}\n(assert (<= X_0 0.6)\n`);

/**
 * Each run is its own process, as VNN-COMP runs it: the time limit counts from the process's start
 * and a watchdog thread ends the process at it, so these cannot run inside the test runner.
 */
const verify = (...args: string[]) => cliProcess('verify', ...args);

describe('latticework verify (VNN-COMP convention)', () => {
  it('prints holds on the first line for property 1 on N(1,1)', () => {
    const r = verify(net(1, 1), prop1, '--timeout', '116');
    expect(r.status).toBe(0);
    expect(r.stdout.split('\n')[0]).toBe('holds');
  });

  it('prints violated, then the counterexample as ((X_i v) … (Y_j v)), for property 2 on N(2,1)', () => {
    const r = verify(net(2, 1), prop2, '--timeout', '116');
    expect(r.status).toBe(0);
    const [verdict, ...rest] = r.stdout.trim().split('\n');
    expect(verdict).toBe('violated');
    const values = [...rest.join('\n').matchAll(/\((X|Y)_(\d) (\S+?)\)/g)].map((m) => Number(m[3]));
    expect(values).toHaveLength(10);
    const [x, y] = [values.slice(0, 5), values.slice(5)];
    expect(x[0]).toBeGreaterThanOrEqual(0.6);
    expect(y.every((v) => y[0]! >= v)).toBe(true);
  });

  it('exits 2 with the position of a problem in the property, and names a missing file', () => {
    let r = verify(net(1, 1), broken);
    expect(r.status).toBe(2);
    expect(r.stderr).toContain('this "(" is never closed (line 11, column 1)');
    r = verify(join(dir, 'nothing.nnet'), prop1);
    expect(r.status).toBe(2);
    expect(r.stderr).toContain('no such file');
  });
});
