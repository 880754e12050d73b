import type { SetValue, Value } from './values.ts';

/**
 * A persistent sorted set: a B+ tree whose nodes are never changed once built, so inserting
 * copies only the path from the root to one leaf (O(B log_B n) pointers, B = 32) and the old set
 * stays valid, sharing every other node with the new one. A set LVar that grows by one element per
 * put (the common case: `insert`) thus costs a few small copies per step, not a copy of the whole
 * set. It is a `SetValue`: `items`, the sorted array every other operation reads, is built on
 * first use and kept.
 *
 * A walk that never comes back to an earlier configuration (a random schedule) need not keep old
 * versions: under an `Edit` (Clojure's transients, Hickey 2009), the nodes and sets made under
 * the current edit are changed in place, and only nodes made before it are copied. Ending the edit
 * (the walk taking a fresh one) makes everything made under it persistent again.
 */

const MAX = 32;

type Compare = (a: Value, b: Value) => number;

/** A transient edit: nodes and sets stamped with the current one belong to it and may change in place. */
export type Edit = object;

interface Leaf {
  readonly leaf: true;
  readonly items: readonly Value[];
  readonly edit?: Edit;
}
interface Branch {
  readonly leaf: false;
  /** The least element under each child. */
  readonly mins: readonly Value[];
  readonly children: readonly Node[];
  readonly edit?: Edit;
}
type Node = Leaf | Branch;

/** A node of the edit `edit`: changed in place (its arrays are its own). */
interface OwnLeaf {
  leaf: true;
  items: Value[];
  edit: Edit;
}
interface OwnBranch {
  leaf: false;
  mins: Value[];
  children: Node[];
  edit: Edit;
}
type OwnNode = OwnLeaf | OwnBranch;

export class TreeSet implements SetValue {
  readonly tag = 'set' as const;
  private flat: readonly Value[] | undefined;

  private constructor(
    private root: Node,
    private count: number,
    private readonly edit: Edit | undefined,
  ) {}

  /** A tree holding `items` (sorted, no duplicates); its nodes belong to `edit` when one is given. */
  static of(items: readonly Value[], edit?: Edit): TreeSet {
    const stamp = edit ? { edit } : {};
    let level: Node[] = [];
    for (let i = 0; i < items.length; i += MAX / 2) level.push({ leaf: true, items: items.slice(i, i + MAX / 2), ...stamp });
    while (level.length > 1) {
      const up: Node[] = [];
      for (let i = 0; i < level.length; i += MAX / 2) {
        const children = level.slice(i, i + MAX / 2);
        up.push({ leaf: false, mins: children.map(least), children, ...stamp });
      }
      level = up;
    }
    const set = new TreeSet(level[0] ?? { leaf: true, items: [], ...stamp }, items.length, edit);
    set.flat = items;
    return set;
  }

  get size(): number {
    return this.count;
  }

  get items(): readonly Value[] {
    if (this.flat === undefined) {
      const out: Value[] = [];
      collect(this.root, out);
      this.flat = out;
    }
    return this.flat;
  }

  /** The set with `v` added; this set itself when `v` is already in it. */
  insert(v: Value, compare: Compare): TreeSet {
    const grown = insertInto(this.root, v, compare);
    if (!grown) return this;
    const root: Node = grown.length === 1 ? grown[0]! : { leaf: false, mins: grown.map(least), children: grown };
    return new TreeSet(root, this.count + 1, undefined);
  }

  /**
   * `insert` under `edit`: this set itself, changed in place, if it belongs to `edit` (else a new
   * set that does, with the same elements when `v` was there); of the path to the leaf, the nodes
   * of `edit` change in place and the others are copied into it. Every set and node not of `edit`
   * is left as it was.
   */
  insertEditing(v: Value, compare: Compare, edit: Edit): TreeSet {
    const set = this.edit === edit ? this : new TreeSet(this.root, this.count, edit);
    const root = owned(set.root, edit);
    set.root = root;
    const split = growInPlace(root, v, compare, edit);
    if (split === PRESENT) return set;
    if (split) set.root = { leaf: false, mins: [least(root), least(split)], children: [root, split], edit };
    set.count++;
    set.flat = undefined;
    return set;
  }
}

/** What growInPlace returns when `v` was already there (the nodes on its path are then the edit's, unchanged). */
const PRESENT = 'present';

/** `n` if it belongs to `edit`, else a copy that does. */
function owned(n: Node, edit: Edit): OwnNode {
  if (n.edit === edit) return n as OwnNode;
  return n.leaf ? { leaf: true, items: n.items.slice(), edit } : { leaf: false, mins: n.mins.slice(), children: n.children.slice(), edit };
}

/** Inserts `v` under `n`, which belongs to `edit`, in place; returns the upper half if `n` split. */
function growInPlace(n: OwnNode, v: Value, compare: Compare, edit: Edit): OwnNode | undefined | typeof PRESENT {
  if (n.leaf) {
    const at = locate(n.items, v, compare);
    if (at >= 0) return PRESENT;
    insertAt(n.items, -at - 1, v);
    return n.items.length > MAX ? { leaf: true, items: upperHalf(n.items), edit } : undefined;
  }
  const at = locate(n.mins, v, compare);
  if (at >= 0) return PRESENT;
  const i = Math.max(0, -at - 2);
  const child = owned(n.children[i]!, edit);
  n.children[i] = child;
  const split = growInPlace(child, v, compare, edit);
  if (split === PRESENT) return PRESENT;
  n.mins[i] = least(child);
  if (split) {
    insertAt(n.children, i + 1, split);
    insertAt(n.mins, i + 1, least(split));
  }
  if (n.children.length <= MAX) return undefined;
  return { leaf: false, mins: upperHalf(n.mins), children: upperHalf(n.children), edit };
}

/** `xs.splice(at, 0, x)` without splice's generic path (it is most of an in-place insert's cost). */
function insertAt<T>(xs: T[], at: number, x: T): void {
  for (let j = xs.length; j > at; j--) xs[j] = xs[j - 1]!;
  xs[at] = x;
}

/** Removes and returns the upper half of `xs`. */
function upperHalf<T>(xs: T[]): T[] {
  const half = xs.length >> 1;
  const upper = xs.slice(half);
  xs.length = half;
  return upper;
}

const least = (n: Node): Value => (n.leaf ? n.items[0]! : n.mins[0]!);

function collect(n: Node, out: Value[]): void {
  if (n.leaf) for (const v of n.items) out.push(v);
  else for (const c of n.children) collect(c, out);
}

/** The index of `v` in `items`, or -(the index where it would go) - 1. */
function locate(items: readonly Value[], v: Value, compare: Compare): number {
  let lo = 0;
  let hi = items.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    const c = compare(items[mid]!, v);
    if (c === 0) return mid;
    if (c < 0) lo = mid + 1;
    else hi = mid;
  }
  return -lo - 1;
}

/** Splits an overfull array in two halves. */
const halves = <T>(xs: T[]): [T[], T[]] => [xs.slice(0, xs.length >> 1), xs.slice(xs.length >> 1)];

/** Path copying: the node with `v` inserted, as one node or two (a split); undefined if `v` was there. */
function insertInto(n: Node, v: Value, compare: Compare): Node[] | undefined {
  if (n.leaf) {
    const at = locate(n.items, v, compare);
    if (at >= 0) return undefined;
    const items = n.items.slice();
    items.splice(-at - 1, 0, v);
    if (items.length <= MAX) return [{ leaf: true, items }];
    return halves(items).map((half): Leaf => ({ leaf: true, items: half }));
  }
  const at = locate(n.mins, v, compare);
  if (at >= 0) return undefined;
  // The child whose range holds v: the last one whose least element is below it (or the first).
  const i = Math.max(0, -at - 2);
  const replaced = insertInto(n.children[i]!, v, compare);
  if (!replaced) return undefined;
  const children = n.children.slice();
  const mins = n.mins.slice();
  children[i] = replaced[0]!;
  mins[i] = least(replaced[0]!);
  if (replaced.length === 2) {
    children.splice(i + 1, 0, replaced[1]!);
    mins.splice(i + 1, 0, least(replaced[1]!));
  }
  if (children.length <= MAX) return [{ leaf: false, mins, children }];
  const [c1, c2] = halves(children);
  const [m1, m2] = halves(mins);
  return [
    { leaf: false, mins: m1, children: c1 },
    { leaf: false, mins: m2, children: c2 },
  ];
}
