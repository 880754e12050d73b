import type { BackSubstitution, PassTrace } from '../bounds/backSubstitution.ts';
import type { SplitMultipliers } from '../bounds/betaCrown.ts';
import type { NetworkBounds, Phases } from '../bounds/networkBounds.ts';
import type { Network } from '../model/network.ts';

/**
 * Which ReLU a subdomain of activation branch and bound splits on (heuristics: nothing here needs
 * to be sound).
 *  - `babsr`: BaBSR's intercept score (Bunel, Lu, Turkaslan, Torr, Kohli, Kumar, JMLR 2020). An
 *    undecided ReLU on [l, u] whose output has coefficient ν < 0 in the bound enters it through the
 *    upper line's intercept, costing |ν|·(−l·u)/(u − l); splitting removes that cost. Where ν > 0
 *    the lower line costs at most ν·min(−l, u) at the worst point, counted at a tenth (it is rarely reached).
 *  - `fsb`: filtered smart branching (De Palma et al., ICLR 2021): the best few by that score, each
 *    tried by bounding both children with the parent's multipliers; the split whose weaker child
 *    is strongest wins.
 */
export type Branching = 'babsr' | 'fsb';

/** Candidates FSB bounds (two passes each). */
const FSB_CANDIDATES = 4;

export interface Pick {
  layer: number;
  neuron: number;
}

export function chooseNeuron(branching: Branching, net: Network, back: BackSubstitution, bounds: NetworkBounds, lo: ArrayLike<number>, hi: ArrayLike<number>, phases: Phases, c: ArrayLike<number>, m: SplitMultipliers): Pick | undefined {
  const trace: PassTrace = { alpha: m.alpha, beta: m.beta, weight: net.layers.map((l) => new Float64Array(l.outSize)) };
  back.lowerBound(bounds, lo, hi, c, undefined, trace);
  const ranked = rank(net, bounds, phases, trace.weight, branching === 'fsb' ? FSB_CANDIDATES : 1);
  if (ranked.length <= 1) return ranked[0];
  let best = ranked[0]!;
  let bestValue = -Infinity;
  for (const p of ranked) {
    const l = bounds.lo[p.layer]!;
    const u = bounds.hi[p.layer]!;
    const [l0, u0] = [l[p.neuron]!, u[p.neuron]!];
    u[p.neuron] = 0;
    const inactive = back.lowerBound(bounds, lo, hi, c, undefined, { alpha: m.alpha, beta: m.beta, weight: trace.weight });
    u[p.neuron] = u0;
    l[p.neuron] = 0;
    const active = back.lowerBound(bounds, lo, hi, c, undefined, { alpha: m.alpha, beta: m.beta, weight: trace.weight });
    l[p.neuron] = l0;
    const value = Math.min(inactive, active);
    if (value > bestValue) {
      bestValue = value;
      best = p;
    }
  }
  return best;
}

/** The `count` undecided, unsplit ReLUs with the highest scores, best first (ties: the earlier neuron). */
function rank(net: Network, bounds: NetworkBounds, phases: Phases, weight: Float64Array[], count: number): Pick[] {
  const picks: { pick: Pick; score: number }[] = [];
  let offset = 0;
  net.layers.forEach((layer, k) => {
    if (layer.activation === 'relu') {
      const lo = bounds.lo[k]!;
      const hi = bounds.hi[k]!;
      for (let j = 0; j < layer.outSize; j++) {
        const l = lo[j]!;
        const u = hi[j]!;
        if (phases[offset + j] !== 0 || !(l < 0 && u > 0)) continue;
        const nu = weight[k]![j]!;
        const score = nu < 0 ? (-nu * -l * u) / (u - l) : 0.1 * nu * Math.min(-l, u);
        if (picks.length < count || score > picks[picks.length - 1]!.score) {
          picks.push({ pick: { layer: k, neuron: j }, score });
          picks.sort((a, b) => b.score - a.score);
          if (picks.length > count) picks.pop();
        }
      }
    }
    offset += layer.outSize;
  });
  return picks.map((p) => p.pick);
}
