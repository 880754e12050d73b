/**
 * When branch and bound descends from a subdomain's corner (falsification.ts attackFrom): every
 * `first`-th subdomain at first; a descent that does not lower the least violation the attacks have
 * reached on the case doubles the gap (up to `most`), one that lowers it brings the gap back to
 * `first`. Once the attacks stop gaining, the search spends its time on bounds (the subdomain
 * descents took 10-20% of a mnist-net_256x4 search), and a case whose margin still falls keeps its
 * attacks. A function of the violations seen, so the search stays deterministic.
 */
export class AttackSchedule {
  private readonly best: Float64Array;
  private gap: number;
  private next: number;

  constructor(
    cases: number,
    private readonly first: number,
    private readonly most: number,
  ) {
    this.best = new Float64Array(cases).fill(Infinity);
    this.gap = first;
    this.next = first;
  }

  /** The search turns to a case at subdomain count `nodes`: the first gap again. */
  startCase(nodes: number): void {
    this.gap = this.first;
    this.next = nodes + this.first;
  }

  /** Whether the subdomain counted `nodes` gets a descent. */
  due(nodes: number): boolean {
    return nodes >= this.next;
  }

  /** A descent on case `ci` (at the root or in the search) reached violation `value`; `nodes` schedules the next. */
  observe(ci: number, value: number, nodes: number, inSearch: boolean): void {
    const lowered = value < this.best[ci]!;
    if (lowered) this.best[ci] = value;
    if (!inSearch) return;
    this.gap = lowered ? this.first : Math.min(this.most, 2 * this.gap);
    this.next = nodes + this.gap;
  }
}
