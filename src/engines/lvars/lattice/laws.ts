import { mulberry32 } from '../../random.ts';
import { show, valuesEqual, type Value } from '../runtime/values.ts';

/** One failed law, with the elements that break it. */
export interface LawViolation {
  law: 'closed' | 'commutative' | 'associative' | 'idempotent' | 'bottom is the identity' | 'top absorbs' | 'join fails';
  text: string;
}

export interface LawReport {
  lattice: string;
  ok: boolean;
  /** True when every element (and pair, and triple) of a declared carrier was checked. */
  exhaustive: boolean;
  elements: number;
  /** Joins evaluated. */
  checks: number;
  violations: LawViolation[];
}

export interface LawSubject {
  name: string;
  bottom: Value;
  top: Value | undefined;
  carrier: readonly Value[] | undefined;
  join(a: Value, b: Value): Value;
}

const MAX_EXHAUSTIVE = 24;
const RANDOM_TRIPLES = 4000;

/**
 * Checks that a declared join makes a lattice: associative, commutative, idempotent, with bottom
 * as identity and top absorbing (and, for a declared carrier, closed). On a finite carrier of up to
 * 24 elements every triple is checked, as LVish's verifyFiniteJoin does; otherwise `samples` are
 * combined at random from a fixed seed (property-based), so a failure comes with a counterexample.
 */
export function checkLaws(subject: LawSubject, samples: readonly Value[]): LawReport {
  const violations: LawViolation[] = [];
  const seen = new Set<string>();
  let checks = 0;
  const fail = (law: LawViolation['law'], text: string) => {
    if (seen.has(law)) return;
    seen.add(law);
    violations.push({ law, text });
  };
  const s = (v: Value) => show(v);
  const join = (a: Value, b: Value): Value | undefined => {
    checks++;
    try {
      return subject.join(a, b);
    } catch (e) {
      fail('join fails', `join(${s(a)}, ${s(b)}) fails: ${e instanceof Error ? e.message : String(e)}`);
      return undefined;
    }
  };
  const eq = (a: Value | undefined, b: Value | undefined) => a !== undefined && b !== undefined && valuesEqual(a, b);
  const carrier = subject.carrier;
  const exhaustive = carrier !== undefined && carrier.length <= MAX_EXHAUSTIVE;
  const elements = exhaustive ? [...carrier] : [...new Set([subject.bottom, ...(subject.top !== undefined ? [subject.top] : []), ...(carrier ?? samples)])];

  const pair = (a: Value, b: Value) => {
    const ab = join(a, b);
    const ba = join(b, a);
    if (ab !== undefined && carrier && !carrier.some((c) => valuesEqual(c, ab))) fail('closed', `join(${s(a)}, ${s(b)}) = ${s(ab)}, which is not in the carrier.`);
    if (ab !== undefined && ba !== undefined && !eq(ab, ba)) fail('commutative', `join(${s(a)}, ${s(b)}) = ${s(ab)} but join(${s(b)}, ${s(a)}) = ${s(ba)}.`);
  };
  const triple = (a: Value, b: Value, c: Value) => {
    const ab = join(a, b);
    const bc = join(b, c);
    if (ab === undefined || bc === undefined) return;
    const left = join(ab, c);
    const right = join(a, bc);
    if (left !== undefined && right !== undefined && !eq(left, right))
      fail('associative', `join(join(${s(a)}, ${s(b)}), ${s(c)}) = ${s(left)} but join(${s(a)}, join(${s(b)}, ${s(c)})) = ${s(right)}.`);
  };

  for (const a of elements) {
    const aa = join(a, a);
    if (aa !== undefined && !eq(aa, a)) fail('idempotent', `join(${s(a)}, ${s(a)}) = ${s(aa)}, not ${s(a)}.`);
    const left = join(subject.bottom, a);
    const right = join(a, subject.bottom);
    if ((left !== undefined && !eq(left, a)) || (right !== undefined && !eq(right, a)))
      fail('bottom is the identity', `join(${s(subject.bottom)}, ${s(a)}) = ${s(left ?? a)} and join(${s(a)}, ${s(subject.bottom)}) = ${s(right ?? a)}; both should be ${s(a)}.`);
    if (subject.top !== undefined) {
      const t = join(subject.top, a);
      if (t !== undefined && !eq(t, subject.top)) fail('top absorbs', `join(${s(subject.top)}, ${s(a)}) = ${s(t)}, not ${s(subject.top)}.`);
    }
  }
  if (exhaustive) {
    for (const a of elements) for (const b of elements) pair(a, b);
    for (const a of elements) for (const b of elements) for (const c of elements) triple(a, b, c);
  } else {
    // Small cases first, so a counterexample is as simple as it can be; then random triples.
    const simple = [...elements].sort((a, b) => show(a).length - show(b).length).slice(0, 10);
    for (const a of simple) for (const b of simple) pair(a, b);
    for (const a of simple.slice(0, 6)) for (const b of simple.slice(0, 6)) for (const c of simple.slice(0, 6)) triple(a, b, c);
    const random = mulberry32(0x1a77ce);
    const pick = () => elements[Math.floor(random() * elements.length)]!;
    for (let i = 0; i < RANDOM_TRIPLES && violations.length < 6; i++) {
      const a = pick();
      const b = pick();
      pair(a, b);
      triple(a, b, pick());
    }
  }
  return { lattice: subject.name, ok: violations.length === 0, exhaustive, elements: elements.length, checks, violations };
}
