import * as d3 from 'd3';
import { describe, expect, it } from 'vitest';
import { Fate } from '../engines/solver/trace/tree.ts';
import { OKABE_ITO, seriesStyle } from '../ui/chart/palette.tsx';
import { FAMILIES } from './dynamo/views/messageStyle.ts';
import { VERSION_ROLES } from './dynamo/views/versionKey.tsx';
import { BACKENDS } from './kernels/backends.tsx';
import { fateCategory, OUTPUT_COLORS, PHASE_COLORS } from './solver/colors.ts';
import { ROLE } from './smt/views/palette.ts';
import { fillPattern, PATTERNS } from '../ui/chart/patterns.ts';

const OKABE = new Set<string>(Object.values(OKABE_ITO));

/** Every series in a categorical view: its colour and its second cue (a shape, a dash, a symbol). */
function expectDistinct(name: string, series: readonly { color: string; cue: unknown }[]) {
  const pairs = series.map((s) => JSON.stringify([s.color.toLowerCase(), s.cue]));
  expect(new Set(pairs).size, `${name}: a distinct (colour, cue) pair each`).toBe(series.length);
  // The cue alone tells them apart too (a projector that washes colours out, a grey print).
  expect(new Set(series.map((s) => JSON.stringify(s.cue))).size, `${name}: a distinct cue each`).toBe(series.length);
  for (const s of series) expect(OKABE.has(s.color), `${name}: ${s.color} is an Okabe–Ito colour`).toBe(true);
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
});
