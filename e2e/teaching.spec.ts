import jsQR from 'jsqr';
import { PNG } from 'pngjs';
import type { Page } from '@playwright/test';
import { on, tour } from '../src/teaching/tours/define.ts';
import { tourLink } from '../src/teaching/format/tourLink.ts';
import { expect, openApp, test } from './fixtures.ts';

const TOURS = ['lvars', 'dynamo', 'solver', 'smt', 'kernels'] as const;
/** Every key a presenter or a clicker may use to go on; the test cycles through them. */
const NEXT_KEYS = ['Space', 'ArrowRight', 'PageDown', 'ArrowDown'] as const;

const step = (page: Page) => page.getByRole('complementary', { name: 'Tour step' });

/** A step is on screen with its highlight; some highlights need the engine's run, so they may take a while. */
async function expectStep(page: Page, index: number, total: number): Promise<void> {
  await expect(step(page)).toHaveAttribute('data-step', String(index));
  await expect(step(page).locator('.tour-counter')).toHaveText(`${index + 1} / ${total}`);
  const highlighted = page.locator(`[data-tour-highlight="${index}"]`);
  await expect(highlighted).toBeVisible({ timeout: 45_000 });
  await expect(highlighted).toBeInViewport();
  await expect(page.locator('.tour-ring')).toBeVisible();
}

async function decodeQr(page: Page): Promise<string | undefined> {
  const png = PNG.sync.read(await page.locator('.qr-code').screenshot());
  return jsQR(new Uint8ClampedArray(png.data), png.width, png.height)?.data;
}

test.describe('teaching', () => {
  test.use({ viewport: { width: 1280, height: 720 } });

  // `npm test` plays the SAT/SMT and Dynamo tours through (the Dynamo tour is where pane layouts and
  // highlights meet: its sectioned panes hid a highlighted figure once; the LVars tour's first steps
  // are played below as well); `npm run test:deep` plays the other three.
  for (const lab of TOURS)
    test(`the built-in ${lab} tour plays to its end from the keyboard, each highlight on screen, and back goes back`, { tag: lab === 'smt' || lab === 'dynamo' ? [] : ['@deep'] }, async ({ page }) => {
      test.setTimeout(240_000);
      await openApp(page, `/#builtin-tour=${lab}`);
      const total = Number((await step(page).locator('.tour-counter').textContent())?.split('/')[1]);
      expect(total).toBeGreaterThanOrEqual(5);
      // The presentation bar is one row, with a lab's view names and the tools (a tour's presenter view opens from its caption).
      const tops = await page.locator('.present-bar > *').evaluateAll((els) => els.map((e) => e.getBoundingClientRect().top));
      expect(Math.max(...tops) - Math.min(...tops), 'the presentation bar is one row').toBeLessThan(8);
      for (let i = 0; i < total; i++) {
        await expectStep(page, i, total);
        if (i < total - 1) await page.keyboard.press(NEXT_KEYS[i % NEXT_KEYS.length]!);
      }
      const lastCaption = await step(page).locator('.tour-text').textContent();
      await page.keyboard.press('ArrowLeft');
      await expectStep(page, total - 2, total);
      await page.keyboard.press('PageDown');
      await expectStep(page, total - 1, total);
      await expect(step(page).locator('.tour-text')).toHaveText(lastCaption ?? '');
      await page.keyboard.press('Escape');
      await expect(step(page)).toHaveCount(0);
    });

  test('a step that marks a version on an earlier page of the version graph turns the graph\'s pages to it', async ({ page }) => {
    test.setTimeout(240_000);
    // At 1280×720 the cart's Versions pane holds its latest three versions; the mark is on the first page.
    const first = tour('Pages', [on('dynamo/shopping-cart', 'The cart as the laptop first wrote it.', { target: 'Versions of k0', mark: 'v1' })]);
    await openApp(page, tourLink('/', first));
    const marked = page.locator('[data-tour-highlight="0"]');
    await expect(marked).toBeVisible({ timeout: 120_000 });
    await expect(marked).toBeInViewport();
    await expect(marked.locator('.dyn-vg-id')).toHaveText('v1');
    await expect(page.locator('.present-pane .pager')).toContainText(/versions 1(–\d)? of 5/);
  });

  test('a tour written in the app is shared as a link and plays in a fresh browser, with its QR code', async ({ page, browser }) => {
    test.setTimeout(120_000);
    await openApp(page, '/#example=lvars/nat-max');
    await page.getByRole('button', { name: 'Tours' }).click();
    await page.getByRole('button', { name: 'Record this scenario as a step' }).click();
    await page.getByLabel('Caption of step 1').fill('Joins only go **up**: <script>alert(1)</script>');
    await page.getByLabel('Highlight of step 1').fill('Lattice of best');
    await page.getByRole('combobox', { name: 'Examples' }).selectOption('lvars/shopping-cart');
    await expect(page.locator('.monaco-editor')).toContainText('insert("apple", cart)');
    await page.getByRole('button', { name: 'Record this scenario as a step' }).click();
    await page.getByLabel('Caption of step 2').fill('The cart is the same in every schedule.');
    await page.getByLabel('Highlight of step 2').fill('Outcomes');
    // Reorder: the cart first, then back again.
    await page.getByRole('button', { name: 'Move step 2 up' }).click();
    await expect(page.getByLabel('Caption of step 1')).toHaveValue('The cart is the same in every schedule.');
    await page.getByRole('button', { name: 'Move step 2 up' }).click();
    await page.getByRole('button', { name: 'Share link' }).click();
    const link = await page.getByLabel('Tour link').inputValue();
    expect(link).toMatch(/#tour=1\./);

    const fresh = await browser.newContext({ viewport: { width: 1280, height: 720 } });
    const other = await fresh.newPage();
    const errors: string[] = [];
    other.on('console', (m) => m.type() === 'error' && errors.push(m.text()));
    await other.goto(link);
    await expectStep(other, 0, 2);
    await expect(step(other).locator('.tour-text')).toHaveText('Joins only go up: <script>alert(1)</script>');
    await expect(step(other).locator('.tour-text strong')).toHaveText('up');
    await other.keyboard.press('Space');
    await expectStep(other, 1, 2);
    await expect(step(other).locator('.tour-text')).toHaveText('The cart is the same in every schedule.');

    // The QR code on the projector decodes to the share link of the tour at this step.
    await other.getByRole('button', { name: 'QR code' }).click();
    const scanned = await decodeQr(other);
    expect(scanned).toMatch(/#tour=1\.[A-Za-z0-9_-]+&step=2$/);
    await other.getByRole('button', { name: 'Close the QR code' }).click();
    await other.keyboard.press('Escape');
    await other.goto('about:blank');
    await other.goto(scanned!);
    await expectStep(other, 1, 2);
    expect(errors).toEqual([]);
    await fresh.close();
  });

  test('compare, a link too long for a QR code, the presenter view and the handout', async ({ page }) => {
    test.setTimeout(180_000);
    // Side by side: two scenarios of one lab, one player moving both replays.
    await openApp(page, '/#example=lvars/traversal');
    await page.getByRole('button', { name: 'Tours' }).click();
    await page.getByRole('button', { name: 'Pin this scenario as A' }).click();
    await page.getByRole('combobox', { name: 'Examples' }).selectOption('lvars/freeze-without-quiesce');
    await expect(page.locator('.monaco-editor')).toContainText('without quiesce');
    await page.getByRole('button', { name: 'Compare A with this' }).click();
    await expect(page.getByRole('table', { name: 'What differs' })).toContainText('program');
    const counters = page.locator('.compare-side .player-counter');
    await expect(counters).toHaveText([/^0 \/ \d+$/, /^0 \/ \d+$/]);
    await page.getByRole('button', { name: 'Both one step forward' }).click();
    await expect(counters).toHaveText([/^1 \/ \d+$/, /^1 \/ \d+$/]);
    await page.getByRole('button', { name: 'Leave compare' }).click();

    await openApp(page, '/#example=lvars/nat-max');
    // A long comment that does not compress: the link grows past what a scannable code holds.
    const noise = Array.from({ length: 2500 }, (_, i) => ((i * 7919) % 65_521).toString(36)).join(' ');
    await page.locator('.monaco-editor').first().click();
    await page.keyboard.press('ControlOrMeta+Home');
    await page.keyboard.insertText(`// ${noise}\n`);
    await page.getByRole('button', { name: 'Present' }).click();
    await page.getByRole('button', { name: 'QR code' }).click();
    await expect(page.getByRole('alert').filter({ hasText: 'too long for a QR code' })).toBeVisible();
    const download = page.waitForEvent('download');
    await page.getByRole('button', { name: 'Download it as a file' }).click();
    expect((await download).suggestedFilename()).toMatch(/\.latticework\.json$/);
    await page.getByRole('button', { name: 'Close the QR code' }).click();
    await page.keyboard.press('Escape');

    await page.goto('/#builtin-tour=lvars');
    await expectStep(page, 0, 8);
    // A built-in tour is shared by its name: a short link, a sparse code.
    await page.getByRole('button', { name: 'QR code' }).click();
    expect(await decodeQr(page)).toBe(new URL('/#builtin-tour=lvars&step=1', page.url()).href);
    await page.getByRole('button', { name: 'Close the QR code' }).click();
    const opened = page.waitForEvent('popup');
    await step(page).getByRole('button', { name: 'Presenter view' }).click();
    const presenter = await opened;
    await expect(presenter.getByLabel('Step', { exact: true })).toHaveText('1 / 8');
    await page.keyboard.press('Space');
    await expect(presenter.getByLabel('Step', { exact: true })).toHaveText('2 / 8');
    await expect(presenter.getByRole('region', { name: 'On the projector' })).toContainText('The explorer runs every schedule');
    await expect(presenter.getByRole('region', { name: 'Next step' })).toContainText('Writes are joins in a lattice');
    await presenter.getByRole('button', { name: 'Next ›' }).click();
    await expectStep(page, 2, 8);
    await presenter.keyboard.press('ArrowLeft');
    await expectStep(page, 1, 8);

    // The handout as one SVG: the caption, the numbers and the lab's figures (once the run has drawn them).
    // Which figure the step shows (the threads, or in the projector's layout the lattice pane) is the
    // tour's choice: the handout must carry the one on screen, whichever it is.
    const figure = page.locator('main.lab figure.figure').filter({ has: page.locator('svg') }).first();
    await expect(figure).toBeVisible();
    const figureTitle = (await figure.locator('.figure-title').textContent())!.trim();
    await page.getByText('Handout', { exact: true }).click();
    const handout = page.waitForEvent('download');
    await page.getByRole('button', { name: 'Download SVG' }).click();
    const file = await (await handout).createReadStream();
    let svg = '';
    for await (const chunk of file) svg += String(chunk);
    expect(svg).toMatch(/^<\?xml[^>]*>\s*<svg xmlns/);
    expect(svg).toContain('The explorer runs every schedule');
    expect(svg).toContain(figureTitle.replace(/&/g, '&amp;').replace(/</g, '&lt;'));
    expect(svg).toContain('<svg x=');
  });
});
