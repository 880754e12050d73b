import type { Highlight } from '../format/tour.ts';

const visible = (el: Element): boolean => {
  const r = el.getBoundingClientRect();
  return r.width > 0 && r.height > 0;
};

/**
 * The element a highlight names, inside `root`: the first visible element whose aria-label is
 * `target` (or, failing that, starts with it); then, with a `mark`, the line of code (a Monaco
 * view line) or the smallest element inside it whose text holds the mark. Text is compared as
 * text: a highlight from a link is never a CSS selector, so it cannot reach outside the lab.
 */
export function findTarget(root: ParentNode, highlight: Highlight): Element | undefined {
  const region = findRegion(root, highlight.target);
  if (!region || !highlight.mark) return region;
  return markWithin(region, highlight.mark);
}

/** The first visible element whose aria-label is `target`, or failing that starts with it. */
export function findRegion(root: ParentNode, target: string): Element | undefined {
  const labelled = [...root.querySelectorAll('[aria-label]')].filter(visible);
  const label = (el: Element) => el.getAttribute('aria-label') ?? '';
  return labelled.find((el) => label(el) === target) ?? labelled.find((el) => label(el).startsWith(target));
}

function markWithin(region: Element, mark: string): Element | undefined {
  // A code editor's accessible name sits on its input; its lines are drawn beside it.
  const code = region.closest('.monaco-editor') ?? region;
  const lines = [...code.querySelectorAll('.view-line')].filter(visible).sort((a, b) => a.getBoundingClientRect().top - b.getBoundingClientRect().top);
  if (lines.length > 0) return lineWith(lines, mark);
  let best: Element | undefined;
  const walk = (el: Element) => {
    if (!(el.textContent ?? '').includes(mark) || !visible(el)) return;
    best = el;
    for (const child of el.children) walk(child);
  };
  walk(region);
  // Text in a drawing names its node: ring the node's group (a version box, a tree node).
  const group = best instanceof SVGElement && !(best instanceof SVGSVGElement) ? best.closest('g') : null;
  if (group && region.contains(group) && group !== region) return group;
  // A label alone ("stale reads") is rung together with what it labels: its parent.
  const parent = best?.parentElement;
  if (best && best !== region && parent && parent !== region && best.textContent?.trim() === mark.trim()) return parent;
  return best;
}

/** How many screen lines a marked piece of code may be wrapped over. */
const WRAPPED = 3;

/** The screen line where `mark` starts, even when the editor wraps it over the next lines. */
function lineWith(lines: Element[], mark: string): Element | undefined {
  const text = lines.map((line) => (line.textContent ?? '').replace(/\u00a0/g, ' '));
  const joined = (from: number) => text.slice(from, from + WRAPPED).join('');
  return lines.find((_, i) => joined(i).includes(mark) && !(i + 1 < lines.length && text.slice(i + 1, i + WRAPPED).join('').includes(mark)));
}
