import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sharedDataDir } from '../src/testing/sharedData.ts';
import { expect, openApp, test } from './fixtures.ts';

const acas = (a: number, b: number) => join(sharedDataDir(), 'acasxu', `ACASXU_run2a_${a}_${b}_batch_2000.nnet`);
const tree = (page: import('@playwright/test').Page) => page.getByTestId('search-tree');
const treeNodes = async (page: import('@playwright/test').Page) => Number(await tree(page).getAttribute('data-nodes'));

test.describe('solver', () => {
  test('an example: verify, watch the tree grow, click a node, see the counterexample on the input space', async ({ page }) => {
    await openApp(page, '/#example=solver/mini-acas-mid');
    await expect(page.getByRole('navigation', { name: 'Labs' }).getByRole('button', { name: 'Solver' })).toHaveAttribute('aria-current', 'page');
    await page.getByRole('button', { name: 'Verify' }).click();
    await expect(page.getByTestId('verdict')).toHaveAttribute('data-verdict', 'violated');
    const total = await treeNodes(page);
    expect(total).toBeGreaterThan(50);
    // The recorded search replays: from the start the tree grows step by step.
    await page.getByRole('button', { name: 'Go to start' }).click();
    const start = await treeNodes(page);
    // At the start: the root and the property's four cases.
    expect(start).toBeLessThanOrEqual(5);
    let later = start;
    for (let i = 0; i < 40 && later === start; i++) {
      await page.getByRole('button', { name: 'Step forward' }).click();
      later = await treeNodes(page);
    }
    expect(later).toBeGreaterThan(start);
    expect(later).toBeLessThan(total);
    await page.getByRole('button', { name: 'Go to end' }).click();
    await expect(tree(page)).toHaveAttribute('data-nodes', String(total));
    // Click a node that bounds closed: its fixed splits, its box and its steps appear.
    const closed = tree(page).locator('[data-fate="2"]').first();
    const id = await closed.getAttribute('data-node');
    await closed.click();
    const details = page.getByRole('region', { name: 'Selected node' });
    await expect(details).toContainText(`Node ${id}`);
    await expect(details).toContainText('closed by bounds');
    await expect(details).toContainText('Fixed on the way here');
    await expect(details.getByRole('table')).toContainText('theta (rad)');
    await expect(page.getByRole('list', { name: `Steps at node ${id}` }).getByRole('listitem').first()).toContainText('visit');
    // The counterexample is drawn on the input-space slice and listed with its advisory.
    await expect(page.getByTestId('input-slice')).toHaveAttribute('data-ready', 'yes');
    await expect(page.getByTestId('slice-counterexample')).toBeVisible();
    // The regions' names, as drawn: clear of the counterexample's mark and caption, of each other, and inside the plot.
    const boxes = await page.getByTestId('input-slice').evaluate((el) => {
      const box = (e: Element) => {
        const r = e.getBoundingClientRect();
        return { left: r.left, right: r.right, top: r.top, bottom: r.bottom };
      };
      const plot = box(el.querySelector('svg image')!);
      return { plot, mark: [...el.querySelectorAll('.slice-cex circle, .slice-cex text')].map(box), labels: [...el.querySelectorAll('.slice-region-label')].map(box) };
    });
    expect(boxes.labels.length).toBeGreaterThan(0);
    type Box = typeof boxes.plot;
    const apart = (a: Box, b: Box) => a.right <= b.left || b.right <= a.left || a.bottom <= b.top || b.bottom <= a.top;
    for (const [i, l] of boxes.labels.entries()) {
      expect(l.left >= boxes.plot.left - 0.5 && l.right <= boxes.plot.right + 0.5 && l.top >= boxes.plot.top - 0.5 && l.bottom <= boxes.plot.bottom + 0.5, 'a region name inside the plot').toBe(true);
      for (const m of boxes.mark) expect(apart(l, m), 'a region name clear of the counterexample').toBe(true);
      for (const o of boxes.labels.slice(i + 1)) expect(apart(l, o), 'region names apart').toBe(true);
    }
    await expect(page.getByRole('table', { name: 'Counterexample' })).toContainText('rho (ft)');
    await expect(page.getByTestId('verdict')).toContainText('Advisory at the counterexample');
  });

  test("an example's own property reads as unedited until it is edited", async ({ page }) => {
    await openApp(page, '/#example=solver/tanh-reluplex');
    const select = page.getByRole('combobox', { name: 'Built-in property' });
    const shown = () => select.evaluate((s) => (s as HTMLSelectElement).selectedOptions[0]?.textContent ?? '');
    await expect.poll(shown).toBe('Own property (unedited)');
    await page.locator('.property-editor .monaco-editor').click();
    await page.keyboard.press('Control+End');
    await page.keyboard.type('; edited');
    await expect.poll(shown).toBe('Custom property (edited)');
  });

  test('two workers share the input-splitting search in the browser and give the same verdict', async ({ page }) => {
    await openApp(page, '/#example=solver/mini-acas-mid');
    await page.getByRole('spinbutton', { name: 'workers' }).fill('2');
    await page.getByRole('button', { name: 'Verify' }).click();
    await expect(page.getByTestId('verdict')).toHaveAttribute('data-verdict', 'violated');
    await expect(page.getByTestId('verdict')).toContainText('2 workers shared the search');
    await expect(page.getByRole('table', { name: 'Counterexample' })).toContainText('rho (ft)');
  });

  test('an ACAS Xu network from a file: property 1 holds, and the search tree grows live', async ({ page }) => {
    await openApp(page, '/#example=solver/acasxu-n11-p1');
    await expect(page.getByRole('alert').filter({ hasText: 'which a link cannot carry' })).toBeVisible();
    await expect(page.getByRole('button', { name: 'Verify' })).toBeDisabled();
    await page.getByTestId('network-file').setInputFiles(acas(1, 1));
    await expect(page.getByRole('region', { name: 'Network' })).toContainText('300 ReLUs');
    await page.getByRole('button', { name: 'Verify' }).click();
    await expect(page.getByTestId('verdict')).toHaveAttribute('data-verdict', 'holds', { timeout: 120_000 });
    await expect(page.getByTestId('verdict')).toContainText('100%');
    // A spent time budget ends the run with "unknown" and says so (the interval strategy needs far
    // more boxes than one second gives it, however fast the machine).
    await page.getByLabel('Strategy').selectOption('interval');
    await page.getByLabel('time budget (s)').fill('1');
    await page.getByRole('button', { name: 'Verify' }).click();
    await expect(page.getByTestId('verdict')).toHaveAttribute('data-verdict', 'unknown', { timeout: 120_000 });
    await expect(page.getByTestId('verdict')).toContainText('time budget ran out');
    // With a long budget, watch the boxes appear while it runs; Cancel stops it and keeps what was shown.
    await page.getByLabel('time budget (s)').fill('600');
    await page.getByRole('button', { name: 'Verify' }).click();
    await expect(page.getByRole('button', { name: 'Cancel' })).toBeVisible();
    await expect.poll(() => treeNodes(page)).toBeGreaterThan(20);
    const first = await treeNodes(page);
    await expect.poll(() => treeNodes(page)).toBeGreaterThan(first);
    await page.getByRole('button', { name: 'Cancel' }).click();
    await expect(page.getByText('Cancelled. Nothing was changed.')).toBeVisible();
    await expect(page.getByTestId('verdict')).toHaveAttribute('data-verdict', 'unknown');
  });

  test('a malformed network file is refused with its line and column; a dropped file opens', async ({ page }) => {
    await openApp(page, '/#example=solver/mini-acas-far');
    const bad = join(mkdtempSync(join(tmpdir(), 'latticework-e2e-')), 'broken.nnet');
    writeFileSync(bad, '// broken\n2,2,1,3,\n2,3,1,\n0,\n-1,-1,\n1,one,\n');
    await page.getByTestId('network-file').setInputFiles(bad);
    await expect(page.getByRole('alert').filter({ hasText: 'broken.nnet cannot be opened' })).toContainText('line 6, column 3: expected a number, found "one"');
    // Nothing was lost: the generated network is still the scenario's.
    await expect(page.getByLabel('Network source')).toHaveValue('mini-acas');
    const text = (await import('node:fs')).readFileSync(acas(2, 1), 'utf8');
    await page.evaluate((content) => {
      const data = new DataTransfer();
      data.items.add(new File([content], 'ACASXU_run2a_2_1_batch_2000.nnet', { type: 'text/plain' }));
      const target = document.querySelector('.solver-lab')!;
      target.dispatchEvent(new DragEvent('dragover', { dataTransfer: data, bubbles: true, cancelable: true }));
      target.dispatchEvent(new DragEvent('drop', { dataTransfer: data, bubbles: true, cancelable: true }));
    }, text);
    await expect(page.getByRole('region', { name: 'Network' })).toContainText('ACASXU_run2a_2_1_batch_2000.nnet');
  });

  test('a property with an error marks it and blocks the run; a shared link reopens the shown run', async ({ page, context }) => {
    await context.grantPermissions(['clipboard-read', 'clipboard-write']);
    await openApp(page, '/#example=solver/reluplex-small');
    await page.getByRole('button', { name: 'Verify' }).click();
    await expect(page.getByTestId('verdict')).toHaveAttribute('data-verdict', 'holds');
    await tree(page).locator('[data-node="2"]').click();
    await page.getByRole('button', { name: 'Step back' }).click();
    const counter = await page.locator('.player-counter').textContent();
    await page.getByRole('button', { name: 'Share' }).click();
    const link = await page.getByLabel('Share link').inputValue();
    const other = await context.newPage();
    await other.goto(link);
    await expect(other.getByTestId('verdict')).toHaveAttribute('data-verdict', 'holds');
    await expect(other.locator('.player-counter')).toHaveText(counter!);
    await expect(other.getByRole('region', { name: 'Selected node' })).toContainText('Node 2');
    await other.close();
    // Break the property: the editor shows where, and Verify says why it is blocked.
    await page.locator('.monaco-editor').first().click();
    await page.keyboard.press('ControlOrMeta+End');
    await page.keyboard.insertText('\n(assert (<= Y_7 0))');
    await expect(page.getByRole('list', { name: 'Problems' })).toContainText('Y_7 is used but never declared');
    await expect(page.getByRole('button', { name: 'Verify' })).toBeDisabled();
  });

  test('presentation and embed modes show the search large and alone', async ({ page }) => {
    await openApp(page, '/#example=solver/reluplex-small');
    await page.getByRole('button', { name: 'Verify' }).click();
    await expect(page.getByTestId('verdict')).toHaveAttribute('data-verdict', 'holds');
    await page.locator('body').click({ position: { x: 5, y: 5 } });
    await page.keyboard.press('p');
    await expect(page.locator('html')).toHaveClass(/present/);
    await expect(tree(page)).toBeVisible();
    await expect(page.getByRole('region', { name: 'Property' })).toHaveCount(0);
    await page.keyboard.press('Escape');
    await page.getByRole('button', { name: 'Share' }).click();
    const link = await page.getByLabel('Share link').inputValue();
    await page.goto(link.replace('/#', '/?embed=1#'));
    await expect(tree(page)).toBeVisible();
    await expect(page.getByTestId('verdict')).toHaveAttribute('data-verdict', 'holds');
    await expect(page.getByRole('region', { name: 'Network' })).toHaveCount(0);
  });
});

test.describe('solver on MNIST', () => {
  test('an MNIST network and a robustness property: the image, the tree of ReLU splits, the answer', async ({ page }) => {
    const dir = join(sharedDataDir(), 'vnncomp2021', 'mnistfc');
    await openApp(page, '/#example=solver/mini-acas-far');
    await page.getByTestId('network-file').setInputFiles(join(dir, 'mnist-net_256x2.onnx'));
    await expect(page.getByRole('region', { name: 'Network' })).toContainText('mnist-net_256x2.onnx');
    await page.getByTestId('network-file').setInputFiles(join(dir, 'prop_0_0.03.vnnlib'));
    await expect(page.getByTestId('input-image')).toBeVisible();
    await page.getByLabel('Strategy').selectOption('auto');
    await page.getByLabel('time budget (s)').fill('60');
    await page.getByRole('button', { name: 'Verify' }).click();
    await expect(page.getByTestId('verdict')).not.toHaveAttribute('data-verdict', 'unknown', { timeout: 120_000 });
    await expect(page.getByTestId('verdict')).toContainText('ReLU branch and bound');
    await expect(page.getByTestId('verdict')).toContainText('chosen for 784 inputs');
    // The tree: the property's cases, and under the open ones ReLU phases named by layer and neuron.
    await expect.poll(() => treeNodes(page)).toBeGreaterThan(9);
    await expect(tree(page)).toContainText(/\d+\.\d+ (on|off)/);
    // The network view: a cell per ReLU (2 × 256) and per output, the 784 inputs one block; the
    // selected node's box summarised, not 784 table rows.
    await expect(page.locator('.solver-network rect.net-cell')).toHaveCount(2 * 256 + 10);
    await expect(page.locator('.solver-network rect.net-block')).toHaveCount(1);
    await expect(page.locator('.node-box-summary')).toContainText('784 inputs');
    await expect(page.locator('table.node-box')).toHaveCount(0);
    await page.screenshot({ path: 'test-results/solver-mnist.png' });
  });
});
