import { describe, expect, it } from 'vitest';
import { mulberry32 } from '../../random.ts';
import { intervalBounds } from '../bounds/networkBounds.ts';
import { generateNetwork } from '../model/generate.ts';
import { activate } from '../model/network.ts';
import { encode } from './encoding.ts';
import { startBounds } from './layers.ts';
import { tighten } from './tightening.ts';

/**
 * Bound tightening on random ReLU networks, at the root and in a random sub-box: every variable of
 * the encoding (b, f, aux = f − b, the triangle's upper = f − λ·b, the spec rows) takes, at every
 * sampled input of the sub-box, a value inside the bounds tightening derived for it.
 */
describe('tighten (Reluplex bound tightening)', () => {
  it('keeps every sampled point of a sub-box inside the bounds it derives', () => {
    for (let seed = 1; seed <= 30; seed++) {
      const random = mulberry32(seed);
      const net = generateNetwork({ preset: 'random', seed, hidden: [4, 5, 4], activation: 'relu', inputs: 2, outputs: 2 }).network;
      const root = { lo: Float64Array.from([-1, -1]), hi: Float64Array.from([1, 1]), constraints: [{ coeffs: Float64Array.from([1, -1]), rhsLo: -1e9, rhsHi: 1e9, strict: false }] };
      const enc = encode(net, root, intervalBounds(net, root.lo, root.hi));
      expect(enc.pairs.some((p) => p.upper >= 0)).toBe(true);
      const a = [random() * 2 - 1, random() * 2 - 1];
      const b = [random() * 2 - 1, random() * 2 - 1];
      const box = { ...root, lo: Float64Array.from([0, 1], (i) => Math.min(a[i]!, b[i]!)), hi: Float64Array.from([0, 1], (i) => Math.max(a[i]!, b[i]!)) };
      const { lo, hi } = startBounds(enc, box, intervalBounds(net, box.lo, box.hi));
      expect(tighten(enc, lo, hi).empty).toBe(-1);
      const outside: string[] = [];
      for (let sample = 0; sample < 200; sample++) {
        const value = new Float64Array(enc.count);
        enc.inputs.forEach((v, i) => (value[v] = box.lo[i]! + random() * (box.hi[i]! - box.lo[i]!)));
        // The rows in order are the network's layers and then the spec: each defines its row variable.
        for (const row of enc.rows) {
          let s = row.rhs;
          for (let e = 1; e < row.vars.length; e++) s -= row.coeffs[e]! * value[row.vars[e]!]!;
          value[row.rowVar] = s;
          const p = enc.pairOfB[row.rowVar]!;
          if (p >= 0) value[enc.pairs[p]!.f] = activate(enc.pairs[p]!.kind, s);
        }
        for (let v = 0; v < enc.count; v++) {
          if (value[v]! < lo[v]! - 1e-9 * (1 + Math.abs(lo[v]!)) || value[v]! > hi[v]! + 1e-9 * (1 + Math.abs(hi[v]!))) outside.push(`seed ${seed}: variable ${v} = ${value[v]} outside [${lo[v]}, ${hi[v]}]`);
        }
      }
      expect(outside).toEqual([]);
    }
  });
});
