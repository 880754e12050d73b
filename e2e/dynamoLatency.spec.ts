import { expect, openApp, test } from './fixtures.ts';
import type { Locator, Page } from '@playwright/test';

/** Milliseconds from the lab's formatMs text ("0.45 ms", "12 ms", "1.23 s"). */
function ms(text: string): number {
  const m = /^([\d.]+) (ms|s)$/.exec(text.trim());
  if (!m) throw new Error(`not a duration: “${text}”`);
  return Number(m[1]) * (m[2] === 's' ? 1000 : 1);
}

const cellOf = (table: Locator, row: string, column: number) => table.locator('tbody tr').filter({ has: table.page().locator('th', { hasText: row }) }).locator('td').nth(column);

/** Screenshots at both projector sizes; with `show`, scrolled so that figure is in view. */
async function shoot(page: Page, name: string, show?: Locator): Promise<void> {
  for (const [w, h] of [
    [1280, 720],
    [1920, 1080],
  ] as const) {
    await page.setViewportSize({ width: w, height: h });
    if (show) await show.scrollIntoViewIfNeeded();
    await page.screenshot({ path: `test-results/${name}-${w}.png` });
  }
}

test.describe('Dynamo lab, latency (SOSP’07 §6)', () => {
  test('the latency example draws latency over a day with node queues, its 99.9th percentile far above the average', async ({ page }) => {
    await openApp(page, '/#example=dynamo/latency-over-the-day');
    await expect(page.getByRole('heading', { name: 'Latency over a day (Figure 4)' })).toBeVisible();
    await expect(page.getByRole('button', { name: 'Run again' })).toBeVisible({ timeout: 90_000 });
    await expect(page.getByRole('tab', { name: /^Latency/ })).toHaveAttribute('aria-selected', 'true');
    await expect(page.getByRole('img', { name: 'Latency over time' })).toBeVisible();
    await expect(page.getByRole('img', { name: 'Load over time' })).toBeVisible();
    await expect(page.getByRole('img', { name: 'Utilisation and queue per node' })).toBeVisible();
    const tail = page.locator('.dyn-tail-table');
    for (const row of ['reads', 'writes']) {
      const average = ms(await cellOf(tail, row, 0).innerText());
      const p999 = ms(await cellOf(tail, row, 1).innerText());
      expect(p999).toBeGreaterThan(3 * average);
    }
    await shoot(page, 'dynamo-latency-day');
  });

  test('buffered writes lower the writes’ 99.9th percentile against durable writes (Figure 5)', async ({ page }) => {
    await openApp(page, '/#example=dynamo/buffered-writes');
    await expect(page.getByRole('heading', { name: 'Buffered writes (Figure 5)' })).toBeVisible();
    await expect(page.getByRole('button', { name: 'Run again' })).toBeVisible({ timeout: 90_000 });
    await expect(page.getByRole('img', { name: 'Buffered against durable writes' })).toBeVisible();
    const runs = page.locator('.dyn-buffer-table');
    const buffered = ms(await cellOf(runs, 'this scenario (buffered writes)', 1).innerText());
    const durable = ms(await cellOf(runs, 'durable writes', 1).innerText());
    expect(buffered * 2).toBeLessThan(durable);
    await expect(cellOf(runs, 'this scenario (buffered writes)', 2)).toHaveText('0');
    await shoot(page, 'dynamo-buffered-writes');
    // Presentation mode: the Latency pane beside the ring, at both projector sizes.
    await page.getByRole('heading', { name: 'Buffered writes (Figure 5)' }).click();
    await page.keyboard.press('p');
    await expect(page.locator('html')).toHaveClass(/present/);
    await expect(page.getByRole('img', { name: 'Buffered against durable writes' })).toBeVisible();
    await shoot(page, 'dynamo-buffered-writes-present');
  });

  test('admission control keeps the foreground tail near its target while the hand-off runs, slower (§6.5)', async ({ page }) => {
    await openApp(page, '/#example=dynamo/admission-control');
    await expect(page.getByRole('heading', { name: 'Admission control for background tasks (§6.5)' })).toBeVisible();
    await expect(page.getByRole('button', { name: 'Run again' })).toBeVisible({ timeout: 90_000 });
    await expect(page.getByRole('img', { name: 'Foreground disk reads: the 99th percentile' })).toBeVisible();
    await expect(page.getByRole('img', { name: 'Background work still to do' })).toBeVisible();
    const runs = page.locator('.dyn-admission-table');
    const paced = 'this scenario (admission control)';
    const unpaced = 'no admission control';
    expect(ms(await cellOf(runs, paced, 1).innerText())).toBeLessThan(ms(await cellOf(runs, unpaced, 1).innerText()));
    const cleared = async (row: string) => ms((await cellOf(runs, row, 3).innerText()).replace(/^at /, ''));
    expect(await cleared(paced)).toBeGreaterThan(await cleared(unpaced));
    // The settings that drive it, under Service and queueing.
    const service = page.locator('details', { has: page.locator('summary', { hasText: 'Service and queueing' }) });
    await expect(service.getByLabel('admission control for background tasks (§6.5)')).toBeChecked();
    await service.screenshot({ path: 'test-results/dynamo-admission-settings.png' });
    const figure = page.getByRole('img', { name: 'Foreground disk reads: the 99th percentile' });
    await shoot(page, 'dynamo-admission', figure);
    await page.getByRole('heading', { name: 'Admission control for background tasks (§6.5)' }).click();
    await page.keyboard.press('p');
    await expect(page.locator('html')).toHaveClass(/present/);
    // On a projector the pane opens on what the example is for, the others one pick away.
    await expect(figure).toBeVisible();
    await shoot(page, 'dynamo-admission-present', figure);
    await page.getByRole('combobox', { name: 'Show' }).selectOption({ label: 'Background work still to do' });
    await expect(page.getByRole('img', { name: 'Background work still to do' })).toBeVisible();
  });
});
