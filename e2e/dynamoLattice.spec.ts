import { expect, openApp, test } from './fixtures.ts';

test.describe('Dynamo lab, lattice values', () => {
  test('the lattice-merge example shows the cart with vector clocks beside 2P-set and OR-set lattices', async ({ page }) => {
    await openApp(page, '/#example=dynamo/lattice-merge');
    await expect(page.getByRole('heading', { name: 'Lattice merge against vector clocks: the cart' })).toBeVisible();
    await expect(page.getByRole('button', { name: 'Run again' })).toBeVisible({ timeout: 90_000 });
    await page.getByRole('tab', { name: /^Compare/ }).click();
    // The table has a row per run, or (in a narrow pane) a column per run: read it either way.
    const table = await page.locator('.dyn-compare-table').evaluate((t) => {
      const rows = [...t.querySelectorAll('tr')].map((tr) => [...tr.querySelectorAll('th, td')].map((c) => c.textContent?.trim() ?? ''));
      const across = rows[0]![0] === 'measure';
      const cells: Record<string, Record<string, string>> = {};
      for (const row of rows.slice(1))
        row.slice(1).forEach((v, i) => {
          const run = across ? rows[0]![i + 1]! : row[0]!;
          const measure = across ? row[0]! : rows[0]![i + 1]!;
          (cells[run] ??= {})[measure] = v;
        });
      return cells;
    });
    const cell = (run: string, measure: string) => Object.entries(table).find(([name]) => name.includes(run))?.[1][measure];
    expect(cell('this scenario', 'deletions back')).toBe('1 of 1');
    for (const run of ['2P-set lattice', 'OR-set lattice']) {
      expect(cell(run, 'deletions back')).toBe('0 of 1');
      expect(cell(run, 'reads with siblings')).toBe('0.00%');
    }
    expect(cell('this scenario', 'reads with siblings')).toMatch(/^\d+\.\d\d%$/);
    expect(cell('this scenario', 'reads with siblings')).not.toBe('0.00%');
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

  test('the Versions tab of a lattice run shows each replica’s state and the joins, no siblings', async ({ page }) => {
    await openApp(page, '/#example=dynamo/lattice-merge');
    await expect(page.getByRole('button', { name: 'Run again' })).toBeVisible({ timeout: 90_000 });
    await page.locator('summary', { hasText: 'Lattice values' }).click();
    await page.getByLabel('replica values').selectOption({ label: 'lattice: OR-set' });
    await page.getByRole('tab', { name: /^Versions/ }).click();
    await expect(page.getByRole('figure', { name: /^Lattice states of k0/ })).toBeVisible({ timeout: 90_000 });
    await expect(page.getByRole('button', { name: 'Run again' })).toBeVisible({ timeout: 90_000 });
    const held = page.locator('.dyn-lattice-held tbody tr');
    expect(await held.count()).toBeGreaterThan(0);
    await expect(page.locator('.dyn-lattice-joins tbody tr', { hasText: 'a join of both' }).first()).toBeVisible();
    await expect(page.getByText('siblings', { exact: true })).toHaveCount(0);
    for (const present of [false, true]) {
      if (present) {
        await page.locator('h2').first().click();
        await page.keyboard.press('p');
        await expect(page.locator('html')).toHaveClass(/present/);
      }
      for (const [w, h] of [
        [1280, 720],
        [1920, 1080],
      ] as const) {
        await page.setViewportSize({ width: w, height: h });
        await page.screenshot({ path: `test-results/dynamo-lattice-versions${present ? '-present' : ''}-${w}.png` });
        // On a projector the states and the joins are sections, each a page of rows that fits the pane.
        if (present)
          for (const section of ['joins', 'states']) {
            await page.locator('.present-pane .pane-sections-pick select').selectOption(section);
            await expect(page.locator(`.present-pane ${section === 'joins' ? '.dyn-lattice-joins' : '.dyn-lattice-held'} tbody tr`).first()).toBeVisible();
            const cut = await page.locator('.present-pane .paged-rows').evaluate((e) => e.scrollHeight - e.clientHeight);
            expect(cut, `${section} at ${w}: px of rows cut`).toBeLessThanOrEqual(1);
          }
      }
    }
  });
});
