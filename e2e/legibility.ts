import type { Page } from '@playwright/test';

/**
 * What a lecturer projecting the page would stumble on, measured in the page: does it scroll, is
 * any visible text smaller than the floor, cut by its box, or drawn over other text. Text is every
 * non-blank text node (HTML and SVG) and the chosen option of every select; its size is the
 * rendered size (an SVG's viewBox scaling included), its box the glyphs' client rectangles.
 */
export interface Legibility {
  scroll: { width: number; height: number };
  small: string[];
  clipped: string[];
  overlaps: string[];
  texts: number;
}

/** Runs in the page: no imports, no closures over test code. `scrolls`: the page may scroll (normal mode), so text below the fold is not cut. */
function measure({ floor, scrolls: pageScrolls }: { floor: number; scrolls: boolean }): Legibility {
  const root = document.scrollingElement ?? document.documentElement;
  const tolerance = 1.5;
  const vw = innerWidth;
  const vh = pageScrolls ? Math.max(innerHeight, root.scrollHeight) : innerHeight;
  type Box = { left: number; top: number; right: number; bottom: number };
  const label = (el: Element, text: string) => `${text.trim().slice(0, 40)} <${el.tagName.toLowerCase()}${el.getAttribute('class') ? `.${String(el.getAttribute('class')).split(' ')[0]}` : ''}>`;
  const visible = (el: Element): boolean => {
    for (let e: Element | null = el; e; e = e.parentElement) {
      const s = getComputedStyle(e);
      if (s.display === 'none' || s.visibility === 'hidden' || Number(s.opacity) === 0) return false;
      if (e.getAttribute('aria-hidden') === 'true' && e.closest('.monaco-editor') === null) return false;
      if (e.classList.contains('sr-only')) return false;
      const shut = e.parentElement?.closest('details:not([open])');
      if (shut && e.tagName !== 'SUMMARY' && e.closest('summary') === null) return false;
    }
    return true;
  };
  /** The rendered size of an element's text: its font size times any SVG scaling. */
  const renderedSize = (el: Element): number => {
    const size = parseFloat(getComputedStyle(el).fontSize);
    if (el instanceof SVGGraphicsElement) {
      const m = el.getScreenCTM();
      // The screen matrix includes the viewBox's scaling and any CSS zoom.
      if (m) return size * Math.sqrt(Math.abs(m.a * m.d - m.b * m.c));
    }
    return size * ((el as Element & { currentCSSZoom?: number }).currentCSSZoom ?? 1);
  };
  const hides = (o: string) => o === 'hidden' || o === 'clip';
  const scroll = (o: string) => o === 'auto' || o === 'scroll';
  const meet = (a: Box, b: Box): Box => ({ left: Math.max(a.left, b.left), top: Math.max(a.top, b.top), right: Math.min(a.right, b.right), bottom: Math.min(a.bottom, b.bottom) });
  /** The screen box of an SVG element's clip-path (a clipPath of rectangles, in the user space of the element it clips), if it has one. */
  const clipPathBox = (e: Element): Box | undefined => {
    const ref = /url\(["']?#([^"')]+)["']?\)/.exec(e.getAttribute('clip-path') ?? getComputedStyle(e).clipPath)?.[1];
    const path = ref ? document.getElementById(ref) : null;
    const m = e instanceof SVGGraphicsElement ? e.getScreenCTM() : null;
    if (!path || !m) return undefined;
    const boxes = [...path.children].flatMap((c) => {
      if (!(c instanceof SVGGraphicsElement)) return [];
      const b = c.getBBox();
      const corners = [new DOMPoint(b.x, b.y), new DOMPoint(b.x + b.width, b.y + b.height)].map((p) => p.matrixTransform(m));
      return [{ left: Math.min(corners[0]!.x, corners[1]!.x), top: Math.min(corners[0]!.y, corners[1]!.y), right: Math.max(corners[0]!.x, corners[1]!.x), bottom: Math.max(corners[0]!.y, corners[1]!.y) }];
    });
    return boxes.reduce<Box | undefined>((u, b) => (u ? { left: Math.min(u.left, b.left), top: Math.min(u.top, b.top), right: Math.max(u.right, b.right), bottom: Math.max(u.bottom, b.bottom) } : b), undefined);
  };
  /**
   * Where an element's text can be seen. `box`: the viewport cut by every ancestor that hides or
   * scrolls its overflow. `drawn`: the boxes that never scroll, its SVG's viewport and clip-paths:
   * text leaving them is cut, whatever scrolls around the SVG (a figure's body scrolls). `reach`:
   * how far the scrolling ancestors can still move the text (px up, down, left, right), into
   * `band`: the viewport cut by the outermost scrolling ancestor and every clipping box around it
   * (the boxes inside it move with the text as it scrolls).
   */
  const clipBox = (el: Element): { box: Box; scrolls: boolean; drawn?: Box; reach: Box; band: Box } => {
    let box: Box = { left: 0, top: 0, right: vw, bottom: vh };
    /** The clipping boxes, innermost first, and how many of them lie inside the outermost scroller. */
    const clips: Box[] = [];
    let moving = 0;
    let drawn: Box | undefined;
    const reach: Box = { left: 0, top: 0, right: 0, bottom: 0 };
    let scrolls = false;
    for (let e: Element | null = el; e; e = e.parentElement) {
      if (e instanceof SVGElement) {
        const path = clipPathBox(e);
        if (path) drawn = drawn ? meet(drawn, path) : path;
      }
      if (e === el) continue;
      const s = getComputedStyle(e);
      if (e instanceof SVGSVGElement && s.overflow !== 'visible') {
        const r = e.getBoundingClientRect();
        drawn = drawn ? meet(drawn, r) : r;
      }
      // Monaco scrolls its lines (and their numbers) itself, in boxes that hide their overflow.
      if (scroll(s.overflowX) || scroll(s.overflowY) || e.classList.contains('monaco-editor')) scrolls = true;
      // A box's scroll offsets are in its own CSS px: a zoomed box (a figure zoomed for the projector) moves its content that many times farther on screen.
      const zoom = (e as Element & { currentCSSZoom?: number }).currentCSSZoom ?? 1;
      if (scroll(s.overflowY)) {
        reach.top += (e.scrollHeight - e.clientHeight - e.scrollTop) * zoom;
        reach.bottom += e.scrollTop * zoom;
      }
      if (scroll(s.overflowX)) {
        reach.left += (e.scrollWidth - e.clientWidth - e.scrollLeft) * zoom;
        reach.right += e.scrollLeft * zoom;
      }
      if (hides(s.overflowX) || hides(s.overflowY) || scroll(s.overflowX) || scroll(s.overflowY) || e instanceof SVGSVGElement) {
        box = meet(box, e.getBoundingClientRect());
        if (scroll(s.overflowX) || scroll(s.overflowY)) moving = clips.length;
        clips.push(e.getBoundingClientRect());
      }
    }
    const band = clips.slice(moving).reduce(meet, { left: 0, top: 0, right: vw, bottom: vh });
    return { box, scrolls, drawn, reach, band };
  };
  /** Whether scrolling can bring the whole of `r` into `band` (moving it at most `reach`). */
  const reachable = (r: Box, band: Box, reach: Box): boolean =>
    Math.max(band.top - r.top, -reach.top) <= Math.min(band.bottom - r.bottom, reach.bottom) + tolerance &&
    Math.max(band.left - r.left, -reach.left) <= Math.min(band.right - r.right, reach.right) + tolerance;

  const small: string[] = [];
  const clipped: string[] = [];
  const boxes: { box: Box; what: string; owner: Element; floats: boolean }[] = [];
  /** Whether an element floats over the page as it scrolls (a sticky player, a fixed bar): by design over what scrolls under it. */
  const floating = (el: Element): boolean => {
    for (let e: Element | null = el; e; e = e.parentElement) if (/sticky|fixed/.test(getComputedStyle(e).position)) return true;
    return false;
  };

  const consider = (owner: Element, text: string, rects: Box[]) => {
    if (rects.length === 0 || !visible(owner)) return;
    const { box: clip, scrolls, drawn, reach, band } = clipBox(owner);
    const what = label(owner, text);
    const within = (r: Box, b: Box) => r.left >= b.left - tolerance && r.right <= b.right + tolerance && r.top >= b.top - tolerance && r.bottom <= b.bottom + tolerance;
    const monaco = owner.closest('.monaco-editor') !== null;
    let shown = false;
    for (const r of rects) {
      if (r.right - r.left < 0.5 || r.bottom - r.top < 0.5) continue;
      const inside = within(r, clip);
      const outside = r.right <= clip.left || r.left >= clip.right || r.bottom <= clip.top || r.top >= clip.bottom;
      // Text leaving its SVG's viewport or clip is cut by the drawing itself: no scrolling shows it.
      if (drawn && !within(r, drawn)) clipped.push(`${what} (cut by its SVG)`);
      // On a page that does not scroll, text that no scrolling box can bring on screen is cut by the window.
      else if (!pageScrolls && scrolls && !monaco && !inside && !reachable(r, band, reach)) clipped.push(`${what} (out of reach)`);
      // A line of the editor runs past its right edge (presentation mode wraps them).
      else if (!pageScrolls && monaco && !outside && r.right > clip.right + tolerance && owner.closest('.view-line')) clipped.push(`${what} (past the editor's edge)`);
      // Text scrolled away inside a scrolling panel is not on screen; text cut at a fixed box is.
      else if (outside && scrolls) continue;
      else if (!inside && !scrolls) clipped.push(what);
      else if (!inside && scrolls && !outside) {
        // Half a line at a scrolling panel's edge is the panel scrolled, not the text cut: only
        // text cut across (left or right) in a panel that does not scroll that way is reported.
        const s = getComputedStyle(owner);
        if (s.whiteSpace !== 'pre' && (r.left < clip.left - tolerance || r.right > clip.right + tolerance) && !monaco) clipped.push(what);
      }
      if (outside && scrolls) continue;
      shown = true;
      // Only the part on screen can be drawn over other text: a line half scrolled out of a
      // panel is hidden past the panel's edge, not over what lies beyond it.
      const seen = { left: Math.max(r.left, clip.left), top: Math.max(r.top, clip.top), right: Math.min(r.right, clip.right), bottom: Math.min(r.bottom, clip.bottom) };
      if (seen.right > seen.left && seen.bottom > seen.top) boxes.push({ box: seen, what, owner, floats: pageScrolls && floating(owner) });
    }
    if (shown) {
      const size = renderedSize(owner);
      if (size < floor - 0.05) small.push(`${what} ${size.toFixed(1)}px`);
    }
  };

  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  const range = document.createRange();
  for (let n = walker.nextNode(); n; n = walker.nextNode()) {
    const text = n.textContent ?? '';
    if (!/\S/.test(text)) continue;
    const owner = n.parentElement;
    if (!owner || owner.closest('select, script, style, title, desc, noscript, dialog:not([open]), .monaco-aria-container')) continue;
    range.selectNodeContents(n);
    consider(owner, text, [...range.getClientRects()]);
  }
  for (const select of document.querySelectorAll('select')) {
    const option = select.selectedOptions[0];
    if (!option || !visible(select)) continue;
    const s = getComputedStyle(select);
    const ctx = document.createElement('canvas').getContext('2d')!;
    ctx.font = `${s.fontWeight} ${s.fontSize} ${s.fontFamily}`;
    const room = select.clientWidth - parseFloat(s.paddingLeft) - parseFloat(s.paddingRight) - 16;
    if (ctx.measureText(option.text).width > room + tolerance) clipped.push(label(select, option.text));
    const r = select.getBoundingClientRect();
    consider(select, option.text, [{ left: r.left + 4, right: r.right - 4, top: r.top + 4, bottom: r.bottom - 4 }]);
  }

  const overlaps: string[] = [];
  boxes.sort((a, b) => a.box.left - b.box.left);
  for (let i = 0; i < boxes.length; i++) {
    const a = boxes[i]!;
    for (let j = i + 1; j < boxes.length; j++) {
      const b = boxes[j]!;
      if (b.box.left >= a.box.right - tolerance) break;
      if (a.owner === b.owner || a.floats !== b.floats) continue;
      const w = Math.min(a.box.right, b.box.right) - Math.max(a.box.left, b.box.left);
      const h = Math.min(a.box.bottom, b.box.bottom) - Math.max(a.box.top, b.box.top);
      const lower = Math.min(a.box.bottom - a.box.top, b.box.bottom - b.box.top);
      // Line boxes of neighbouring lines may touch; glyphs overlap when the boxes share a third of a line.
      if (w > tolerance && h > lower / 3) overlaps.push(`${a.what} × ${b.what}`);
    }
  }
  return { scroll: { width: root.scrollWidth - vw, height: root.scrollHeight - innerHeight }, small, clipped, overlaps, texts: boxes.length };
}

/** The type-size floor for projected text: 20 px on a 1920-wide screen, in proportion elsewhere. */
export const floorFor = (width: number) => (20 * width) / 1920;

/** Measures the page; `scrolls` for a page allowed to scroll (normal mode: measured from its top, the whole length counted as on screen). */
export async function legibility(page: Page, { scrolls = false } = {}): Promise<Legibility> {
  const width = page.viewportSize()?.width ?? 1280;
  if (scrolls) await page.evaluate(() => scrollTo(0, 0));
  return page.evaluate(measure, { floor: floorFor(width), scrolls });
}

/** Tables wider than the box that scrolls them: a column out of sight (Kernels' "result" at 1280) is cut, though no glyph is. */
export const tablesCut = (page: Page): Promise<string[]> =>
  page.evaluate(() =>
    [...document.querySelectorAll('table')].flatMap((t) => {
      const box = t.parentElement;
      if (!box || t.getClientRects().length === 0 || getComputedStyle(box).overflowX === 'visible') return [];
      return box.scrollWidth > box.clientWidth + 1 ? [`${t.getAttribute('aria-label') ?? t.className}: ${box.scrollWidth} px in ${box.clientWidth}`] : [];
    }),
  );
