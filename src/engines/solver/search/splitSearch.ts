import { Ev } from '../trace/events.ts';
import { addCaseNodes, Fate } from '../trace/tree.ts';
import { emptyStats, type SearchEnv, type SearchResult } from './env.ts';

/**
 * What the two branch-and-bound searches (over input boxes, over ReLU phases) keep alike: a tree
 * node per case of the unsafe region, the count of leaves left open, why the search stopped, and
 * the verdict those give. A search holds only when every leaf closed and the budget never ran out.
 */
export abstract class SplitSearch {
  protected readonly stats = emptyStats();
  protected readonly caseNodes: number[];
  /** The node whose coverage is the whole search's: the root, or the only case. */
  protected readonly top: number;
  protected openLeaves = 0;
  protected stopped: SearchResult['stopped'];
  /** Set when some domain could not be split further (too small, too deep, or fully decided). */
  protected floorReached = false;

  protected constructor(protected readonly env: SearchEnv) {
    // Every case gets its node first (so the tree lists them in order), and falsification looks at
    // all of them before the search settles into the first: a counterexample may be in any case.
    ({ caseNodes: this.caseNodes, top: this.top } = addCaseNodes(env.tree, env.events, env.problem.cases.length));
  }

  /** The verdict once every case was searched without finding a counterexample. */
  protected settle(): SearchResult {
    const result: SearchResult = { verdict: this.openLeaves === 0 && !this.stopped ? 'holds' : 'unknown', stats: this.finishStats() };
    if (this.stopped ?? this.floorReached) result.stopped = this.stopped ?? 'precision';
    return result;
  }

  /** A violated result, closing `node` as the counterexample's leaf. */
  protected violated(node: number, anchor: number, found: NonNullable<SearchResult['counterexample']>): SearchResult {
    const { tree, events } = this.env;
    tree.decide(node, anchor, Fate.counterexample, events.next, 0);
    events.push(Ev.close, node, Fate.counterexample);
    return { verdict: 'violated', counterexample: found, stats: this.finishStats() };
  }

  private finishStats(): SearchResult['stats'] {
    const { stats, top } = this;
    stats.openLeaves = this.openLeaves;
    stats.covered = top >= 0 ? this.env.tree.coveredOf(top) : 0;
    return stats;
  }
}
