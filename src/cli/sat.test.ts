import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cliInProcess as run, cliProcess } from '../testing/cli.ts';

const dir = mkdtempSync(join(tmpdir(), 'latticework-sat-'));
const file = (name: string, text: string) => {
  const path = join(dir, name);
  writeFileSync(path, text);
  return path;
};

describe('latticework sat / smt (SAT competition conventions)', () => {
  // One run as its own process: the exit code reaches the shell. The others run the same main in this process.
  it('prints s SATISFIABLE and a model in v lines ending in 0, exit 10', () => {
    const r = cliProcess('sat', file('s.cnf', 'p cnf 3 3\n1 2 0\n-1 0\n-2 3 0\n'));
    expect(r.status).toBe(10);
    expect(r.stdout).toBe('s SATISFIABLE\nv -1 2 3 0\n');
  });

  it('prints s UNSATISFIABLE with exit 20, and exit 2 with file:line:column on bad input', async () => {
    const u = await run('sat', file('u.cnf', 'p cnf 1 2\n1 0\n-1 0\n'), '--mode', 'dpll');
    expect(u.status).toBe(20);
    expect(u.stdout).toBe('s UNSATISFIABLE\n');
    const bad = await run('sat', file('bad.cnf', 'p cnf 1 1\n1 x 0\n'));
    expect(bad.status).toBe(2);
    expect(bad.stderr).toMatch(/bad\.cnf:2:3: "x" is not a literal/);
  });

  it('answers an SMT-LIB script with sat and the model it asked for', async () => {
    const r = await run('smt', file('m.smt2', '(declare-const x Real)\n(assert (> (* 2 x) 1))\n(assert (< x 1))\n(check-sat)\n(get-model)\n'));
    expect(r.status).toBe(10);
    const [verdict, ...model] = r.stdout.trim().split('\n');
    expect(verdict).toBe('sat');
    expect(model.join('\n')).toMatch(/\(define-fun x \(\) Real /);
    const e = await run('smt', file('e.smt2', '(declare-const x Real)\n(assert (< x y))\n'), '--theory', 'eager');
    expect(e.status).toBe(2);
    expect(e.stderr).toMatch(/e\.smt2:2:14: "y" is not declared/);
  });
});
