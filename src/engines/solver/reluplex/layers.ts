import type { NetworkBounds } from '../bounds/networkBounds.ts';
import type { Case } from '../model/problem.ts';
import type { SearchEnv } from '../search/env.ts';
import { Role, type Encoding } from './encoding.ts';

/**
 * Between the encoding's variables and the network's layers: the bounds a case starts from, and a
 * node's b bounds and fixed phases as the per-layer arrays that the bound propagators and the
 * views read.
 */

/** The bounds every variable starts a case with: the box, ReLU outputs and aux ≥ 0, the constraints' right-hand sides, and the case's sound bounds on every b. */
export function startBounds(enc: Encoding, c: Case, caseBounds: NetworkBounds): { lo: Float64Array; hi: Float64Array } {
  const n = enc.count;
  const lo = new Float64Array(n).fill(-Infinity);
  const hi = new Float64Array(n).fill(Infinity);
  enc.inputs.forEach((v, i) => {
    lo[v] = c.lo[i]!;
    hi[v] = c.hi[i]!;
  });
  for (const p of enc.pairs) {
    if (p.kind === 'relu') {
      lo[p.f] = 0;
      lo[p.aux] = 0;
    }
  }
  enc.specs.forEach((s, k) => (hi[s] = c.constraints[k]!.rhsHi));
  for (let v = 0; v < n; v++) {
    if (enc.table.role[v] !== Role.b) continue;
    lo[v] = caseBounds.lo[enc.table.layer[v]!]![enc.table.index[v]!]!;
    hi[v] = caseBounds.hi[enc.table.layer[v]!]![enc.table.index[v]!]!;
  }
  return { lo, hi };
}

/** The b variables' bounds as per-layer arrays (what the bound propagators read and narrow). */
export function boundsOfB(enc: Encoding, lo: Float64Array, hi: Float64Array, layers: number): NetworkBounds {
  const sizes = new Array<number>(layers).fill(0);
  for (let v = 0; v < enc.count; v++) if (enc.table.role[v] === Role.b) sizes[enc.table.layer[v]!] = Math.max(sizes[enc.table.layer[v]!]!, enc.table.index[v]! + 1);
  const out: NetworkBounds = { lo: sizes.map((s) => new Float64Array(s).fill(-Infinity)), hi: sizes.map((s) => new Float64Array(s).fill(Infinity)) };
  for (let v = 0; v < enc.count; v++) {
    if (enc.table.role[v] !== Role.b) continue;
    out.lo[enc.table.layer[v]!]![enc.table.index[v]!] = lo[v]!;
    out.hi[enc.table.layer[v]!]![enc.table.index[v]!] = hi[v]!;
  }
  return out;
}

/** Writes the pairs' fixed phases (1 active, −1 inactive, 0 undecided) into `out`, indexed by neuron across layers. */
export function phasesOf(enc: Encoding, fixed: Int8Array, offsets: number[], out: Int8Array): Int8Array {
  out.fill(0);
  enc.pairs.forEach((p, i) => (out[offsets[enc.table.layer[p.b]!]! + enc.table.index[p.b]!] = fixed[i]!));
  return out;
}

/** Records a node's bounds and phases for the views (the first nodes only; see DetailRecorder). */
export function recordDetails(env: SearchEnv, enc: Encoding, node: number, lo: Float64Array, hi: Float64Array, fixed: Int8Array, offsets: number[]): void {
  if (node < 0 || node >= env.details.cap) return;
  const layers = offsets.length - 1;
  const bounds = boundsOfB(enc, lo, hi, layers);
  const phases = phasesOf(enc, fixed, offsets, new Int8Array(offsets[layers]!));
  env.details.fromBounds(node, env.problem.network, bounds, phases);
  env.details.box(node, Float64Array.from(enc.inputs, (v) => lo[v]!), Float64Array.from(enc.inputs, (v) => hi[v]!));
}
