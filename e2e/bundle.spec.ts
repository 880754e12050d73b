import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { e2eDist } from '../playwright.config.ts';
import { expect, test } from './fixtures.ts';

/** The JavaScript the first paint needs: index.html's entry script and the modules it preloads. */
test('the first paint needs at most 250 KB of gzipped JavaScript, without Monaco or any lab', async ({ page }) => {
  const html = await readFile(join(e2eDist, 'index.html'), 'utf8');
  const files = [...html.matchAll(/<script[^>]+src="([^"]+\.js)"|<link[^>]+rel="modulepreload"[^>]+href="([^"]+\.js)"/g)].map((m) => (m[1] ?? m[2])!.replace(/^\.?\//, ''));
  expect(files.length).toBeGreaterThan(0);
  let gzipped = 0;
  for (const file of files) {
    const code = await readFile(join(e2eDist, file));
    gzipped += gzipSync(code, { level: 9 }).length;
    const text = code.toString('utf8');
    expect(text.includes('MonacoEnvironment'), `${file} must not contain Monaco`).toBe(false);
    expect(text.includes('E-Spawn-Handler'), `${file} must not contain a lab engine`).toBe(false);
  }
  console.log(`first paint: ${files.length} JavaScript file(s), ${(gzipped / 1024).toFixed(1)} KB gzipped`);
  expect(gzipped).toBeLessThanOrEqual(250 * 1024);

  // And the page really paints with only that: Monaco arrives later, on demand.
  const requested: string[] = [];
  page.on('request', (r) => requested.push(r.url()));
  await page.goto('/');
  await expect(page.getByRole('navigation', { name: 'Labs' })).toBeVisible();
  await expect(page.locator('.monaco-editor')).toBeVisible();
  const firstMonaco = requested.findIndex((u) => /MonacoEditor/.test(u));
  const firstLab = requested.findIndex((u) => /\/assets\/index-[^/]*\.js$/.test(u));
  expect(firstMonaco).toBeGreaterThan(firstLab);
});
