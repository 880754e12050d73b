import { describe, expect, it } from 'vitest';
import { flowLegend, textWidth, wrapWords } from './wrap.ts';

describe('wrapWords', () => {
  it('keeps every word, in order, and every line within the width unless one word is wider', () => {
    const text = 'Left to right: steps of the schedule. Where schedules reach the same configuration, they merge.';
    const lines = wrapWords(text, 200, 12);
    expect(lines.join(' ')).toBe(text);
    expect(lines.length).toBeGreaterThan(1);
    for (const l of lines) expect(textWidth(l, 12)).toBeLessThanOrEqual(200);
    expect(wrapWords('supercalifragilistic a', 30, 12)).toEqual(['supercalifragilistic', 'a']);
    expect(wrapWords('', 100, 12)).toEqual([]);
  });
});

describe('flowLegend', () => {
  it('starts a new row when an entry would pass the width, and never overlaps entries in a row', () => {
    const labels = ['moved (P put · G get · F freeze)', 'ready', 'blocked'];
    const wide = flowLegend(labels, 1000, 12);
    expect(wide.rows).toBe(1);
    const narrow = flowLegend(labels, 250, 12);
    expect(narrow.rows).toBe(2);
    expect(narrow.map((p) => p.row)).toEqual([0, 1, 1]);
    expect(narrow[2]!.x).toBeGreaterThan(narrow[1]!.x + textWidth('ready', 12));
  });
});
