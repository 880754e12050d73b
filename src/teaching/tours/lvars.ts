import { on, tour } from './define.ts';

/** LVish (POPL'14, PLDI'14): state that only grows, threshold reads, freeze and its price, quiesce. */
export const lvarsTour = tour('LVars: determinism by sharing nicely', [
  on(
    'lvars/shopping-cart',
    'An LVar is shared state that **only grows**: `insert` joins an element into the set, so two threads writing in any order reach the same cart.',
    { target: 'LVish program', mark: 'insert("apple", cart)' },
  ),
  on(
    'lvars/shopping-cart',
    'The explorer runs **every schedule** on the real interpreter: all of them end with the same cart. That is the determinism guarantee.',
    { target: 'Outcomes', mark: 'Deterministic' },
  ),
  on(
    'lvars/nat-max',
    'Writes are joins in a lattice: here natural numbers under `max`. The state moves only **up** the Hasse diagram.',
    { target: 'Lattice of best' },
  ),
  on(
    'lvars/threshold-reads',
    'A **threshold read** waits until the LVar is at least one of the thresholds and returns the threshold, not the state: the race on the other component cannot be seen.',
    { target: 'LVish program', mark: 'let first = get(p' },
  ),
  on(
    'lvars/write-after-freeze',
    '`freeze` reads the exact state, at a price: a write that comes after it is an error. Some schedules fail, but none returns a different value: **quasi-determinism** (Theorem 1).',
    { target: 'Outcomes', mark: 'Quasi-deterministic' },
  ),
  on(
    'lvars/traversal',
    'The traversal: a handler visits every reachable node, `quiesce` waits until no handler is left running, and only then `freeze` reads the set.',
    { target: 'LVish program', mark: 'quiesce(h);' },
  ),
  on(
    'lvars/traversal',
    'With quiesce, every schedule freezes the same set {1, 2, 3, 4}.',
    { target: 'Outcomes', mark: 'Deterministic' },
  ),
  on(
    'lvars/freeze-without-quiesce',
    'Without quiesce, freeze can race with a handler: some schedules end in an error, yet never in a different set.',
    { target: 'Outcomes', mark: 'Quasi-deterministic' },
  ),
]);
