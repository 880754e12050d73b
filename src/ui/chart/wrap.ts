/**
 * Lines of SVG text that fit a width. SVG text does not wrap, and a figure must lay out before the
 * browser can measure it (and the same way in an exported file), so widths are estimated: a
 * character of the sans-serif UI font is at most `CHAR_EM` of the font size wide on average, so
 * a line estimated to fit does fit.
 */
export const CHAR_EM = 0.6;

/** The estimated width in px of `text` at `fontSize`. */
export const textWidth = (text: string, fontSize: number): number => text.length * fontSize * CHAR_EM;

/** Splits `text` at spaces into lines of at most `width` px at `fontSize`; a word longer than a line gets a line of its own. */
export function wrapWords(text: string, width: number, fontSize: number): string[] {
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(/\s+/).filter(Boolean)) {
    const next = line ? `${line} ${word}` : word;
    if (line && textWidth(next, fontSize) > width) {
      lines.push(line);
      line = word;
    } else line = next;
  }
  if (line) lines.push(line);
  return lines;
}

/**
 * Lays out legend entries (each a swatch of `swatch` px and a label) left to right, starting a new
 * row when the next entry would pass `width`: where each entry goes, and the rows used.
 */
export function flowLegend(labels: readonly string[], width: number, fontSize: number, swatch = fontSize): { x: number; row: number }[] & { rows: number } {
  const gap = fontSize;
  let x = 0;
  let row = 0;
  const placed = labels.map((label) => {
    const w = swatch + fontSize * 0.4 + textWidth(label, fontSize);
    if (x > 0 && x + w > width) {
      x = 0;
      row += 1;
    }
    const at = { x, row };
    x += w + gap;
    return at;
  });
  return Object.assign(placed, { rows: labels.length === 0 ? 0 : row + 1 });
}
