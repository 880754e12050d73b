import { InputError } from '../../contract.ts';
import { mulberry32 } from '../../random.ts';
import type { KernelsConfig } from '../api.ts';
import type { DomainProgram } from '../ir/domain.ts';
import type { Arr, ProgramInputs } from '../backends/types.ts';
import type { RunSizes } from '../backends/sizes.ts';
import { imageInput } from './images.ts';

/**
 * Seeded inputs. ParallelAccelerator's Black-Scholes driver fills sptprice = 42, strike = 40 + i/N,
 * rate = 0.5, volatility = 0.2, time = 0.5; we draw each element uniformly from a band around that
 * value (so that the options differ), with Mulberry32 seeded per parameter. Other names get [0, 1).
 * Scalar parameters default to the band's middle, integers (iteration counts) to 10.
 */
export const NAME_RANGES: { pattern: RegExp; lo: number; hi: number }[] = [
  { pattern: /^(sptprice|price|spot|s|s0)$/i, lo: 40, hi: 44 },
  { pattern: /^(strike|k|initstrike)$/i, lo: 40, hi: 41 },
  { pattern: /^(rate|r)$/i, lo: 0.45, hi: 0.55 },
  { pattern: /^(volatility|vol|sigma)$/i, lo: 0.15, hi: 0.25 },
  { pattern: /^(time|t|expiry|maturity)$/i, lo: 0.25, hi: 0.75 },
];
export const DEFAULT_RANGE = { lo: 0, hi: 1 };
export const DEFAULT_ITERATIONS = 10;

export function rangeFor(name: string): { lo: number; hi: number } {
  return NAME_RANGES.find((r) => r.pattern.test(name)) ?? DEFAULT_RANGE;
}

/** The stream of parameter k: independent of the others, the same for the same (seed, k). */
const streamFor = (seed: number, k: number) => mulberry32((seed + Math.imul(k + 1, 0x9e3779b9)) >>> 0);

export function makeInputs(p: DomainProgram, config: KernelsConfig, n: number, seed: number): { inputs: ProgramInputs; sizes: RunSizes } {
  const image = imageInput(config.image);
  const sizes: RunSizes = { n, width: image.width, height: image.height, scalars: new Map() };
  const arrays = new Map<number, Arr>();
  const scalars = new Map<number, number>();
  p.params.forEach((param, k) => {
    const v = p.ops.find((op) => op.kind === 'input' && op.param === param.name)!;
    const result = (v as { result: number }).result;
    const elem = p.values[result]!.elem;
    if (param.kind === 'scalar') {
      const given = config.params?.[param.name];
      const value = given ?? (param.integer ? DEFAULT_ITERATIONS : (rangeFor(param.name).lo + rangeFor(param.name).hi) / 2);
      if (!Number.isFinite(value) || (param.integer && !Number.isInteger(value)))
        throw new InputError(`The parameter ${param.name} needs a ${param.integer ? 'whole ' : ''}number, not ${value}.`, param.at);
      scalars.set(result, value);
      sizes.scalars.set(result, value);
    } else if (param.kind === 'image') {
      arrays.set(result, elem === 'f32' ? image.pixels.slice() : Float64Array.from(image.pixels));
    } else {
      const { lo, hi } = rangeFor(param.name);
      const next = streamFor(seed, k);
      const a = elem === 'f32' ? new Float32Array(n) : new Float64Array(n);
      for (let i = 0; i < n; i++) a[i] = lo + (hi - lo) * next();
      arrays.set(result, a);
    }
  });
  return { inputs: { arrays, scalars }, sizes };
}
