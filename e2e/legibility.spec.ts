import type { Page } from '@playwright/test';
import { expect, test } from './fixtures.ts';
import { legibility } from './legibility.ts';

/**
 * The legibility check (e2e/legibility.ts) on pages built to hold one defect each, in presentation
 * mode's terms (a page that does not scroll): it finds text its own SVG cuts inside a scrolling
 * figure body, text a clip-path cuts, and text no scrolling brings inside the window; it lets
 * text merely scrolled away in a panel on screen pass, a zoomed panel included.
 */
const page720 = async (page: Page, body: string) => {
  await page.setViewportSize({ width: 1280, height: 720 });
  await page.setContent(`<!doctype html><html><body style="margin:0;font:16px sans-serif;overflow:hidden">${body}</body></html>`);
};
/** A scrolling figure body (like Figure's .figure-body) holding `inner`. */
const figure = (inner: string, style = 'height:300px') => `<div style="overflow:auto;width:600px;${style}">${inner}</div>`;
const cut = async (page: Page) => (await legibility(page)).clipped;

test.describe('the legibility check', () => {
  test('finds text its own SVG cuts at its bottom and its right edge, inside a scrolling box', async ({ page }) => {
    await page720(page, figure('<svg width="400" height="100"><text x="10" y="50" font-size="20">inside</text><text x="10" y="110" font-size="20">below the edge</text><text x="330" y="80" font-size="20">past the side</text></svg>'));
    const found = await cut(page);
    expect(found.some((c) => c.startsWith('below the edge') && c.includes('cut by its SVG'))).toBe(true);
    expect(found.some((c) => c.startsWith('past the side') && c.includes('cut by its SVG'))).toBe(true);
    expect(found.some((c) => c.startsWith('inside'))).toBe(false);
  });

  test("finds text cut by its group's clip-path", async ({ page }) => {
    await page720(page, figure('<svg width="400" height="200"><defs><clipPath id="plot"><rect x="0" y="0" width="200" height="200"/></clipPath></defs><g clip-path="url(#plot)"><text x="150" y="50" font-size="20">clipped label</text><text x="10" y="100" font-size="20">kept</text></g></svg>'));
    const found = await cut(page);
    expect(found.some((c) => c.startsWith('clipped label'))).toBe(true);
    expect(found.some((c) => c.startsWith('kept'))).toBe(false);
  });

  test('finds text in a scrolling box that runs past the window: no scrolling shows it', async ({ page }) => {
    // The box is 1000 px tall on a 720 px window that does not scroll; it has nothing more to scroll.
    await page720(page, figure('<p style="margin:0;height:900px">top</p><p style="margin:0">under the window</p>', 'height:1000px'));
    expect((await cut(page)).some((c) => c.startsWith('under the window') && c.includes('out of reach'))).toBe(true);
  });

  test('lets text merely scrolled out of a box on screen pass, in a zoomed box too', async ({ page }) => {
    await page720(page, figure('<p style="margin:0;height:900px">top</p><p style="margin:0">scroll to see me</p>') + `<div style="zoom:1.5">${figure('<svg width="300" height="600"><text x="10" y="580" font-size="14">deep in a zoomed figure</text></svg>', 'height:200px')}</div>`);
    expect(await cut(page)).toEqual([]);
  });
});
