import { test as base, expect, type Page } from '@playwright/test';

/**
 * Every e2e test gets a page whose console errors and uncaught exceptions fail the test:
 * "the app loads with no console errors" holds for every test, not one.
 */
export const test = base.extend<{ consoleErrors: string[] }>({
  consoleErrors: [
    async ({ page }, use) => {
      const errors: string[] = [];
      page.on('console', (m) => {
        if (m.type() === 'error') errors.push(m.text());
      });
      page.on('pageerror', (e) => errors.push(`uncaught: ${e.message}`));
      await use(errors);
      expect(errors, 'console errors').toEqual([]);
    },
    { auto: true },
  ],
});

export { expect };

/** Opens the app fresh (empty storage unless `keepStorage`) and waits for the lab to render. */
export async function openApp(page: Page, path = '/', { keepStorage = false } = {}): Promise<void> {
  if (!keepStorage) {
    // Any page of the app's origin reaches its storage: an empty one, served by the test, not a boot of the app.
    await page.route('/__clear-storage', (route) => route.fulfill({ contentType: 'text/html', body: '<!doctype html><title>clear</title><link rel="icon" href="data:,">' }));
    await page.goto('/__clear-storage');
    await page.evaluate(() => localStorage.clear());
    // A change of the fragment alone would not reload the page: leave it first, so `path` boots the app.
    await page.goto('about:blank');
  }
  await page.goto(path);
  await expect(page.locator('main.lab[aria-busy="false"]')).toBeVisible();
}

/** Types into the Monaco editor the way a user does: click, select all, type. */
export async function typeInEditor(page: Page, text: string): Promise<void> {
  const editor = page.locator('.monaco-editor').first();
  await editor.click();
  await page.keyboard.press('ControlOrMeta+A');
  await page.keyboard.type(text);
}
