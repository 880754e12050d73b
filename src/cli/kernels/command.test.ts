import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { BLACK_SCHOLES } from '../../engines/kernels/test/backends.ts';
import { kernelsCommand } from './command.ts';

const captured = () => {
  const out: string[] = [];
  const err: string[] = [];
  vi.spyOn(process.stdout, 'write').mockImplementation((s) => (out.push(String(s)), true));
  vi.spyOn(process.stderr, 'write').mockImplementation((s) => (err.push(String(s)), true));
  return { out, err };
};

afterEach(() => vi.restoreAllMocks());

describe('latticework kernels', () => {
  const dir = mkdtempSync(join(tmpdir(), 'kernels-'));
  const file = join(dir, 'bs.acc');
  writeFileSync(file, BLACK_SCHOLES);

  it('runs a file holding only the slide\'s function; the checksum is the same on every backend and stdout is deterministic', async () => {
    const first = captured();
    expect(await kernelsCommand([file, '--backend', 'naive,fused,parallel', '--size', '2000', '--workers', '2'])).toBe(0);
    const lines = first.out.join('').split('\n').filter((l) => l.includes('checksum'));
    expect(lines).toHaveLength(3);
    expect(new Set(lines.map((l) => /checksum (\S+),/.exec(l)![1])).size).toBe(1);
    expect(first.err.join('')).toMatch(/ms/);
    vi.restoreAllMocks();
    const second = captured();
    await kernelsCommand([file, '--backend', 'naive,fused,parallel', '--size', '2000', '--workers', '2']);
    expect(second.out).toEqual(first.out);
  });

  it('exits 2 with the line and column of a bad program', async () => {
    const bad = join(dir, 'bad.acc');
    writeFileSync(bad, '@acc function f(A, B)\n  A * B\nend\n');
    const { err } = captured();
    expect(await kernelsCommand([bad])).toBe(2);
    expect(err.join('')).toMatch(/matrix product.*line 2, column 3/);
  });
});
