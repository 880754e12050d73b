import { readdir, readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { loadCliLab } from '../cli/labs.ts';
import { parseScenarioText } from './codec.ts';
import { fetchExample, parseExampleIndex } from './examples.ts';
import { LAB_IDS } from './types.ts';

const PUBLIC = new URL('../../public/examples/', import.meta.url);

/** Every built-in example is listed, listed examples exist, and each is a valid scenario of its lab. */
describe('built-in examples', async () => {
  const present = (await readdir(PUBLIC, { withFileTypes: true })).filter((d) => d.isDirectory()).map((d) => d.name);
  it('live only in folders named after labs', () => {
    for (const dir of present) expect(LAB_IDS as readonly string[]).toContain(dir);
  });
  for (const lab of LAB_IDS.filter((l) => present.includes(l))) {
    it(`${lab}: index and files agree, and every example validates`, async () => {
      const index = parseExampleIndex(lab, JSON.parse(await readFile(new URL(`${lab}/index.json`, PUBLIC), 'utf8')));
      const files = (await readdir(new URL(`${lab}/`, PUBLIC))).filter((f) => f !== 'index.json').sort();
      expect(index.map((x) => `${x.id}.json`).sort()).toEqual(files);
      const cli = await loadCliLab(lab);
      for (const entry of index) {
        const decoded = parseScenarioText(await readFile(new URL(`${lab}/${entry.id}.json`, PUBLIC), 'utf8'));
        if (!decoded.ok) throw new Error(`${lab}/${entry.id}: ${decoded.error.message}`);
        expect(decoded.value.lab).toBe(lab);
        const checked = cli.validate(decoded.value);
        if (!checked.ok) throw new Error(`${lab}/${entry.id}: ${checked.error.message}`);
      }
    });
  }
});

describe('fetching an example', () => {
  const serve = (body: string, type: string, status = 200) => (async () => new Response(body, { status, headers: { 'content-type': type } })) as typeof fetch;

  it('says there is no such example when the server answers with the app page (a static server’s fallback)', async () => {
    const original = globalThis.fetch;
    try {
      globalThis.fetch = serve('<!doctype html><html></html>', 'text/html');
      const d = await fetchExample('/', 'lvars', 'nope');
      expect(!d.ok && d.error.message).toBe('There is no example "lvars/nope".');
      globalThis.fetch = serve('not found', 'text/plain', 404);
      expect((await fetchExample('/', 'lvars', 'nope')).ok).toBe(false);
      globalThis.fetch = serve('{"version": 1,', 'application/json');
      const broken = await fetchExample('/', 'lvars', 'broken');
      expect(!broken.ok && broken.error.message).toMatch(/^This example is not valid JSON: .* at line 1, column 15\.$/);
      const odd = await fetchExample('/', 'lvars', '../../secret');
      expect(!odd.ok && odd.error.message).toBe('There is no example "lvars/../../secret".');
    } finally {
      globalThis.fetch = original;
    }
  });
});
