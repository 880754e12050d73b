import type { Locator } from '@playwright/test';
import { expect, openApp, test, typeInEditor } from './fixtures.ts';

/**
 * Plays the scheduler: picks the last ready thread until `done`, at most `picks` times. Each pick
 * is replayed by the engine before the next choices appear: the group's `data-picks` (the replayed
 * schedule's length) changes when they have, so every pick is counted, whatever the machine's speed.
 */
async function pickUntil(scheduler: Locator, done: () => Promise<boolean>, picks: number): Promise<void> {
  await expect(scheduler).toHaveAttribute('data-picks', /\d+/);
  for (let i = 0; i < picks && !(await done()); i++) {
    const before = (await scheduler.getAttribute('data-picks')) ?? '';
    await scheduler.locator('.lv-choices button').last().click();
    await expect(scheduler).not.toHaveAttribute('data-picks', before);
  }
}

test.describe('LVars lab', () => {
  test('explores the traversal example, replays a witness back and forth, and shares it', async ({ page, context, browser }) => {
    await context.grantPermissions(['clipboard-read', 'clipboard-write']);
    await openApp(page, '/#example=lvars/traversal');
    await expect(page.getByTestId('verdict')).toHaveText('Deterministic');
    await expect(page.getByText('Every outcome was found.')).toBeVisible();
    await expect(page.getByRole('region', { name: 'Outcomes' })).toContainText('{1, 2, 3, 4}');
    await expect(page.getByTestId('level')).toHaveText('Par QuasiDet');

    await page.getByRole('button', { name: /^Replay \(\d+ steps\)$/ }).first().click();
    const counter = page.locator('.player-counter');
    await expect(counter).toHaveText(/^0 \/ \d+$/);
    const store = page.getByRole('region', { name: 'Store and step' });
    await expect(store.locator('tbody tr').first()).toContainText('{}');
    for (let i = 0; i < 4; i++) await page.getByRole('button', { name: 'Step forward' }).click();
    await expect(counter).toHaveText(/^4 \//);
    await expect(store).toContainText('E-');
    const atFour = await store.locator('tbody tr').first().textContent();
    await page.getByRole('button', { name: 'Step back' }).click();
    await page.getByRole('button', { name: 'Step back' }).click();
    await expect(counter).toHaveText(/^2 \//);
    await page.getByRole('button', { name: 'Go to end' }).click();
    await expect(store.locator('tbody tr').first()).toContainText('{1, 2, 3, 4}');
    await expect(page.getByRole('status').filter({ hasText: 'This schedule ends' })).toContainText('{1, 2, 3, 4}');
    await page.getByRole('button', { name: 'Go to start' }).click();
    for (let i = 0; i < 4; i++) await page.getByRole('button', { name: 'Step forward' }).click();
    await expect(store.locator('tbody tr').first()).toHaveText(atFour!);
    await expect(page.getByRole('figure', { name: /Lattice of seen/ }).locator('svg .node.current')).toHaveCount(1);

    await page.getByRole('button', { name: 'Share' }).click();
    const link = await page.getByLabel('Share link').inputValue();
    const fresh = await browser.newContext();
    const other = await fresh.newPage();
    await other.goto(link);
    await expect(other.getByTestId('verdict')).toHaveText('Deterministic');
    await expect(other.locator('.player-counter')).toHaveText(/^4 \//);
    await expect(other.getByRole('region', { name: 'Store and step' }).locator('tbody tr').first()).toHaveText(atFour!);
    await fresh.close();
  });

  test('a nondeterministic program shows both values with their witnesses', async ({ page }) => {
    await openApp(page, '/#example=lvars/racy-ref');
    await expect(page.getByTestId('verdict')).toHaveText('Nondeterministic');
    const outcomes = page.getByRole('region', { name: 'Outcomes' }).locator('tbody tr');
    await expect(outcomes).toHaveCount(2);
    for (const row of [0, 1]) {
      const value = (await outcomes.nth(row).locator('.lv-value').textContent())!;
      await outcomes.nth(row).getByRole('button', { name: /Replay/ }).click();
      await page.getByRole('button', { name: 'Go to end' }).click();
      await expect(page.getByRole('status').filter({ hasText: 'This schedule ends' })).toContainText(value);
    }
  });

  test('a program that loops forever ends at the budget with a message', async ({ page }) => {
    await openApp(page);
    await typeInEditor(page, 'fn spin(n) { spin(n + 1) }\nspin(0)');
    await expect(page.getByRole('button', { name: 'Explore', exact: true })).toBeEnabled();
    await page.getByRole('button', { name: 'Explore', exact: true }).click();
    await expect(page.getByRole('region', { name: 'Outcomes' })).toContainText('probably loops forever', { timeout: 90_000 });
    await expect(page.getByRole('button', { name: 'Explore', exact: true })).toBeVisible();
  });

  test('syntax and type errors are marked in the editor and block running', async ({ page }) => {
    await openApp(page);
    await typeInEditor(page, 'let s = newEmptySet();\nput(s, 3);');
    const problems = page.getByRole('list', { name: 'Problems' });
    await expect(problems).toContainText('2:8');
    await expect(problems).toContainText('insert(x, s)');
    await expect(page.getByRole('button', { name: 'Explore', exact: true })).toBeDisabled();
    await typeInEditor(page, 'let x = ;');
    await expect(problems).toContainText('1:9');
    await expect(page.locator('.monaco-editor .squiggly-error').first()).toBeAttached();
  });

  test('the user can be the scheduler, and cannot make a Det program misbehave', async ({ page }) => {
    await openApp(page, '/#example=lvars/lvar-counter');
    await expect(page.getByTestId('verdict')).toHaveText('Deterministic');
    await page.getByRole('button', { name: 'Be the scheduler' }).click();
    const scheduler = page.getByRole('group', { name: 'You are the scheduler' });
    await pickUntil(scheduler, async () => ((await scheduler.textContent()) ?? '').includes('The program ended'), 40);
    await expect(scheduler).toContainText('The program ended: 2');
    await expect(scheduler).toContainText('The same outcome the explorer found for every schedule.');
  });

  test("withCallbacksThenFreeze's second phase is labelled as the wait for quiescence it is", async ({ page }) => {
    await openApp(page, '/#example=lvars/library-products');
    await expect(page.getByTestId('verdict')).toHaveText('Deterministic');
    await page.getByRole('button', { name: 'Be the scheduler' }).click();
    const scheduler = page.getByRole('group', { name: 'You are the scheduler' });
    const waiting = scheduler.getByRole('button', { name: /withCallbacksThenFreeze\(sizes, fn, fn\) \(waiting for quiescence\)/ });
    // Main's call registers the callbacks and starts the action; once they have all run, main may freeze.
    await pickUntil(scheduler, async () => (await waiting.count()) > 0, 60);
    await expect(waiting).toBeVisible();
    await page.screenshot({ path: 'test-results/lvars-waiting-for-quiescence.png' });
  });

  test('a lawless lattice is flagged, and the explorer shows what goes wrong', async ({ page }) => {
    await openApp(page, '/#example=lvars/bad-lattice');
    await expect(page.getByRole('list', { name: 'Lattice laws' })).toContainText('join(1, 2) = 1 but join(2, 1) = 2');
    await expect(page.getByTestId('verdict')).toHaveText('Nondeterministic');
  });

  test('a program that fails in every schedule says so, with the kind of error and its line', async ({ page }) => {
    await openApp(page, '/#example=lvars/parity');
    await expect(page.getByTestId('verdict')).toHaveText('Always fails');
    await expect(page.getByTestId('verdict-detail')).toContainText(/conflicting put on line \d+/);
  });

  test('DPOR is chosen beside caching, and shows its configurations, steps and pruned counts', async ({ page }) => {
    await page.setViewportSize({ width: 1280, height: 720 });
    await openApp(page, '/#example=lvars/traversal');
    await page.getByLabel('reduction').selectOption('dpor');
    await expect(page.getByRole('button', { name: 'Explore', exact: true })).toBeEnabled();
    await page.getByRole('button', { name: 'Explore', exact: true }).click();
    await expect(page.getByText(/by DPOR \(source sets \+ sleep sets\)/)).toBeVisible();
    await expect(page.getByTestId('explore-counts')).toHaveText(/^[\d,]+ configurations, [\d,]+ steps, [\d,]+ pruned$/);
    await expect(page.getByTestId('verdict')).toHaveText('Deterministic');
    for (const [w, h] of [[1280, 720], [1920, 1080]] as const) {
      await page.setViewportSize({ width: w, height: h });
      await page.screenshot({ path: `test-results/lvars-dpor-${w}.png` });
    }
  });

  test('parallel let, and a future that holds a closure', async ({ page }) => {
    await openApp(page, '/#example=lvars/let-par');
    await expect(page.getByTestId('verdict')).toHaveText('Deterministic');
    await expect(page.getByRole('region', { name: 'Outcomes' })).toContainText('(42, 3)');
  });

  test('memo tables and read-only cancellation: Det, with memo and cancel beside the effects', async ({ page }) => {
    await openApp(page, '/#example=lvars/memo-cancel');
    await expect(page.getByTestId('level')).toHaveText('Par Det');
    await expect(page.getByTestId('zoo-memo')).toBeVisible();
    await expect(page.getByTestId('zoo-cancel')).toBeVisible();
    await expect(page.getByTestId('verdict')).toHaveText('Deterministic');
    await expect(page.getByRole('region', { name: 'Outcomes' })).toContainText('(25, 10, 2)');
  });
});
