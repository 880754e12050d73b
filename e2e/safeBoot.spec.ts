import { expect, openApp, test } from './fixtures.ts';

const BOOTING = 'latticework.booting';
const bootMarker = (page: import('@playwright/test').Page) => page.evaluate((key) => localStorage.getItem(key), BOOTING);

test.describe('Safe boot', () => {
  test('a start that never finished opens the saved work without running it, says so, and runs it on request', async ({ page }) => {
    await openApp(page, '/#example=dynamo/quorums');
    await expect(page.getByRole('button', { name: 'Run again' })).toBeVisible({ timeout: 90_000 });
    // A page that answers on time for a few seconds clears the marker its boot set.
    await expect.poll(() => bootMarker(page), { timeout: 45_000 }).toBeNull();

    // The last start froze or crashed: its marker is still set when the page next opens. (A page
    // that goes away normally clears it on pagehide, so the marker is put back before the next
    // document's own scripts run, once.)
    await page.addInitScript((key) => {
      if (sessionStorage.getItem('e2e-froze') !== null) return;
      sessionStorage.setItem('e2e-froze', '1');
      localStorage.setItem(key, JSON.stringify({ beat: Date.now() - 60_000 }));
    }, BOOTING);
    await page.reload();
    const notice = page.getByRole('status', { name: 'Opened without running' });
    await expect(notice).toContainText('R + W ≤ N against R + W > N');
    await expect(notice).toContainText('open without running');
    await expect(page.getByRole('button', { name: 'Run', exact: true })).toBeVisible();
    await expect(page.getByText('Run the simulation to see messages')).toBeVisible();
    await expect(page.getByRole('button', { name: 'Cancel' })).toHaveCount(0);

    await notice.getByRole('button', { name: 'Run it' }).click();
    await expect(notice).toHaveCount(0);
    await expect(page.getByRole('button', { name: 'Run again' })).toBeVisible({ timeout: 90_000 });

    // This start finished, so the next one runs the work as usual.
    await expect.poll(() => bootMarker(page), { timeout: 45_000 }).toBeNull();
    await page.reload();
    await expect(page.getByRole('button', { name: /^(Cancel|Run again)$/ })).toBeVisible({ timeout: 90_000 });
    await expect(notice).toHaveCount(0);
  });
});
