import { exactProduct, exactSum } from './exact.ts';
import { down, up } from './rounding.ts';

/** A closed interval of reals [lo, hi] that is known to contain the exact value. */
export interface Interval {
  lo: number;
  hi: number;
}

export const point = (v: number): Interval => ({ lo: v, hi: v });

/** Interval arithmetic with outward rounding (each result encloses the exact real result). */
export function iadd(a: Interval, b: Interval): Interval {
  const lo = exactSum(a.lo, b.lo);
  const hi = exactSum(a.hi, b.hi);
  return { lo: lo.exact ? lo.value : down(lo.value), hi: hi.exact ? hi.value : up(hi.value) };
}

export const ineg = (a: Interval): Interval => ({ lo: -a.hi, hi: -a.lo });

export function imul(a: Interval, b: Interval): Interval {
  if (a.lo === a.hi && b.lo === b.hi) {
    const p = exactProduct(a.lo, b.lo);
    return p.exact ? point(p.value) : { lo: down(p.value), hi: up(p.value) };
  }
  const products = [a.lo * b.lo, a.lo * b.hi, a.hi * b.lo, a.hi * b.hi];
  return { lo: down(Math.min(...products)), hi: up(Math.max(...products)) };
}

/** a / b for an interval b that does not contain 0. */
export function idiv(a: Interval, b: Interval): Interval {
  if (b.lo <= 0 && b.hi >= 0) throw new Error('interval division by an interval containing zero');
  const quotients = [a.lo / b.lo, a.lo / b.hi, a.hi / b.lo, a.hi / b.hi];
  const exact = b.lo === b.hi && (b.lo === 1 || b.lo === -1);
  const lo = Math.min(...quotients);
  const hi = Math.max(...quotients);
  return exact ? { lo, hi } : { lo: down(lo), hi: up(hi) };
}
