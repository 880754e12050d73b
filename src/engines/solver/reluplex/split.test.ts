import { describe, expect, it } from 'vitest';
import { mulberry32 } from '../../random.ts';
import { generateNetwork } from '../model/generate.ts';
import { encode } from './encoding.ts';
import { balancedEarliest } from './split.ts';

/**
 * The polarity rule on random ReLU networks with random bounds on every b: the pair it picks is an
 * undecided ReLU (lo < 0 < hi, not fixed) of the earliest layer that has one, and no other
 * undecided ReLU of that layer is more balanced; with every ReLU decided it picks none.
 */
describe('balancedEarliest (the ReLU that ReluSplit splits)', () => {
  it('picks the most balanced undecided ReLU of the earliest layer with one', () => {
    for (let seed = 1; seed <= 40; seed++) {
      const random = mulberry32(seed);
      const net = generateNetwork({ preset: 'random', seed, hidden: [3, 4, 3], activation: 'relu', inputs: 2, outputs: 2 }).network;
      const c = { lo: Float64Array.from([-1, -1]), hi: Float64Array.from([1, 1]), constraints: [{ coeffs: Float64Array.from([1, -1]), rhsLo: 0, rhsHi: 0, strict: false }] };
      const enc = encode(net, c);
      const lo = new Float64Array(enc.count);
      const hi = new Float64Array(enc.count);
      const fixed = new Int8Array(enc.pairs.length);
      enc.pairs.forEach((p, i) => {
        lo[p.b] = random() * 4 - 3;
        hi[p.b] = lo[p.b]! + random() * 4;
        fixed[i] = random() < 0.3 ? (random() < 0.5 ? 1 : -1) : 0;
      });
      const open = enc.pairs.map((p, i) => i).filter((i) => fixed[i] === 0 && lo[enc.pairs[i]!.b]! < 0 && hi[enc.pairs[i]!.b]! > 0);
      const chosen = balancedEarliest(enc, lo, hi, fixed);
      if (open.length === 0) {
        expect(chosen).toBe(-1);
        continue;
      }
      expect(open).toContain(chosen);
      const layer = (i: number) => enc.table.layer[enc.pairs[i]!.b]!;
      const score = (i: number) => Math.abs(lo[enc.pairs[i]!.b]! + hi[enc.pairs[i]!.b]!) / (hi[enc.pairs[i]!.b]! - lo[enc.pairs[i]!.b]!);
      const earliest = Math.min(...open.map(layer));
      expect(layer(chosen)).toBe(earliest);
      for (const i of open) if (layer(i) === earliest) expect(score(chosen)).toBeLessThanOrEqual(score(i));
      for (const i of open) fixed[i] = 1;
      expect(balancedEarliest(enc, lo, hi, fixed)).toBe(-1);
    }
  });
});
