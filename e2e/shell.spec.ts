import { readFile } from 'node:fs/promises';
import { expect, openApp, test, typeInEditor } from './fixtures.ts';

test.describe('shell', () => {
  test('loads with the built labs, the examples and no console errors', async ({ page }) => {
    await openApp(page);
    await expect(page.getByRole('navigation', { name: 'Labs' }).getByRole('button')).not.toHaveCount(0);
    await expect(page.getByRole('button', { name: 'Share' })).toBeVisible();
    await expect(page.getByRole('combobox', { name: 'Examples' }).locator('option')).not.toHaveCount(1);
    await expect(page.locator('.monaco-editor')).toBeVisible();
  });

  test('Share puts the scenario in a link that reopens it exactly, in a fresh browser', async ({ page, context, browser }) => {
    await context.grantPermissions(['clipboard-read', 'clipboard-write']);
    await openApp(page);
    await typeInEditor(page, 'shared program 42');
    await page.getByRole('button', { name: 'Step forward' }).waitFor();
    await page.getByRole('button', { name: 'Share' }).click();
    const field = page.getByLabel('Share link');
    await expect(field).toHaveValue(/#s=1\./);
    const link = await field.inputValue();
    await expect.poll(() => page.evaluate(() => navigator.clipboard.readText())).toBe(link);

    const fresh = await browser.newContext();
    const other = await fresh.newPage();
    const errors: string[] = [];
    other.on('console', (m) => m.type() === 'error' && errors.push(m.text()));
    await other.goto(link);
    await expect(other.locator('.monaco-editor')).toContainText('shared program 42');
    await expect(other).toHaveURL(/\/$/); // the fragment is consumed once the scenario is open
    expect(errors).toEqual([]);
    await fresh.close();
  });

  test('a corrupted or truncated link shows an alert and keeps the work that was open', async ({ page }) => {
    await openApp(page);
    await typeInEditor(page, 'my precious work');
    await page.waitForTimeout(400); // autosave is debounced
    await page.getByRole('button', { name: 'Share' }).click();
    const link = await page.getByLabel('Share link').inputValue();

    const truncated = link.slice(0, link.length - 12);
    await page.goto(truncated);
    await expect(page.getByRole('alert').filter({ hasText: 'incomplete' })).toBeVisible();
    await expect(page.locator('.monaco-editor')).toContainText('my precious work');

    const corrupted = link.replace(/#s=1\.(.{30})(.)/, (_m, head: string, c: string) => `#s=1.${head}${c === 'A' ? 'B' : 'A'}`);
    await page.goto('/');
    await page.goto(corrupted);
    await expect(page.getByRole('alert').first()).toContainText(/damaged|incomplete/);
    await expect(page.getByRole('alert').first()).toContainText('Your own work is unchanged');
    await page.reload();
    await expect(page.locator('.monaco-editor')).toContainText('my precious work');

    await page.goto('/#s=7.AAAA');
    await expect(page.getByRole('alert').filter({ hasText: 'newer version' })).toBeVisible();
    await expect(page.locator('.monaco-editor')).toContainText('my precious work');
  });

  test('presentation mode and help work from the keyboard', async ({ page }) => {
    await openApp(page);
    await page.getByRole('button', { name: 'Explore', exact: true }).click();
    await expect(page.getByRole('button', { name: 'Step forward' })).toBeEnabled();

    await page.locator('body').press('?');
    const help = page.getByRole('dialog', { name: 'Keyboard shortcuts' });
    await expect(help).toBeVisible();
    await page.keyboard.press('Escape');
    await expect(help).toBeHidden();

    await page.locator('body').click({ position: { x: 5, y: 300 } });
    await page.keyboard.press('p');
    await expect(page.locator('html')).toHaveClass(/present/);
    await expect(page.getByRole('navigation', { name: 'Labs' })).toBeHidden();
    const counter = page.locator('.player-counter');
    const before = await counter.textContent();
    await page.keyboard.press('ArrowRight');
    await expect(counter).not.toHaveText(before!);
    await page.keyboard.press('PageDown');
    await page.keyboard.press('PageUp');
    await page.keyboard.press('ArrowLeft');
    await expect(counter).toHaveText(before!);
    await page.keyboard.press(' ');
    await expect(page.getByRole('button', { name: 'Pause', exact: true })).toBeVisible();
    await page.keyboard.press(' ');
    await expect(page.getByRole('button', { name: 'Play', exact: true })).toBeVisible();
    await page.keyboard.press('Escape');
    await expect(page.locator('html')).not.toHaveClass(/present/);
    await expect(page.getByRole('navigation', { name: 'Labs' })).toBeVisible();
  });

  test('a view exports as a valid SVG file', async ({ page }) => {
    await openApp(page);
    await page.getByRole('button', { name: 'Explore', exact: true }).click();
    const figure = page.locator('figure').first();
    await expect(figure.locator('svg *').first()).toBeAttached();
    const [download] = await Promise.all([page.waitForEvent('download'), figure.getByRole('button', { name: 'SVG' }).click()]);
    expect(download.suggestedFilename()).toMatch(/\.svg$/);
    const text = await readFile((await download.path())!, 'utf8');
    expect(text.startsWith('<?xml')).toBe(true);
    const check = await page.evaluate((svg) => {
      const doc = new DOMParser().parseFromString(svg, 'image/svg+xml');
      return { error: doc.querySelector('parsererror')?.textContent ?? null, root: doc.documentElement.nodeName, ns: doc.documentElement.namespaceURI, children: doc.documentElement.childElementCount };
    }, text);
    expect(check).toEqual({ error: null, root: 'svg', ns: 'http://www.w3.org/2000/svg', children: expect.any(Number) });
    expect(check.children).toBeGreaterThan(1);

    const [png] = await Promise.all([page.waitForEvent('download'), figure.getByRole('button', { name: 'PNG' }).click()]);
    const bytes = await readFile((await png.path())!);
    expect(bytes.subarray(1, 4).toString()).toBe('PNG');
  });

  test('embed mode shows only the lab', async ({ page }) => {
    await openApp(page);
    await page.getByRole('button', { name: 'Share' }).click();
    const link = await page.getByLabel('Share link').inputValue();
    await page.goto(link.replace('/#', '/?embed=1#'));
    await expect(page.locator('main.lab')).toBeVisible();
    await expect(page.getByRole('navigation', { name: 'Labs' })).toHaveCount(0);
    await expect(page.getByRole('link', { name: /Open in Latticework/ })).toBeVisible();
  });

  test('examples open through the same path as links, and the replaced work can be restored', async ({ page }) => {
    await openApp(page);
    await typeInEditor(page, 'work before the example');
    const picker = page.getByRole('combobox', { name: 'Examples' });
    const first = await picker.locator('option').nth(1).getAttribute('value');
    await picker.selectOption(first!);
    await expect(page.getByRole('status')).toContainText('Your previous');
    await expect(page.locator('.monaco-editor')).not.toContainText('work before the example');
    await page.getByRole('button', { name: 'Restore previous work' }).click();
    await expect(page.locator('.monaco-editor')).toContainText('work before the example');
    // A notice belongs to the lab it was about: another lab's example or the lab switcher clears it.
    await picker.selectOption(first!);
    const notice = page.getByRole('status').filter({ hasText: 'Your previous' });
    await expect(notice).toBeVisible();
    await page.evaluate(() => (location.hash = '#example=dynamo/quorums'));
    await expect(page.getByRole('heading', { name: 'R + W ≤ N against R + W > N' })).toBeVisible();
    await expect(notice).toHaveCount(0);
    await page.evaluate(() => (location.hash = '#example=dynamo/shopping-cart'));
    await expect(notice).toBeVisible();
    await page.getByRole('navigation', { name: 'Labs' }).getByRole('button', { name: 'LVars' }).click();
    await expect(page.locator('main.lab-lvars[aria-busy="false"]')).toBeVisible();
    await expect(notice).toHaveCount(0);
  });

  test('links from version 0 (uncompressed, settings at the top level) still open', async ({ page }) => {
    await openApp(page);
    const legacy = await page.evaluate(() => {
      const v0 = {
        lab: 'lvars',
        seed: 3,
        title: 'From the old days',
        program: 'let x = newIVar();\nput(x, 41);\nget(x) + 1',
        explore: { mode: 'exhaustive', reduction: true, maxStates: 1000, schedules: 10, maxDepth: 100, localLimit: 100000 },
      };
      const bytes = new TextEncoder().encode(JSON.stringify(v0));
      return btoa(String.fromCharCode(...bytes)).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
    });
    await page.goto(`/#s=${legacy}`);
    await expect(page.getByLabel('Scenario title')).toHaveValue('From the old days');
    await expect(page.locator('.monaco-editor')).toContainText('get(x) + 1');
    await expect(page.getByRole('alert').filter({ hasText: /\S/ })).toHaveCount(0);
  });

  test('Cancel stops a long run; a worker that crashes mid-run is reported and replaced', async ({ page, consoleErrors }) => {
    await openApp(page, '/#example=lvars/traversal');
    await expect(page.getByTestId('verdict')).toHaveText('Deterministic');
    await page.getByRole('combobox', { name: 'Explore' }).selectOption('random');
    // The most the settings allow: millions of steps, seconds of work on any machine.
    await page.getByRole('spinbutton', { name: 'schedules' }).fill('1000000');
    await page.getByRole('spinbutton', { name: 'limit' }).fill('5000000');
    const explore = page.getByRole('button', { name: 'Explore', exact: true });
    const cancel = page.getByRole('button', { name: 'Cancel' });

    await explore.click();
    await expect(cancel).toBeVisible();
    await expect(page.getByRole('progressbar', { name: 'Run progress' })).toBeVisible();
    await cancel.click();
    await expect(page.getByText('Cancelled. Nothing was changed.')).toBeVisible();

    // A crash mid-run, whatever the machine's speed: a short run leaves its worker waiting, which
    // is then made to throw as the next run's request arrives, before the engine sees it.
    await page.getByRole('spinbutton', { name: 'schedules' }).fill('10');
    await explore.click();
    await expect(page.getByText(/10 random schedules/)).toBeVisible();
    const workers = page.workers().filter((w) => w.url().includes('lvars'));
    expect(workers.length).toBeGreaterThan(0);
    for (const worker of workers)
      await worker
        .evaluate(() => {
          const crash = (event: Event) => {
            event.stopImmediatePropagation();
            throw new Error('simulated crash');
          };
          addEventListener('message', crash, { capture: true, once: true });
        })
        // A worker that was just cancelled may still be listed while it goes away.
        .catch(() => {});
    await page.getByRole('spinbutton', { name: 'schedules' }).fill('1000000');
    await explore.click();
    await expect(page.getByRole('alert').filter({ hasText: 'crashed' })).toContainText('A fresh worker will be started');
    consoleErrors.splice(0, consoleErrors.length, ...consoleErrors.filter((e) => !e.includes('simulated crash')));

    await page.getByRole('combobox', { name: 'Explore' }).selectOption('exhaustive');
    await explore.click();
    await expect(page.getByTestId('verdict')).toHaveText('Deterministic');
    await expect(page.getByRole('alert').filter({ hasText: 'crashed' })).toHaveCount(0);
  });
});
