import { readFile } from 'node:fs/promises';
import type { Locator, Page } from '@playwright/test';
import { expect, openApp, test } from './fixtures.ts';

/**
 * An exported figure stands on its own in a slide: the SVG file carries the figure's key (the
 * legend that says what its colours, shapes and patterns mean), not only the page around it. Each
 * test downloads a figure as SVG, parses the file and finds every label of its key in it.
 */

/** The texts of the figure's exported SVG, as a slide program would read them. */
async function exportedTexts(page: Page, figure: Locator): Promise<string[]> {
  await expect(figure.locator('svg *').first()).toBeAttached();
  const [download] = await Promise.all([page.waitForEvent('download'), figure.getByRole('button', { name: 'SVG', exact: true }).click()]);
  const svg = await readFile((await download.path())!, 'utf8');
  return page.evaluate((svg) => {
    const doc = new DOMParser().parseFromString(svg, 'image/svg+xml');
    if (doc.querySelector('parsererror')) throw new Error('the exported SVG does not parse');
    return [...doc.querySelectorAll('text')].map((t) => (t.textContent ?? '').replace(/\s+/g, ' ').trim());
  }, svg);
}

/** The labels of a figure's key as the page lists it under the figure (Figure's figureKey). */
const pageKey = (figure: Locator): Promise<string[]> => figure.locator('.figure-key li').allTextContents();

/** Every label is in the file (the key drawn into it), and there is at least one. */
function expectKey(texts: string[], labels: string[], what: string) {
  expect(labels.length, `${what}: a key to look for`).toBeGreaterThan(0);
  const joined = texts.join('\n');
  for (const label of labels) expect(joined, `${what}: the key's "${label}" is in the SVG`).toContain(label.trim());
}

test.describe('exported figures carry their keys', () => {
  test("the solver's search tree, input-space slice and network phases", async ({ page }) => {
    await openApp(page, '/#example=solver/mini-acas-mid');
    await page.getByRole('button', { name: 'Verify' }).click();
    await expect(page.getByTestId('verdict')).toHaveAttribute('data-verdict', 'violated');
    await expect(page.getByTestId('input-slice')).toHaveAttribute('data-ready', 'yes');

    const tree = page.getByRole('figure', { name: 'Search tree' });
    const treeKey = await pageKey(tree);
    // Every fate the tree colours, named.
    for (const fate of ['open', 'split', 'closed by bounds', 'counterexample']) expect(treeKey).toContain(fate);
    expectKey(await exportedTexts(page, tree), treeKey, 'search tree');

    const slice = page.getByRole('figure', { name: /^Input space/ }).filter({ has: page.getByTestId('input-slice') });
    const sliceKey = await pageKey(slice);
    expect(sliceKey).toContain('property box');
    expectKey(await exportedTexts(page, slice), sliceKey, 'input-space slice');

    const network = page.getByRole('figure', { name: 'Network phases' });
    const networkKey = await pageKey(network);
    for (const phase of ['active', 'inactive']) expect(networkKey).toContain(phase);
    expectKey(await exportedTexts(page, network), networkKey, 'network phases');
  });

  test("the LVars lab's threads, explored configurations and lattice", async ({ page }) => {
    await openApp(page, '/#example=lvars/racy-ref');
    await expect(page.getByTestId('verdict')).toHaveText('Nondeterministic');
    const outcomes = page.getByRole('region', { name: 'Outcomes' }).locator('tbody tr');
    await expect(outcomes).toHaveCount(2);
    // The configurations' ends take their outcome's colour and shape: the export names each outcome.
    const configurations = page.getByRole('figure', { name: /^Explored configurations/ });
    const values = await outcomes.locator('.lv-value').allTextContents();
    expectKey(await exportedTexts(page, configurations), values, 'explored configurations');

    await outcomes.first().getByRole('button', { name: /Replay/ }).click();
    const threads = page.getByRole('figure', { name: 'Threads' });
    expectKey(await exportedTexts(page, threads), ['moved', 'ready', 'blocked'], 'threads');
    const lattice = page.getByRole('figure', { name: /^Lattice of/ });
    expectKey(await exportedTexts(page, lattice), ['current', 'reached', 'threshold'], 'lattice');
  });
});
