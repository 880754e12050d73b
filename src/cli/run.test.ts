import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cliInProcess as cli } from '../testing/cli.ts';

const dir = mkdtempSync(join(tmpdir(), 'latticework-run-'));

describe('latticework run', () => {
  it('prints the same bytes for the same scenario and seed (wall-clock time only with --timings)', async () => {
    const first = await cli('run', '--example', 'solver/tanh-reluplex');
    const second = await cli('run', '--example', 'solver/tanh-reluplex');
    expect(first.status).toBe(0);
    expect(second.stdout).toBe(first.stdout);
    expect(first.stdout).not.toContain('elapsedMs');
    const timed = await cli('run', '--example', 'lvars/lvar-counter', '--timings');
    expect(JSON.parse(timed.stdout).stats.elapsedMs).toBeGreaterThanOrEqual(0);
  });

  it('names a malformed scenario file as a file, with the line and column of the JSON error', async () => {
    const file = join(dir, 'broken.json');
    writeFileSync(file, '{\n  "version": 1,\n  "lab": "lvars"\n  "title": "x"\n}\n');
    const r = await cli('run', file);
    expect(r.status).toBe(2);
    expect(r.stderr).toContain('This file is not valid JSON');
    expect(r.stderr).toMatch(/line 4, column 3/);
    expect(r.stderr).not.toMatch(/link|checksum/);
  });
});
