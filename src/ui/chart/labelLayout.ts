/**
 * Labels that cannot collide. A figure lays out its text before the browser can measure it (and
 * the same way in an exported file), so label boxes are estimated from the text and the font
 * size, generously: bold capitals of the UI font are `BOLD_EM` of the size wide, a line is
 * `LINE_EM` of it tall. Boxes are centred on their anchors.
 */
export const BOLD_EM = 0.8;
export const LINE_EM = 1.2;

export interface LabelBox {
  x: number;
  y: number;
  width: number;
  height: number;
}

/** The box of a label centred on (x, y): `em` is the text's width per character, in font sizes. */
export const labelBox = (x: number, y: number, text: string, fontSize: number, em = BOLD_EM): LabelBox => ({
  x,
  y,
  width: text.length * fontSize * em,
  height: fontSize * LINE_EM,
});

/** Whether two centred boxes share any area, with `gap` px of clear space required between them. */
export const boxesOverlap = (a: LabelBox, b: LabelBox, gap = 0): boolean =>
  Math.abs(a.x - b.x) * 2 < a.width + b.width + 2 * gap && Math.abs(a.y - b.y) * 2 < a.height + b.height + 2 * gap;

/** The pairs (i < j) of boxes that overlap. Quadratic, for the tens to hundreds of labels of one figure. */
export function collisions(boxes: readonly LabelBox[], gap = 0): [number, number][] {
  const found: [number, number][] = [];
  for (let i = 0; i < boxes.length; i++) for (let j = i + 1; j < boxes.length; j++) if (boxesOverlap(boxes[i]!, boxes[j]!, gap)) found.push([i, j]);
  return found;
}

/**
 * The largest font size in [min, max] (in steps of `step`) at which labels centred on their
 * anchors do not collide; `min` when even that collides (the caller then spaces the anchors out).
 */
export function largestFittingSize(anchors: readonly { x: number; y: number; text: string }[], min: number, max: number, gap = 1, step = 0.5): number {
  for (let size = max; size > min; size -= step) {
    if (collisions(anchors.map((a) => labelBox(a.x, a.y, a.text, size)), gap).length === 0) return size;
  }
  return min;
}

/**
 * Boxes in one row, kept in order: each as near its wanted centre as the others allow, with `gap`
 * px between neighbours and all inside [from, to] when they fit there (two sweeps: push right
 * past each left neighbour, then pull left inside the end and past each right neighbour, then
 * shift the whole row right if the pull left went past `from`).
 */
export function spreadRow(wanted: readonly number[], widths: readonly number[], gap: number, from: number, to: number): number[] {
  const x = wanted.map((w, i) => Math.max(w, from + widths[i]! / 2));
  for (let i = 1; i < x.length; i++) x[i] = Math.max(x[i]!, x[i - 1]! + (widths[i - 1]! + widths[i]!) / 2 + gap);
  for (let i = x.length - 1; i >= 0; i--) {
    const limit = i === x.length - 1 ? to - widths[i]! / 2 : x[i + 1]! - (widths[i]! + widths[i + 1]!) / 2 - gap;
    x[i] = Math.min(x[i]!, limit);
  }
  const under = x.length ? from - (x[0]! - widths[0]! / 2) : 0;
  return under > 0 ? x.map((v) => v + under) : x;
}
