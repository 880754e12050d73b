import { mulberry32 } from '../../random.ts';
import type { Cnf } from './dimacs.ts';

/**
 * Seeded generators of the benchmark families (the tests, the bench and the examples use them):
 * uniform random k-SAT (Mitchell, Selman & Levesque, AAAI'92: hardest near ratio 4.26 for k = 3),
 * pigeonhole (Haken's exponential lower bound for resolution), graph colouring, and parity chains.
 */
export function randomKSat(vars: number, clauses: number, k: number, seed: number): Cnf {
  const rnd = mulberry32(seed);
  const out: number[][] = [];
  for (let i = 0; i < clauses; i++) {
    const picked = new Set<number>();
    while (picked.size < k) picked.add(1 + Math.floor(rnd() * vars));
    out.push([...picked].map((v) => (rnd() < 0.5 ? -v : v)));
  }
  return { vars, clauses: out };
}

/** `pigeons` pigeons in `holes` holes, at most one per hole: unsatisfiable when pigeons > holes. */
export function pigeonhole(pigeons: number, holes: number): Cnf {
  const v = (p: number, h: number) => p * holes + h + 1;
  const clauses: number[][] = [];
  for (let p = 0; p < pigeons; p++) clauses.push(Array.from({ length: holes }, (_, h) => v(p, h)));
  for (let h = 0; h < holes; h++) for (let p = 0; p < pigeons; p++) for (let q = p + 1; q < pigeons; q++) clauses.push([-v(p, h), -v(q, h)]);
  return { vars: pigeons * holes, clauses };
}

/** A random graph G(n, p) to be coloured with `colours` colours. */
export function graphColouring(nodes: number, edgeProbability: number, colours: number, seed: number): Cnf {
  const rnd = mulberry32(seed);
  const v = (n: number, c: number) => n * colours + c + 1;
  const clauses: number[][] = [];
  for (let n = 0; n < nodes; n++) {
    clauses.push(Array.from({ length: colours }, (_, c) => v(n, c)));
    for (let c = 0; c < colours; c++) for (let d = c + 1; d < colours; d++) clauses.push([-v(n, c), -v(n, d)]);
  }
  for (let a = 0; a < nodes; a++)
    for (let b = a + 1; b < nodes; b++) if (rnd() < edgeProbability) for (let c = 0; c < colours; c++) clauses.push([-v(a, c), -v(b, c)]);
  return { vars: nodes * colours, clauses };
}

/**
 * The parity of n variables computed twice by XOR chains in two different orders (shuffled by
 * `seed`), the first asserted odd and the second asserted `odd` too: satisfiable when `sameAnswer`,
 * unsatisfiable otherwise.
 */
export function parity(n: number, sameAnswer: boolean, seed: number): Cnf {
  const rnd = mulberry32(seed);
  let vars = n;
  const clauses: number[][] = [];
  const xor = (a: number, b: number) => {
    const t = ++vars;
    clauses.push([-t, a, b], [-t, -a, -b], [t, -a, b], [t, a, -b]);
    return t;
  };
  const chain = (order: number[]) => order.slice(1).reduce((acc, x) => xor(acc, x), order[0]!);
  const first = Array.from({ length: n }, (_, i) => i + 1);
  const second = first.slice();
  for (let i = second.length - 1; i > 0; i--) {
    const j = Math.floor(rnd() * (i + 1));
    [second[i], second[j]] = [second[j]!, second[i]!];
  }
  clauses.push([chain(first)]);
  clauses.push([sameAnswer ? chain(second) : -chain(second)]);
  return { vars, clauses };
}
