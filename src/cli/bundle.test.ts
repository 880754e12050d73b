import { mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { cliInProcess, cliProcess } from '../testing/cli.ts';
import { bundledEntry, defaultCache } from './bundle.mjs';

const root = fileURLToPath(new URL('../..', import.meta.url));
mkdirSync(join(root, 'node_modules', '.cache'), { recursive: true });
const scratch = mkdtempSync(join(root, 'node_modules', '.cache', 'bundle-test-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

describe('the CLI bundle', () => {
  it('is rebuilt when a source it was built from changes, and reused while none does', async () => {
    const cache = join(scratch, 'cache');
    const dep = join(scratch, 'dep.ts');
    const entry = join(scratch, 'entry.ts');
    writeFileSync(dep, 'export const value: number = 1;\n');
    writeFileSync(entry, "export { value } from './dep.ts';\n");
    const options = { cache, entries: { entry: relative(root, entry) } };
    const first = await bundledEntry('entry', options);
    expect(((await import(first)) as { value: number }).value).toBe(1);
    expect(await bundledEntry('entry', options)).toBe(first);
    // Same size, later modification time: an edit the fingerprint must see.
    writeFileSync(dep, 'export const value: number = 2;\n');
    const later = new Date(statSync(dep).mtimeMs + 5000);
    utimesSync(dep, later, later);
    const second = await bundledEntry('entry', options);
    expect(second).not.toBe(first);
    expect(((await import(second)) as { value: number }).value).toBe(2);
  });

  it('is what the installed command runs: same output as in-process, from a fresh bundle of main.ts', async () => {
    const shell = cliProcess('examples');
    expect(shell.stderr).toBe('');
    expect(shell.status).toBe(0);
    expect(shell.stdout).toBe((await cliInProcess('examples')).stdout);
    const manifest = JSON.parse(readFileSync(join(defaultCache(), 'manifest.json'), 'utf8')) as { dir: string; inputs: Record<string, string> };
    expect(Object.keys(manifest.inputs)).toContain('src/cli/main.ts');
    expect(Object.keys(manifest.inputs)).toContain('src/labs/solver/cli.ts');
    expect(statSync(join(defaultCache(), manifest.dir, 'main.mjs')).isFile()).toBe(true);
  });
});
