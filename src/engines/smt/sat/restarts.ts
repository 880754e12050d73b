import type { RestartPolicy } from '../api.ts';

/** When to restart: asked after every conflict with that conflict's learnt-clause LBD. */
export interface Restarts {
  conflict(lbd: number): boolean;
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

/**
 * Glucose's dynamic restarts (Audemard & Simon, IJCAI'09 / SAT'12): restart when the LBDs of the
 * last 50 learnt clauses are, on average, worse than the run's average by the factor 1/K.
 */
class GlucoseRestarts implements Restarts {
  private readonly window = new Int32Array(50);
  private filled = 0;
  private at = 0;
  private recent = 0;
  private total = 0;
  private count = 0;
  conflict(lbd: number): boolean {
    this.total += lbd;
    this.count++;
    this.recent += lbd - (this.filled === this.window.length ? this.window[this.at]! : 0);
    this.window[this.at] = lbd;
    this.at = (this.at + 1) % this.window.length;
    if (this.filled < this.window.length) this.filled++;
    if (this.filled < this.window.length) return false;
    if ((this.recent / this.window.length) * 0.8 <= this.total / this.count) return false;
    this.filled = 0;
    this.recent = 0;
    return true;
  }
}

export function makeRestarts(policy: RestartPolicy): Restarts {
  if (policy === 'luby') return new LubyRestarts(100);
  if (policy === 'glucose') return new GlucoseRestarts();
  return { conflict: () => false };
}
