import type { Reconciliation } from '../config.ts';
import type { Siblings, Version } from './versions.ts';
import type { State } from '../../lvars/lattice/lattice.ts';

/**
 * What an object holds. One shape serves every reconciliation so versions stay monomorphic:
 * a register uses `n`; a cart uses `items`; a two-phase set uses `items` (added) and `removed`.
 * Under lattice merge (config `lattice`), `element` is the replica state and `n` and `items` are
 * what a client reads off it (lattice/values.ts); it is null otherwise.
 */
export interface Value {
  readonly n: number;
  readonly items: readonly number[];
  readonly removed: readonly number[];
  readonly element: State | null;
}

const NONE: readonly number[] = Object.freeze([]);
export const EMPTY_VALUE: Value = Object.freeze({ n: 0, items: NONE, removed: NONE, element: null });

const union = (a: readonly number[], b: readonly number[]): readonly number[] => {
  if (a.length === 0) return b;
  if (b.length === 0 || a === b) return a;
  const out: number[] = [];
  let i = 0;
  let j = 0;
  while (i < a.length || j < b.length) {
    const x = i < a.length ? a[i]! : Infinity;
    const y = j < b.length ? b[j]! : Infinity;
    if (x === y) {
      out.push(x);
      i++;
      j++;
    } else if (x < y) {
      out.push(x);
      i++;
    } else {
      out.push(y);
      j++;
    }
  }
  return out;
};

const without = (a: readonly number[], x: number): readonly number[] => (a.includes(x) ? a.filter((y) => y !== x) : a);
const withItem = (a: readonly number[], x: number): readonly number[] => (a.includes(x) ? a : union(a, [x]));

/**
 * Semantic reconciliation (SOSP'07 §4.4, §6.3): what the client makes of the siblings a read
 * returned. The result is the value the application continues from.
 * - last-write-wins: the sibling with the latest timestamp (ties by write order).
 * - shopping-cart: the union of the carts. An item deleted on one branch but present on a
 *   concurrent one comes back: "deleted items can resurface" (§4.4).
 * - lattice-max: the join of the max lattice.
 * - lattice-two-phase-set: the join of a two-phase set (union of added, union of removed), the
 *   monotone cart of the LVars lab: a removal is itself information, so it survives the merge.
 */
export function reconcile(policy: Reconciliation, siblings: Siblings): Value {
  if (siblings.length === 0) return EMPTY_VALUE;
  if (siblings.length === 1) return siblings[0]!.value;
  switch (policy) {
    case 'last-write-wins': {
      let best: Version = siblings[0]!;
      for (const v of siblings) if (v.time > best.time || (v.time === best.time && v.id > best.id)) best = v;
      return best.value;
    }
    case 'shopping-cart':
      return { n: 0, items: siblings.reduce<readonly number[]>((s, v) => union(s, v.value.items), NONE), removed: NONE, element: null };
    case 'lattice-max':
      return { n: Math.max(...siblings.map((v) => v.value.n)), items: NONE, removed: NONE, element: null };
    case 'lattice-two-phase-set':
      return {
        n: 0,
        items: siblings.reduce<readonly number[]>((s, v) => union(s, v.value.items), NONE),
        removed: siblings.reduce<readonly number[]>((s, v) => union(s, v.value.removed), NONE),
        element: null,
      };
  }
}

/** An operation a client applies to the reconciled value before it writes. */
export type Operation = { op: 'put'; n: number } | { op: 'add'; item: number } | { op: 'remove'; item: number };

/**
 * The value after the operation. A put writes `operation.n`, or `putN` when given (the version id
 * the coordinator writes, without a new operation object per write). The new value is built field
 * by field in Value's order (an object spread is several times slower, and every write makes one).
 */
export function apply(policy: Reconciliation, value: Value, operation: Operation, putN = operation.op === 'put' ? operation.n : 0): Value {
  switch (operation.op) {
    case 'put':
      return { n: policy === 'lattice-max' ? Math.max(value.n + 1, putN) : putN, items: value.items, removed: value.removed, element: value.element };
    case 'add':
      return { n: value.n, items: withItem(value.items, operation.item), removed: value.removed, element: value.element };
    case 'remove':
      return policy === 'lattice-two-phase-set'
        ? { n: value.n, items: value.items, removed: withItem(value.removed, operation.item), element: value.element }
        : { n: value.n, items: without(value.items, operation.item), removed: value.removed, element: value.element };
  }
}

/** The items a shopper sees in the cart. */
export function visibleItems(policy: Reconciliation, value: Value): readonly number[] {
  return policy === 'lattice-two-phase-set' ? value.items.filter((x) => !value.removed.includes(x)) : value.items;
}

/** True when the policy's values are carts (items), not registers. */
export const holdsItems = (policy: Reconciliation): boolean => policy === 'shopping-cart' || policy === 'lattice-two-phase-set';
