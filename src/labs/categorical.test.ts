import * as d3 from 'd3';
import { describe, expect, it } from 'vitest';
import { Fate } from '../engines/solver/trace/tree.ts';
import { OKABE_ITO, seriesStyle } from '../ui/chart/palette.tsx';
import { FAMILIES } from './dynamo/views/messageStyle.ts';
import { VERSION_ROLES } from './dynamo/views/versionKey.tsx';
import { BACKENDS } from './kernels/backends.tsx';
import { fateCategory, OUTPUT_COLORS, PHASE_COLORS, PHASE_PATTERNS } from './solver/colors.ts';
import { ROLE } from './smt/views/palette.ts';
import { fillPattern, PATTERNS } from '../ui/chart/patterns.ts';
import type { OutcomeSummary } from '../engines/lvars/explore/outcome.ts';
import { outcomeCategory } from './lvars/views/ScheduleTree.tsx';
import { SIDE_LOOK } from './smt/views/ImplicationGraph.tsx';
import { confusedPairs } from '../testing/colorVision.ts';

const OKABE = new Set<string>(Object.values(OKABE_ITO));

/** Every series in a categorical view: its colour and its second cue (a shape, a dash, a symbol). */
function expectDistinct(name: string, series: readonly { color: string; cue: unknown }[]) {
  const pairs = series.map((s) => JSON.stringify([s.color.toLowerCase(), s.cue]));
  expect(new Set(pairs).size, `${name}: a distinct (colour, cue) pair each`).toBe(series.length);
  // The cue alone tells them apart too (a projector that washes colours out, a grey print).
  expect(new Set(series.map((s) => JSON.stringify(s.cue))).size, `${name}: a distinct cue each`).toBe(series.length);
  for (const s of series) expect(OKABE.has(s.color), `${name}: ${s.color} is an Okabe–Ito colour`).toBe(true);
}

/**
 * The least CIE76 ΔE*ab between two colours of one palette, in normal vision and under a simulated
 * protanopia, deuteranopia and tritanopia (Machado et al. 2009): 15 is several times a noticeable
 * difference (2.3) and holds for every pair of Okabe–Ito's eight under all three (the least is 16.1,
 * sky blue against bluish green for a tritanope).
 */
const APART = 15;

/** Every pair of the palette's colours stays apart under every simulated colour vision. */
function expectApart(palette: readonly { name: string; color: string }[]) {
  expect(confusedPairs(palette, APART)).toEqual([]);
}

describe('categorical colours', () => {
  it("the palette's series differ in colour, shape and dash for eight in a row", () => {
    const eight = Array.from({ length: 8 }, (_, i) => seriesStyle(i));
    expect(new Set(eight.map((s) => s.color)).size).toBe(8);
    expect(new Set(eight.map((s) => s.dash)).size).toBe(8);
    expectDistinct('series', eight.map((s) => ({ color: s.color, cue: [s.shape, s.dash] })));
  });
  it("Dynamo's message families each have a colour and a shape", () => {
    expect(new Set(FAMILIES.map((f) => f.color)).size).toBe(FAMILIES.length);
    // Every message kind its own shape too, gossip included: a diagram with gossip on is read without colour.
    expectDistinct('message families', FAMILIES.map((f) => ({ color: f.color, cue: f.shape })));
  });
  it("Dynamo's version roles (latest, merge) each have a colour and a shape", () => {
    expectDistinct('version roles', VERSION_ROLES.map((r) => ({ color: r.color, cue: r.shape })));
  });
  it("the solver's fates each have a colour and a shape of their own", () => {
    const decided = [Fate.verified, Fate.infeasible, Fate.counterexample, Fate.spurious, Fate.stopped].map(fateCategory);
    expectDistinct('fates', decided.map((c) => ({ color: c.color, cue: c.shape })));
  });
  it("the solver's input-space regions each have a colour and a fill pattern", () => {
    expect(new Set(PATTERNS.map((p) => p.d)).size).toBe(PATTERNS.length);
    expectDistinct('slice regions', OUTPUT_COLORS.map((color, i) => ({ color, cue: fillPattern(i).name })));
  });
  it("the kernels' backends each have a colour and a marker", () => {
    expectDistinct('backends', BACKENDS.map((b) => ({ color: b.color, cue: d3.symbol(b.symbol, 64)() })));
  });
  it("the solver's outputs and phases, and SAT/SMT's roles, take Okabe–Ito colours", () => {
    expect(new Set(OUTPUT_COLORS).size).toBe(OUTPUT_COLORS.length);
    for (const c of [...OUTPUT_COLORS, PHASE_COLORS.active, PHASE_COLORS.inactive, ...Object.values(ROLE)]) expect(OKABE.has(c)).toBe(true);
  });
  it("LVars' outcomes (an error, running forever, every value) each have a colour and a shape, whatever their number", () => {
    const outcome = (kind: OutcomeSummary['kind'], k: number) => ({ key: `${kind}${k}`, kind, text: `${kind} ${k}`, schedules: 1 }) as unknown as OutcomeSummary;
    // Up to six values beside an error and a run that diverges: all eight told apart by colour and by shape alone.
    for (let values = 2; values <= 6; values++) {
      const outcomes = [outcome('error', 0), outcome('diverges', 0), ...Array.from({ length: values }, (_, k) => outcome('value', k))];
      expectDistinct(`outcomes with ${values} values`, outcomes.map((_, i) => outcomeCategory(outcomes, i)).map((c) => ({ color: c.color, cue: c.shape })));
    }
  });
  it("SAT/SMT's implication graph tells the cut's two sides by a fill pattern as well as colour", () => {
    const sides = Object.values(SIDE_LOOK);
    expectDistinct('implication sides', sides.map((s) => ({ color: s.color, cue: s.pattern })));
  });
  it("the solver's decided ReLU phases differ by a fill pattern as well as colour", () => {
    expectDistinct('phases', [
      { color: PHASE_COLORS.active, cue: PHASE_PATTERNS.active.name },
      { color: PHASE_COLORS.inactive, cue: PHASE_PATTERNS.inactive.name },
    ]);
  });

  describe('stay apart under protanopia, deuteranopia and tritanopia', () => {
    const named = (colors: readonly string[], names: readonly string[] = colors) => colors.map((color, i) => ({ name: names[i] ?? color, color }));
    it("in the palette's eight series", () => expectApart(named(Array.from({ length: 8 }, (_, i) => seriesStyle(i).color))));
    it("in Dynamo's message families and version roles", () => {
      expectApart(FAMILIES.map((f) => ({ name: f.id, color: f.color })));
      expectApart(VERSION_ROLES.map((r) => ({ name: r.id, color: r.color })));
    });
    it("in the solver's fates, open and split included", () => {
      const fates = [Fate.open, Fate.split, Fate.verified, Fate.infeasible, Fate.counterexample, Fate.spurious, Fate.stopped];
      expectApart(fates.map((f) => ({ name: `fate ${f}`, color: fateCategory(f).color })));
      // Open and split are told by shape as well (an open node waits as its own mark).
      expect(new Set(fates.map((f) => fateCategory(f).shape)).size).toBe(fates.length);
    });
    it("in the solver's outputs and its ReLU phases (undecided included)", () => {
      expectApart(named(OUTPUT_COLORS));
      expectApart(named(Object.values(PHASE_COLORS), Object.keys(PHASE_COLORS)));
    });
    it("in the kernels' backends", () => expectApart(BACKENDS.map((b) => ({ name: b.id, color: b.color }))));
    it("in SAT/SMT's roles and the implication graph's sides", () => {
      expectApart(named([...new Set(Object.values(ROLE))]));
      expectApart(Object.entries(SIDE_LOOK).map(([name, s]) => ({ name, color: s.color })));
    });
    it("in LVars' outcomes, with up to six values beside an error and a run that diverges", () => {
      const outcome = (kind: OutcomeSummary['kind'], k: number) => ({ key: `${kind}${k}`, kind, text: `${kind} ${k}`, schedules: 1 }) as unknown as OutcomeSummary;
      const outcomes = [outcome('error', 0), outcome('diverges', 0), ...Array.from({ length: 6 }, (_, k) => outcome('value', k))];
      expectApart(outcomes.map((o, i) => ({ name: o.key, color: outcomeCategory(outcomes, i).color })));
    });
  });
});
