import type { RestartPolicy } from '../api.ts';

/** When to restart: asked after every conflict with that conflict's learnt-clause LBD and the trail's size at the conflict. */
export interface Restarts {
  conflict(lbd: number, trailSize: number): boolean;
}

/** The Luby sequence 1 1 2 1 1 2 4 1 1 2 ... (Luby, Sinclair, Zuckerman 1993), as MiniSat computes it. */
export function luby(i: number): number {
  let size = 1;
  let seq = 0;
  while (size < i + 1) {
    seq++;
    size = 2 * size + 1;
  }
  let x = i;
  while (size - 1 !== x) {
    size = (size - 1) >> 1;
    seq--;
    x = x % size;
  }
  return 2 ** seq;
}

class LubyRestarts implements Restarts {
  private run = 0;
  private left: number;
  constructor(private readonly unit: number) {
    this.left = unit * luby(0);
  }
  conflict(): boolean {
    if (--this.left > 0) return false;
    this.left = this.unit * luby(++this.run);
    return true;
  }
}

/** The mean of the last `n` values pushed (Glucose's bounded queue). */
class MovingAverage {
  private readonly values: Int32Array;
  private filled = 0;
  private at = 0;
  private sum = 0;
  constructor(n: number) {
    this.values = new Int32Array(n);
  }
  push(x: number): void {
    const n = this.values.length;
    this.sum += x - (this.filled === n ? this.values[this.at]! : 0);
    this.values[this.at] = x;
    this.at = (this.at + 1) % n;
    if (this.filled < n) this.filled++;
  }
  full(): boolean {
    return this.filled === this.values.length;
  }
  mean(): number {
    return this.sum / this.filled;
  }
  clear(): void {
    this.filled = 0;
    this.sum = 0;
  }
}

/**
 * Glucose's dynamic restarts (Audemard & Simon, IJCAI'09 / SAT'12): restart when the LBDs of the
 * last 50 learnt clauses are, on average, worse than the run's average by the factor 1/K = 1/0.8;
 * and block restarts (SAT'12) while the trail at a conflict is longer than 1.4 times the average
 * of the last 5000 trails: the search is then probably near a model, so it is not thrown away.
 */
class GlucoseRestarts implements Restarts {
  private readonly recent = new MovingAverage(50);
  private readonly trails = new MovingAverage(5000);
  private total = 0;
  private count = 0;
  conflict(lbd: number, trailSize: number): boolean {
    this.total += lbd;
    this.count++;
    this.trails.push(trailSize);
    this.recent.push(lbd);
    if (!this.recent.full()) return false;
    if (this.count > 10_000 && this.trails.full() && trailSize > 1.4 * this.trails.mean()) {
      this.recent.clear();
      return false;
    }
    if (this.recent.mean() * 0.8 <= this.total / this.count) return false;
    this.recent.clear();
    return true;
  }
}

export function makeRestarts(policy: RestartPolicy): Restarts {
  if (policy === 'luby') return new LubyRestarts(100);
  if (policy === 'glucose') return new GlucoseRestarts();
  return { conflict: () => false };
}
