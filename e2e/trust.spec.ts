import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, openApp, test, typeInEditor } from './fixtures.ts';

const WORKSPACE = 'latticework.workspace.v1';

/** Issue 9's findings: bad input and blocked storage never cost the user their work. */
test.describe('no lost work', () => {
  test('blocked local storage is said once, and the app still works', async ({ page }) => {
    await page.addInitScript(() => {
      Object.defineProperty(window, 'localStorage', { get: () => { throw new DOMException('blocked', 'SecurityError'); } });
    });
    await page.goto('/');
    await expect(page.locator('main.lab[aria-busy="false"]')).toBeVisible();
    await expect(page.getByRole('alert').filter({ hasText: 'not being saved in this browser' })).toHaveCount(1);
    await typeInEditor(page, 'still editable');
    await page.waitForTimeout(400);
    await expect(page.getByRole('alert').filter({ hasText: 'not being saved in this browser' })).toHaveCount(1);
  });

  test('the editor refuses a program longer than a link and autosave can carry, and says the limit', async ({ page, context }) => {
    await context.grantPermissions(['clipboard-read', 'clipboard-write']);
    await openApp(page);
    await typeInEditor(page, 'short');
    await page.evaluate(() => navigator.clipboard.writeText(`// ${'x'.repeat(100_010)}\n`));
    await page.keyboard.press('ControlOrMeta+A');
    await page.keyboard.press('ControlOrMeta+V');
    await expect(page.getByRole('alert').filter({ hasText: 'at most 100,000 can be saved and shared' })).toBeVisible();
    await expect(page.locator('.monaco-editor')).toContainText('short');
    await page.waitForTimeout(400);
    await page.reload();
    await expect(page.locator('.monaco-editor')).toContainText('short');
  });

  test('previous work stays restorable across reloads, and work this version cannot open can be downloaded', async ({ page }) => {
    await openApp(page);
    await typeInEditor(page, 'my own work 17');
    await page.waitForTimeout(400);
    await page.goto('/#example=lvars/nat-max');
    await expect(page.getByRole('status').filter({ hasText: 'Your previous LVars work is kept' })).toBeVisible();
    await page.getByRole('button', { name: 'Dismiss this notice' }).click();
    for (let reload = 0; reload < 2; reload++) {
      await page.reload();
      await expect(page.locator('main.lab[aria-busy="false"]')).toBeVisible();
      await expect(page.getByRole('button', { name: 'Previous work' })).toBeVisible();
    }
    await page.getByRole('button', { name: 'Previous work' }).click();
    await expect(page.locator('.monaco-editor')).toContainText('my own work 17');
    await page.waitForTimeout(400); // autosave is debounced: let it write before the storage is changed below

    // Saved work that fails validation (an over-long program) is kept and can be downloaded, reload after reload.
    await page.evaluate((key) => {
      const w = JSON.parse(localStorage.getItem(key)!);
      w.labs.lvars.config.program = `// ${'y'.repeat(144_797)}`;
      localStorage.setItem(key, JSON.stringify(w));
    }, WORKSPACE);
    await page.reload();
    const alert = page.getByRole('alert').filter({ hasText: 'Your saved LVars work could not be opened' });
    await expect(alert).toContainText('at most 100000 allowed');
    const download = page.waitForEvent('download');
    await alert.getByRole('button', { name: 'Download it' }).click();
    expect((await download).suggestedFilename()).toBe('previous-work.latticework.json');
    await page.reload();
    await expect(page.getByRole('button', { name: 'Previous work' })).toBeVisible();
  });

  test('a missing example says so, and a malformed scenario file names the file and the JSON error', async ({ page }) => {
    await openApp(page, '/#example=lvars/nope');
    await expect(page.getByRole('alert').filter({ hasText: 'There is no example "lvars/nope"' })).toBeVisible();
    const dir = mkdtempSync(join(tmpdir(), 'latticework-e2e-'));
    const file = join(dir, 'broken.latticework.json');
    writeFileSync(file, '{\n  "version": 1,\n  "lab": "lvars"\n  "title": "x"\n}\n');
    await page.getByLabel('Scenario file').setInputFiles(file);
    const alert = page.getByRole('alert').filter({ hasText: 'broken.latticework.json' });
    await expect(alert).toContainText('This file is not valid JSON');
    await expect(alert).toContainText('line 4, column 3');
    await expect(alert).not.toContainText('link');
  });

  test('a .vnnlib file opened on the solver lab becomes the property, and a finished run shows no stale progress', async ({ page }) => {
    await openApp(page, '/#example=solver/reluplex-small');
    await page.getByRole('button', { name: 'Verify' }).click();
    await expect(page.getByTestId('verdict')).toHaveAttribute('data-verdict', /holds|violated|unknown/, { timeout: 90_000 });
    await expect(page.locator('.run-numbers')).toContainText('Finished after');
    await expect(page.locator('.run-numbers')).not.toContainText(/\d+ \/ \d+/);
    const dir = mkdtempSync(join(tmpdir(), 'latticework-e2e-'));
    const file = join(dir, 'prop_small.vnnlib');
    writeFileSync(file, '; a dropped property\n(declare-const X_0 Real)\n(declare-const X_1 Real)\n(declare-const Y_0 Real)\n(declare-const Y_1 Real)\n(assert (<= X_0 0.5))\n(assert (>= X_0 -0.5))\n(assert (<= X_1 0.5))\n(assert (>= X_1 -0.5))\n(assert (>= Y_0 Y_1))\n');
    await page.getByTestId('network-file').setInputFiles(file);
    await expect(page.getByRole('region', { name: 'Property' }).locator('.monaco-editor')).toContainText('a dropped property');
  });
});
