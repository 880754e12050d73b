import { mulberry32 } from '../../../random.ts';

/**
 * A seeded random QF_LRA script: `reals` variables in the box [-bound, bound] (unit assertions,
 * so the eager encoding applies), `clauses` disjunctions of 1-3 linear atoms with small integer
 * coefficients and all five relations, and some Boolean variables mixed in. Used by the
 * cross-checks against z3 and by the bench.
 */
export function randomLra(reals: number, clauses: number, seed: number, bound = 5): string {
  const rnd = mulberry32(seed);
  const int = (lo: number, hi: number) => lo + Math.floor(rnd() * (hi - lo + 1));
  const xs = Array.from({ length: reals }, (_, i) => `x${i}`);
  const lines = ['(set-logic QF_LRA)', ...xs.map((x) => `(declare-const ${x} Real)`), '(declare-const p Bool)', '(declare-const q Bool)'];
  for (const x of xs) lines.push(`(assert (<= ${-bound} ${x}))`, `(assert (<= ${x} ${bound}))`);
  const num = (n: number) => (n < 0 ? `(- ${-n})` : String(n));
  const atom = () => {
    const terms: string[] = [];
    for (const x of xs) {
      const c = rnd() < 0.5 ? 0 : int(-3, 3);
      if (c !== 0) terms.push(c === 1 ? x : `(* ${num(c)} ${x})`);
    }
    if (terms.length === 0) terms.push(xs[int(0, reals - 1)]!);
    const lhs = terms.length === 1 ? terms[0]! : `(+ ${terms.join(' ')})`;
    const rel = ['<=', '<', '>=', '>', '='][int(0, 4)]!;
    const rhs = num(int(-6, 6)) + (rnd() < 0.3 ? '.5' : '');
    return `(${rel} ${lhs} ${rhs.startsWith('(') ? rhs.replace('.5', '') : rhs})`;
  };
  const literal = () => {
    const r = rnd();
    if (r < 0.1) return rnd() < 0.5 ? 'p' : '(not q)';
    const a = atom();
    return r < 0.25 ? `(not ${a})` : a;
  };
  for (let i = 0; i < clauses; i++) {
    const k = int(1, 3);
    const lits = Array.from({ length: k }, literal);
    lines.push(`(assert ${k === 1 ? lits[0] : `(or ${lits.join(' ')})`})`);
  }
  lines.push('(check-sat)');
  return lines.join('\n') + '\n';
}
