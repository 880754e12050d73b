import { expect, openApp, test } from './fixtures.ts';

test.describe('Dynamo lab, lattice values', () => {
  test('the lattice-merge example shows the cart with vector clocks beside 2P-set and OR-set lattices', async ({ page }) => {
    await openApp(page, '/#example=dynamo/lattice-merge');
    await expect(page.getByRole('heading', { name: 'Lattice merge against vector clocks: the cart' })).toBeVisible();
    await expect(page.getByRole('button', { name: 'Run again' })).toBeVisible({ timeout: 90_000 });
    await page.getByRole('tab', { name: /^Compare/ }).click();
    const table = page.locator('.dyn-compare-table');
    const header = await table.locator('thead th').allTextContents();
    const column = (title: string) => header.findIndex((h) => h === title);
    const cell = (run: string, title: string) => table.locator('tbody tr').filter({ hasText: run }).locator('td').nth(column(title));
    expect(column('deletions back')).toBeGreaterThan(0);
    expect(column('reads with siblings')).toBeGreaterThan(0);
    await expect(cell('this scenario', 'deletions back')).toHaveText('1 of 1');
    for (const run of ['2P-set lattice', 'OR-set lattice']) {
      await expect(cell(run, 'deletions back')).toHaveText('0 of 1');
      await expect(cell(run, 'reads with siblings')).toHaveText('0.00%');
    }
    await expect(cell('this scenario', 'reads with siblings')).not.toHaveText('0.00%');
    for (const [w, h] of [
      [1280, 720],
      [1920, 1080],
    ] as const) {
      await page.setViewportSize({ width: w, height: h });
      await page.screenshot({ path: `test-results/dynamo-lattice-compare-${w}.png` });
    }
    await page.getByRole('tab', { name: /^Metrics/ }).click();
    await page.locator('.dyn-summary').screenshot({ path: 'test-results/dynamo-lattice-metrics.png' });
  });
});
