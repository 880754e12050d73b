import { readFile } from 'node:fs/promises';
import type { Page } from '@playwright/test';
import { expect, openApp, test } from './fixtures.ts';

const examples = JSON.parse(await readFile(new URL('../public/examples/dynamo/index.json', import.meta.url), 'utf8')) as { id: string; title: string }[];

const kpi = (page: Page, label: string) => page.locator('.dyn-kpi').filter({ hasText: label }).locator('.dyn-kpi-value');
const summaryRow = (page: Page, label: string) => page.locator('.dyn-summary tr').filter({ has: page.locator('th', { hasText: label }) }).locator('td').first();
const ring = (page: Page) => page.getByRole('img', { name: /^The ring:/ });

/** Opens an example; a fragment-only navigation keeps the page, so wait for the lab to show it. */
async function openExample(page: Page, id: string) {
  await openApp(page, `/#example=dynamo/${id}`);
  const title = examples.find((x) => x.id === id)!.title;
  await expect(page.getByRole('heading', { name: title })).toBeVisible();
}

/** Examples run on open: wait for that run to be shown (one simulation, not a second one). */
async function ranOnOpen(page: Page) {
  await expect(page.getByRole('button', { name: 'Run again' })).toBeVisible({ timeout: 90_000 });
  await expect(kpi(page, 'availability')).toHaveText(/%$/);
}

async function runAndWait(page: Page) {
  await page.getByRole('button', { name: /^Run( again)?$/ }).click();
  await ranOnOpen(page);
}

/**
 * `npm test` opens a sample of the examples (each other one is opened by a test below, or is the
 * slowest: three 30-node simulations); `npm run test:deep` opens the rest.
 */
const SAMPLE = new Set(['shopping-cart', 'quorums', 'scale-out', 'clock-skew']);

test.describe('Dynamo lab', () => {
  for (const example of examples) {
    test(`example “${example.title}” runs and shows the ring and the metrics`, { tag: SAMPLE.has(example.id) ? [] : ['@deep'] }, async ({ page }) => {
      await openExample(page, example.id);
      await expect(ring(page)).toBeVisible();
      await ranOnOpen(page);
      await expect(ring(page).locator('.dyn-node').first()).toBeVisible();
      await page.getByRole('tab', { name: /^Metrics/ }).click();
      for (const title of ['Availability over time', 'Latency distribution', 'Versions per read', 'Staleness after commit', 'Load per node']) {
        const figure = page.getByRole('figure', { name: new RegExp(`^${title}`) });
        await expect(figure.locator('svg path, svg rect').first()).toBeAttached();
      }
      await expect(summaryRow(page, 'availability')).toHaveText(/\d+\.\d+%/);
      await page.getByRole('tab', { name: /^Messages/ }).click();
      await expect(page.getByRole('img', { name: /^Messages from/ })).toBeVisible();
      await page.getByRole('tab', { name: /^Versions/ }).click();
      await expect(page.getByRole('figure', { name: /^Versions of k/ })).toBeVisible();
    });
  }

  test('crashing a node from the ring brings hints and suspicions, and the link reproduces it', async ({ page, browser }) => {
    await openExample(page, 'sloppy-quorum');
    // Start from the same cluster without its scheduled crashes.
    const failures = page.locator('.dyn-failures');
    const removeButtons = failures.getByRole('button', { name: /^Remove “/ });
    await expect(removeButtons).toHaveCount(4);
    while ((await removeButtons.count()) > 0) await removeButtons.first().click();
    await page.locator('.dyn-section').filter({ hasText: 'Compare' }).getByRole('button', { name: /^Remove the variant/ }).click();
    await expect(failures.locator('li')).toHaveCount(0);
    await runAndWait(page);
    await page.getByRole('tab', { name: /^Metrics/ }).click();
    await expect(summaryRow(page, 'hinted handoff')).toHaveText('0');
    const availabilityBefore = await summaryRow(page, 'availability').textContent();
    expect(availabilityBefore).toBe('100.000%');

    // Move the player to a quarter of the run and crash node B there.
    const scrubber = page.locator('.player-scrubber');
    const max = Number(await scrubber.getAttribute('max'));
    await scrubber.fill(String(Math.round(max / 4)));
    const node = ring(page).getByRole('button', { name: /^Node B: up/ });
    await node.click();
    await expect(failures.locator('li')).toContainText(['crash B']);
    // The lab reruns with the crash in the scenario: hints appear, and nodes come to suspect B (lost
    // forwards are retried on the next replica, so availability may well stay whole).
    await expect(summaryRow(page, 'hinted handoff')).not.toHaveText('0', { timeout: 90_000 });
    await expect(page.locator('.dyn-summary tr').filter({ has: page.locator('th', { hasText: 'membership' }) })).toContainText(/[1-9]\d* local suspicions/);
    await expect(ring(page).getByRole('button', { name: /^Node B: down/ })).toBeVisible();
    const position = await scrubber.inputValue();

    // Recover it a little later, from the ring too.
    await scrubber.fill(String(Math.round(max / 2)));
    await ring(page).getByRole('button', { name: /^Node B: down/ }).click();
    await expect(failures.locator('li')).toContainText(['crash B', 'recover B']);
    await expect(ring(page).getByRole('button', { name: /^Node B: up/ })).toBeVisible({ timeout: 90_000 });
    const hints = await summaryRow(page, 'hinted handoff').textContent();
    const availability = await summaryRow(page, 'availability').textContent();
    const seek = await scrubber.inputValue();
    expect(Number(seek)).not.toBe(Number(position));

    await page.getByRole('button', { name: 'Share' }).click();
    const link = await page.getByLabel('Share link').inputValue();
    expect(link).toMatch(/#s=1\./);
    const fresh = await browser.newContext();
    const other = await fresh.newPage();
    const errors: string[] = [];
    other.on('console', (m) => m.type() === 'error' && errors.push(m.text()));
    await other.goto(link);
    await expect(other.getByRole('heading', { name: 'Sloppy quorum and hinted handoff through a crash' })).toBeVisible();
    await expect(other.locator('.dyn-failures li')).toContainText(['crash B', 'recover B']);
    // The run was shown, so it runs again on open and the player stands where it stood.
    await expect(summaryRow(other, 'hinted handoff')).toHaveText(hints!, { timeout: 90_000 });
    await expect(summaryRow(other, 'availability')).toHaveText(availability!);
    await expect(other.locator('.player-scrubber')).toHaveValue(seek);
    await expect(other.getByRole('tab', { name: /^Metrics/ })).toHaveAttribute('aria-selected', 'true');
    expect(errors).toEqual([]);
    await fresh.close();
  });

  test('a partition drawn across the ring becomes part of the scenario, and can be healed', async ({ page }) => {
    await openExample(page, 'anti-entropy');
    await ranOnOpen(page);
    await page.getByRole('button', { name: 'Draw a partition' }).click();
    const box = (await ring(page).boundingBox())!;
    await page.mouse.move(box.x + box.width * 0.1, box.y + box.height * 0.5);
    await page.mouse.down();
    await page.mouse.move(box.x + box.width * 0.5, box.y + box.height * 0.55, { steps: 5 });
    await page.mouse.move(box.x + box.width * 0.9, box.y + box.height * 0.6, { steps: 5 });
    await page.mouse.up();
    const failures = page.locator('.dyn-failures li');
    await expect(failures.filter({ hasText: /partition \{/ })).toHaveCount(2);
    await expect(page.getByRole('button', { name: 'Heal the partition', exact: true })).toBeVisible({ timeout: 90_000 });
    await page.getByRole('button', { name: 'Heal the partition', exact: true }).click();
    await expect(failures.filter({ hasText: 'heal the partition' })).toHaveCount(2);
  });

  test('on a projector, a partition is drawn from the ring figure\'s bar and splits the ring; Heal undoes it', async ({ page }) => {
    await page.setViewportSize({ width: 1280, height: 720 });
    await openExample(page, 'anti-entropy');
    await ranOnOpen(page);
    await page.keyboard.press('p');
    await expect(page.locator('html')).toHaveClass(/present/);
    const figure = page.locator('.present-pane .dyn-ring-figure');
    const draw = figure.locator('.figure-bar').getByRole('button', { name: 'Draw a partition' });
    await expect(draw).toHaveAttribute('aria-pressed', 'false');
    await draw.click();
    await expect(draw).toHaveAttribute('aria-pressed', 'true');
    // The ring's nodes carry no side before the cut: a side is a ring drawn round a node.
    const sides = figure.locator('.dyn-node > circle[fill="none"]');
    await expect(sides).toHaveCount(0);
    const box = (await figure.getByRole('img', { name: /^The ring:/ }).boundingBox())!;
    await page.mouse.move(box.x + box.width * 0.1, box.y + box.height * 0.5);
    await page.mouse.down();
    await page.mouse.move(box.x + box.width * 0.5, box.y + box.height * 0.55, { steps: 5 });
    await page.mouse.move(box.x + box.width * 0.9, box.y + box.height * 0.6, { steps: 5 });
    await page.mouse.up();
    // The run again with the partition: every node is on one of two sides, both sides drawn.
    const heal = figure.locator('.figure-bar').getByRole('button', { name: 'Heal the partition' });
    await expect(heal).toBeVisible({ timeout: 90_000 });
    const members = await figure.locator('.dyn-node:not(.outside)').count();
    await expect(sides).toHaveCount(members);
    const strokes = new Set(await sides.evaluateAll((cs) => cs.map((c) => c.getAttribute('stroke'))));
    expect(strokes.size).toBe(2);
    // The bar's tools fit the ring's column: the ring is still whole on the screen.
    expect(await page.locator('.present-pane .dyn-stage-ring').evaluate((c) => c.scrollHeight - c.clientHeight)).toBeLessThanOrEqual(4);
    await heal.click();
    await expect(heal).toHaveCount(0, { timeout: 90_000 });
    await expect(sides).toHaveCount(0);
    // Both are in the scenario, as if drawn in normal mode.
    await page.getByRole('button', { name: 'Settings' }).click();
    const failures = page.locator('.dyn-failures li');
    await expect(failures.filter({ hasText: /partition \{/ })).toHaveCount(2);
    await expect(failures.filter({ hasText: 'heal the partition' })).toHaveCount(2);
  });

  test('a setting that contradicts another is named and not applied; a valid one reruns', async ({ page }) => {
    await openExample(page, 'coordination');
    await ranOnOpen(page);
    const r = page.locator('.dyn-section').filter({ hasText: 'Quorum' }).first().getByLabel('R', { exact: true });
    await r.fill('5');
    await expect(page.getByRole('alert')).toContainText('R = 5 cannot exceed N = 3');
    await r.fill('1');
    await expect(page.getByRole('alert')).toHaveCount(0);
    await expect(page.locator('.dyn-setup')).toContainText('R = 1');
    await expect(page.getByRole('button', { name: 'Run again' })).toBeVisible({ timeout: 90_000 });
  });

  test('an exported figure carries its key: runs and message families by colour and by shape', async ({ page }) => {
    await openExample(page, 'lattice-merge');
    await ranOnOpen(page);
    /** Exports a figure and reads its SVG in the page: its text, and the fills of its palette marks (shapes drawn in the key or on the marks). */
    const exported = async (title: RegExp) => {
      const figure = page.getByRole('figure', { name: title });
      const [download] = await Promise.all([page.waitForEvent('download'), figure.getByRole('button', { name: 'SVG' }).click()]);
      const svg = await readFile((await download.path())!, 'utf8');
      return page.evaluate((text) => {
        const doc = new DOMParser().parseFromString(text, 'image/svg+xml');
        const marks = [...doc.querySelectorAll('path')].filter((p) => /^M/.test(p.getAttribute('d') ?? '') && p.getAttribute('fill') && p.getAttribute('fill') !== 'none');
        return { error: doc.querySelector('parsererror')?.textContent ?? null, text: doc.documentElement.textContent ?? '', fills: new Set(marks.map((p) => p.getAttribute('fill')!.toLowerCase())).size };
      }, svg);
    };
    await page.getByRole('tab', { name: /^Compare/ }).click();
    const latency = await exported(/^Latency: mean and 99\.9th percentile/);
    expect(latency.error).toBeNull();
    for (const run of ['this scenario', '2P-set lattice', 'OR-set lattice']) expect(latency.text).toContain(run);
    // One mark per run in the key (and on each bar), each in its run's colour.
    expect(latency.fills).toBeGreaterThanOrEqual(3);
    await page.getByRole('tab', { name: /^Messages/ }).click();
    const messages = await exported(/^Messages up to/);
    expect(messages.error).toBeNull();
    for (const family of ['client request / reply', 'put / ack', 'get / reply', 'read repair']) expect(messages.text).toContain(family);
  });

  test('the ring and the plots export as SVG; the keyboard steps the replay and every view follows', async ({ page }) => {
    await openExample(page, 'shopping-cart');
    // Run again: the same example gives the same replay (checked at its end below).
    await runAndWait(page);
    const figure = page.getByRole('figure', { name: /^The ring/ });
    const [download] = await Promise.all([page.waitForEvent('download'), figure.getByRole('button', { name: 'SVG' }).click()]);
    expect(download.suggestedFilename()).toBe('dynamo-ring.svg');
    const text = await readFile((await download.path())!, 'utf8');
    const parsed = await page.evaluate((svg) => {
      const doc = new DOMParser().parseFromString(svg, 'image/svg+xml');
      return { error: doc.querySelector('parsererror')?.textContent ?? null, paths: doc.querySelectorAll('path').length };
    }, text);
    expect(parsed.error).toBeNull();
    expect(parsed.paths).toBeGreaterThan(10);

    await page.keyboard.press('Home');
    const describe = page.locator('.player-describe');
    const first = await describe.textContent();
    await page.keyboard.press('ArrowRight');
    await expect(describe).not.toHaveText(first!);
    await expect(page.getByRole('figure', { name: /^The ring at/ })).toBeVisible();
    await page.keyboard.press('End');
    await expect(kpi(page, 'reads with siblings')).toHaveText('25.00%');
  });

  test('presentation mode enlarges the lab and hides the settings; embed mode shows the ring alone', async ({ page }) => {
    await openExample(page, 'shopping-cart');
    await ranOnOpen(page);
    await page.getByRole('heading', { name: 'The shopping cart under a partition' }).click();
    await page.keyboard.press('p');
    await expect(page.locator('html')).toHaveClass(/present/);
    await expect(page.getByRole('complementary', { name: 'Settings' })).toHaveCount(0);
    await page.getByRole('button', { name: 'Settings' }).click();
    await expect(page.getByRole('complementary', { name: 'Settings' })).toBeVisible();
    await page.keyboard.press('Escape');
    await page.getByRole('button', { name: 'Share' }).click();
    const link = await page.getByLabel('Share link').inputValue();
    await page.goto(link.replace('/#', '/?embed=1#'));
    await expect(ring(page)).toBeVisible();
    await expect(page.getByRole('tablist', { name: 'Views' })).toHaveCount(0);
    await expect(page.getByRole('complementary', { name: 'Settings' })).toHaveCount(0);
    await expect(kpi(page, 'availability')).toHaveText(/%$/, { timeout: 90_000 });
  });
});
