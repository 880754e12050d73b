import type { Page } from '@playwright/test';
import { scenarioLink } from '../src/scenario/codec.ts';
import type { Scenario } from '../src/scenario/types.ts';
import { defaultScenario as solverDefault } from '../src/labs/solver/scenario.ts';
import { expect, openApp, test, typeInEditor } from './fixtures.ts';

const solve = (page: Page) => page.getByRole('button', { name: 'Solve', exact: true }).click();
const graph = (page: Page) => page.getByTestId('implication-graph');
const verdict = (page: Page) => page.getByTestId('verdict');

test.describe('SAT/SMT view', () => {
  test('a CNF example: solve, step to the conflict, see the first-UIP cut; a shared link reopens the same step', async ({ page, context }) => {
    await context.grantPermissions(['clipboard-read', 'clipboard-write']);
    await openApp(page, '/#example=smt/instructive-conflict');
    await expect(page.getByRole('navigation', { name: 'Labs' }).getByRole('button', { name: 'SAT/SMT' })).toHaveAttribute('aria-current', 'page');
    await solve(page);
    await expect(verdict(page)).toHaveAttribute('data-verdict', 'sat');
    await expect(verdict(page)).toContainText('checked');
    // From the start, step until the conflict has been analysed: the graph shows the cut.
    await page.getByRole('button', { name: 'Go to start' }).click();
    await expect(graph(page)).toHaveAttribute('data-nodes', '0');
    for (let i = 0; i < 40 && !/^learn /.test((await page.locator('.player-describe').textContent()) ?? ''); i++) await page.getByRole('button', { name: 'Step forward' }).click();
    await expect(page.locator('.player-describe')).toContainText('learn');
    expect(Number(await graph(page).getAttribute('data-cut'))).toBeGreaterThan(0);
    await expect(graph(page).locator('[data-uip="yes"]')).toHaveCount(1);
    await expect(graph(page).locator('[data-side="conflict"]').first()).toBeVisible();
    await expect(page.getByTestId('conflict-caption')).toContainText('backjump to level 1');
    // The trail still holds level 3 (the backjump is the next step), then loses it.
    await expect(page.getByTestId('trail').locator('[data-level="3"]').first()).toBeVisible();
    await page.getByRole('button', { name: 'Step forward' }).click();
    await expect(page.getByTestId('trail').locator('[data-level="3"]')).toHaveCount(0);
    await expect(page.getByTestId('search-tree').locator('[data-conflict="clause"]')).toHaveCount(1);
    const counter = await page.locator('.player-counter').textContent();
    await page.getByRole('button', { name: 'Share' }).click();
    const link = await page.getByLabel('Share link').inputValue();
    const other = await context.newPage();
    await other.goto(link);
    await expect(other.getByTestId('verdict')).toHaveAttribute('data-verdict', 'sat');
    await expect(other.locator('.player-counter')).toHaveText(counter!);
    await expect(other.getByTestId('implication-graph').locator('[data-uip="yes"]')).toHaveCount(1);
    await other.close();
  });

  test('an SMT-LIB example: DPLL(T) meets theory conflicts, and eager stands beside lazy', async ({ page }) => {
    await openApp(page, '/#example=smt/scheduling-theory-conflict');
    await solve(page);
    await expect(verdict(page)).toHaveAttribute('data-verdict', 'sat');
    await expect(verdict(page).getByRole('table', { name: 'Model' })).toContainText('c');
    const theory = page.getByTestId('theory-panel');
    expect(Number(await theory.getAttribute('data-conflicts'))).toBeGreaterThan(0);
    await page.getByRole('button', { name: /^#1 @/ }).click();
    await expect(page.locator('.player-describe')).toContainText('theory conflict');
    await expect(theory).toContainText('the SAT engine learns');
    await expect(page.getByTestId('search-tree').locator('[data-conflict="theory"]').first()).toBeVisible();
    await expect(page.getByTestId('contrast')).toHaveAttribute('data-columns', '2');
    await expect(page.getByTestId('contrast').locator('[data-approach="Eager"]')).toHaveAttribute('data-verdict', 'sat');
  });

  test('a mini ACAS Xu query from the Solver lab opens as SMT-LIB: eager, lazy and Reluplex agree', async ({ page }) => {
    const mini: Scenario = {
      ...(solverDefault as unknown as Scenario),
      title: 'Mini ACAS Xu, four ReLUs',
      config: { ...(solverDefault.config as unknown as Record<string, never>), network: { kind: 'generated', spec: { preset: 'mini-acas', seed: 7, hidden: [4], activation: 'relu' } } },
    };
    await openApp(page, '/');
    await page.goto(scenarioLink(page.url(), mini));
    await expect(page.getByRole('region', { name: 'Result' })).toBeVisible();
    await page.getByRole('button', { name: 'Open as SMT-LIB' }).click();
    await expect(page.getByRole('navigation', { name: 'Labs' }).getByRole('button', { name: 'SAT/SMT' })).toHaveAttribute('aria-current', 'page');
    await expect(page.getByLabel('Input format')).toHaveValue('smtlib');
    await expect(verdict(page)).toHaveAttribute('data-verdict', 'unsat', { timeout: 120_000 });
    await expect(verdict(page)).toContainText('the property holds');
    const contrast = page.getByTestId('contrast');
    await expect(contrast).toHaveAttribute('data-columns', '3', { timeout: 120_000 });
    for (const approach of ['Lazy: DPLL(T)', 'Eager', 'Reluplex']) await expect(contrast.locator(`[data-approach="${approach}"]`)).toHaveAttribute('data-verdict', 'unsat');
  });

  test('malformed input is marked at its line and column, and Solve waits until it is fixed', async ({ page }) => {
    await openApp(page, '/#example=smt/pigeonhole-4-3');
    await typeInEditor(page, 'p cnf 2 1\n1 x 0\n');
    const problems = page.getByRole('list', { name: 'Problems' });
    await expect(problems).toContainText('2:3');
    await expect(page.getByRole('button', { name: 'Solve', exact: true })).toBeDisabled();
    await typeInEditor(page, 'p cnf 2 1\n1 -2 0\n');
    await expect(problems).toHaveCount(0);
    await solve(page);
    await expect(verdict(page)).toHaveAttribute('data-verdict', 'sat');
    // SMT-LIB errors too: an undeclared variable.
    await page.getByLabel('Input format').selectOption('smtlib');
    await typeInEditor(page, '(declare-const x Real)\n(assert (<= x y))\n');
    await expect(problems).toContainText('2:');
  });

  test('a dropped .smt2 file opens; presentation mode keeps the figures', async ({ page }) => {
    await openApp(page, '/#example=smt/instructive-conflict');
    await page.evaluate(() => {
      const data = new DataTransfer();
      data.items.add(new File(['(declare-const x Real)\n(assert (and (< x 1) (> x 2)))\n(check-sat)\n'], 'tiny.smt2', { type: 'text/plain' }));
      const target = document.querySelector('.smt-lab')!;
      target.dispatchEvent(new DragEvent('dragover', { dataTransfer: data, bubbles: true, cancelable: true }));
      target.dispatchEvent(new DragEvent('drop', { dataTransfer: data, bubbles: true, cancelable: true }));
    });
    await expect(page.getByRole('region', { name: 'Formula' })).toContainText('From tiny.smt2');
    await expect(page.getByLabel('Input format')).toHaveValue('smtlib');
    await solve(page);
    await expect(verdict(page)).toHaveAttribute('data-verdict', 'unsat');
    await page.locator('body').click({ position: { x: 5, y: 5 } });
    await page.keyboard.press('p');
    await expect(page.locator('html')).toHaveClass(/present/);
    await expect(page.getByTestId('search-tree')).toBeVisible();
    await expect(page.getByRole('region', { name: 'Formula' })).toHaveCount(0);
  });
});
