import type { NetworkModel } from '../../engines/solver/model/network.ts';
import type { Spec } from '../../engines/solver/model/spec.ts';
import type { SliceSettings } from './scenario.ts';

/**
 * The rectangle an input-space slice shows, and the point it cuts through, in the property's
 * units: zoomed to the property's box (with a margin), or the whole input range the network
 * knows (its .nnet minimum and maximum), and the other inputs at the counterexample, the user's
 * values, or the box centre.
 */
export interface SliceFrame {
  xRange: [number, number];
  yRange: [number, number];
  fixed: number[];
}

export function sliceFrame(model: NetworkModel, spec: Spec | undefined, units: 'network' | 'original', settings: SliceSettings, counterexample: number[] | undefined): SliceFrame {
  const n = model.network.inputSize;
  const hull = (dim: number): [number, number] => {
    if (settings.zoom === 'full' && units === 'original' && model.scaling) return [model.scaling.inputMin[dim]!, model.scaling.inputMax[dim]!];
    if (!spec || spec.cases.length === 0) return [-1, 1];
    let lo = Infinity;
    let hi = -Infinity;
    for (const c of spec.cases) {
      lo = Math.min(lo, c.loIn[dim]!);
      hi = Math.max(hi, c.hiIn[dim]!);
    }
    const pad = hi > lo ? (hi - lo) * 0.15 : Math.max(1e-3, Math.abs(lo) * 0.05);
    let a = lo - pad;
    let b = hi + pad;
    if (settings.zoom === 'full') {
      a = lo - (hi - lo || 1);
      b = hi + (hi - lo || 1);
    }
    if (units === 'original' && model.scaling) {
      a = Math.max(a, model.scaling.inputMin[dim]!);
      b = Math.min(b, model.scaling.inputMax[dim]!);
      if (!(b > a)) [a, b] = [lo - pad, hi + pad];
    }
    return [a, b];
  };
  const first = spec?.cases[0];
  const fixed = Array.from({ length: n }, (_, i) =>
    settings.fixed.length === n ? settings.fixed[i]! : counterexample ? counterexample[i]! : first ? (first.loIn[i]! + first.hiIn[i]!) / 2 : 0,
  );
  return { xRange: hull(settings.x), yRange: hull(settings.y), fixed };
}
