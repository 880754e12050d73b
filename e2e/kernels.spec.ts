import { readFile } from 'node:fs/promises';
import config from '../playwright.config.ts';
import { expect, openApp, test, typeInEditor } from './fixtures.ts';
import { tablesCut } from './legibility.ts';

// WebGPU on Debian's Chromium runs on its bundled SwiftShader (correct, not fast): this spec only
// enables it, on top of the launch options every other spec uses.
const base = config.use?.launchOptions ?? {};
test.use({
  launchOptions: {
    ...base,
    args: [...(base.args ?? []).filter((a) => a !== '--disable-gpu'), '--enable-unsafe-webgpu', '--use-webgpu-adapter=swiftshader'],
  },
});

const row = (page: import('@playwright/test').Page, backend: string) => page.getByRole('table', { name: 'Timings' }).locator(`tr[data-backend="${backend}"]`);

/** A small PNG drawn in the page (a white disc on black), as a File a user would drop. */
async function dropPicture(page: import('@playwright/test').Page, name: string): Promise<void> {
  await page.evaluate(async (fileName) => {
    const canvas = new OffscreenCanvas(48, 40);
    const g = canvas.getContext('2d')!;
    g.fillStyle = '#000';
    g.fillRect(0, 0, 48, 40);
    g.fillStyle = '#fff';
    g.beginPath();
    g.arc(24, 20, 12, 0, Math.PI * 2);
    g.fill();
    const blob = await canvas.convertToBlob({ type: 'image/png' });
    const data = new DataTransfer();
    data.items.add(new File([blob], fileName, { type: 'image/png' }));
    const target = document.querySelector('.kn')!;
    target.dispatchEvent(new DragEvent('dragover', { dataTransfer: data, bubbles: true, cancelable: true }));
    target.dispatchEvent(new DragEvent('drop', { dataTransfer: data, bubbles: true, cancelable: true }));
  }, name);
}

test.describe('kernels', () => {
  test('Black-Scholes: the fused graph, every backend timed (WebGPU on SwiftShader), the speed-up chart', async ({ page }) => {
    await openApp(page, '/#example=kernels/black-scholes');
    await expect(page.getByRole('navigation', { name: 'Labs' }).getByRole('button', { name: 'Kernels' })).toHaveAttribute('aria-current', 'page');
    // Before any run, the compiler's stages: many temporaries before fusion, one parfor after.
    const domain = page.getByTestId('domain-ir').locator('svg');
    await expect(domain).toHaveAttribute('data-temporaries', /^[1-9]\d+$/);
    await expect(page.getByTestId('parallel-ir').locator('[data-kind="parfor"]')).toHaveCount(1);
    await expect(page.getByTestId('parallel-ir').locator('svg')).toHaveAttribute('data-temporaries', '0');
    await expect(page.getByTestId('eliminated')).toContainText('d1');
    await expect(page.getByRole('region', { name: 'Generated code' })).toContainText('for');
    // Small sizes: this checks that every backend runs and agrees, not how fast.
    await page.getByLabel('repeats').fill('1');
    await page.getByLabel('array size').fill('10^4');
    await page.getByLabel('array size').press('Enter');
    await page.getByLabel('Chart sizes').fill('10^3, 10^4');
    await page.getByLabel('Chart sizes').press('Enter');
    await page.getByLabel('Chart workers').fill('1, 2');
    await page.getByLabel('Chart workers').press('Enter');
    await page.getByRole('button', { name: 'Run and time' }).click();
    await expect(row(page, 'webgpu')).toBeVisible({ timeout: 120_000 });
    for (const backend of ['naive', 'fused', 'parallel', 'wasm', 'webgpu']) await expect(row(page, backend)).toHaveAttribute('data-available', 'yes');
    for (const backend of ['fused', 'parallel']) await expect(row(page, backend)).toContainText('bitwise equal');
    // The WebAssembly SIMD loops (fdlibm's exp, log, log10) on the pool's workers: Node's bits; this
    // Chromium's Math.log is not fdlibm's, so here they agree within the README's stated tolerance.
    const wasm = (await row(page, 'wasm').locator('td').last().textContent()) ?? '';
    expect(wasm === 'bitwise equal' || Number(/≤ ([\d,]+) ulp/.exec(wasm)?.[1]?.replace(/,/g, '') ?? Infinity) <= 256).toBe(true);
    await expect(row(page, 'webgpu')).toContainText(/ulp|bitwise/);
    const chart = page.getByTestId('speedup-chart');
    await expect(chart).toHaveAttribute('data-by', 'size');
    for (const backend of ['fused', 'parallel', 'wasm', 'webgpu']) await expect(chart.locator(`[data-backend="${backend}"]`)).toHaveAttribute('data-points', '2');
    await page.getByRole('button', { name: 'by workers' }).click();
    await expect(chart).toHaveAttribute('data-by', 'workers');
    for (const backend of ['parallel', 'wasm']) await expect(chart.locator(`[data-backend="${backend}"]`)).toHaveAttribute('data-points', '2');
    await expect(chart.locator('.kn-ideal')).toHaveAttribute('data-points', '2');
    // The memory view: naive allocates temporaries, the fused backends none.
    await expect(page.getByTestId('memory-chart').locator('[data-backend="naive"]')).not.toHaveAttribute('data-bytes', '0');
    await expect(page.getByTestId('memory-chart').locator('[data-backend="fused"]')).toHaveAttribute('data-bytes', '0');
    // On a 1280×720 projector, normal and presentation mode: the timing table keeps every column in view.
    await page.setViewportSize({ width: 1280, height: 720 });
    await expect(page.getByRole('table', { name: 'Timings' })).toBeVisible();
    await expect.poll(() => tablesCut(page)).toEqual([]);
    await page.getByTestId('speedup-chart').click();
    await page.keyboard.press('p');
    await expect(page.locator('html')).toHaveClass(/present/);
    // The table is on one of the panes (keys 1 to 9): every pane keeps its tables whole.
    const panes = page.locator('.present-panes button');
    let shown = 0;
    for (let k = 1; k <= (await panes.count()); k++) {
      await page.keyboard.press(String(k));
      await expect(panes.nth(k - 1)).toHaveAttribute('aria-pressed', 'true');
      if (await page.getByRole('table', { name: 'Timings' }).isVisible()) shown++;
      await expect.poll(() => tablesCut(page)).toEqual([]);
    }
    expect(shown, 'a pane shows the timing table').toBeGreaterThan(0);
  });

  test('the blur: the blurred image, an image of ones own dropped in, shared and reopened', async ({ page, context }) => {
    test.setTimeout(240_000); // three runs of every backend, WebGPU on SwiftShader among them
    await context.grantPermissions(['clipboard-read', 'clipboard-write']);
    await openApp(page, '/#example=kernels/gaussian-blur');
    await expect(page.getByTestId('image-input').locator('image')).toHaveCount(1);
    // A small image and few iterations: this checks the pictures, not the speed.
    await page.getByLabel('Image size').selectOption('128');
    await page.getByLabel('iterations').fill('4');
    await page.getByLabel('repeats').fill('1');
    await page.getByLabel('Chart workers').fill('2');
    await page.getByLabel('Chart workers').press('Enter');
    await expect(page.getByTestId('image-input')).toContainText('128×128');
    await page.getByRole('button', { name: 'Run and time' }).click();
    const output = page.getByTestId('image-output').locator('image');
    await expect(output).toHaveCount(1, { timeout: 120_000 });
    const inputHref = await page.getByTestId('image-input').locator('image').getAttribute('href');
    await expect(page.locator('svg.kn-images')).not.toHaveAttribute('data-iteration', /^(-1|0)$/);
    expect(await output.getAttribute('href')).not.toBe(inputHref);
    // The slider steps back through the recorded iterations.
    await page.getByRole('button', { name: 'Go to start' }).click();
    await expect(page.locator('svg.kn-images')).toHaveAttribute('data-iteration', '0');

    await dropPicture(page, 'disc.png');
    await expect(page.getByLabel('Image', { exact: true })).toContainText('disc.png');
    await expect(page.getByTestId('image-input')).toContainText('disc.png, 48×40');
    await page.getByRole('button', { name: 'Run and time' }).click();
    await expect(page.getByTestId('image-output').locator('image')).toHaveCount(1, { timeout: 120_000 });
    await expect(page.locator('svg.kn-images')).toHaveAttribute('data-iteration', /^[1-9]/);

    await page.getByRole('button', { name: 'Share' }).click();
    const link = await page.getByLabel('Share link').inputValue();
    const other = await context.newPage();
    await other.goto(link);
    // The same browser keeps the picture (IndexedDB): the link names it by SHA-256 and it reruns.
    await expect(other.getByTestId('image-input')).toContainText('disc.png, 48×40');
    await expect(other.getByTestId('image-output').locator('image')).toHaveCount(1, { timeout: 120_000 });
    await other.close();
  });

  test('an exported fusion figure carries its key: the legend text is inside the SVG file', async ({ page }) => {
    await openApp(page, '/#example=kernels/sum-of-squares');
    const figure = page.locator('figure').filter({ hasText: 'Domain IR' }).first();
    await expect(figure.locator('svg *').first()).toBeAttached();
    const [download] = await Promise.all([page.waitForEvent('download'), figure.getByRole('button', { name: 'SVG' }).click()]);
    const svg = await readFile((await download.path())!, 'utf8');
    const texts = await page.evaluate((svg) => [...new DOMParser().parseFromString(svg, 'image/svg+xml').querySelectorAll('text')].map((t) => t.textContent ?? ''), svg);
    // The key (drawn inside the figure's SVG, IrGraphView's IrKey) reaches the file: its shapes' names and the dashed temporary.
    for (const item of ['input array', 'element-wise operation', 'reduction', 'result', 'temporary array']) expect(texts, `the key's "${item}"`).toContain(item);
  });

  test('a program that does not fuse says why; an error is marked and blocks the run', async ({ page }) => {
    await openApp(page, '/#example=kernels/no-fusion');
    await expect(page.getByRole('list', { name: 'Where fusion does not apply' }).getByRole('listitem')).not.toHaveCount(0);
    await expect(page.getByTestId('parallel-ir').locator('[data-kind="parfor"]')).not.toHaveCount(1);
    await typeInEditor(page, '@acc function f(x)\n  return x .* \nend');
    await expect(page.getByRole('list', { name: 'Problems' })).toContainText(/^\d+:\d+/);
    await expect(page.getByRole('button', { name: 'Run and time' })).toBeDisabled();
  });
});
