import { expect } from 'vitest';
import { randomLra } from '../formats/smtlib/random.ts';
import { solveSmt } from './solve.ts';
import { z3Check } from './z3.ts';

/**
 * Every approach gives z3's answer on `seeds` random scripts (where z3 answers), and the set holds
 * both answers. The eager approach (one mixed-integer program, branch and bound over exact LP
 * relaxations) takes seconds per script past 5 reals, the contrast the view shows: it runs on the
 * first `eagerSeeds` scripts only.
 */
export async function expectAgreesWithZ3(reals: number, clauses: number, seeds: number, eagerSeeds = seeds): Promise<void> {
  const seen = new Set<string>();
  for (let seed = 1; seed <= seeds; seed++) {
    const text = randomLra(reals, clauses, seed * 97 + reals);
    const z3 = await z3Check(text);
    const lazy = solveSmt(text, 'lazy').summary.verdict;
    // z3 is no reference where it gives up ("unknown"): there, our approaches must agree with each other.
    const expected = z3 === 'unknown' ? lazy : z3;
    seen.add(z3);
    expect(lazy, `seed ${seed}, lazy`).toBe(expected);
    expect(solveSmt(text, 'lazy', { theoryPropagation: false }, 'dpll').summary.verdict, `seed ${seed}, DPLL`).toBe(expected);
    if (seed <= eagerSeeds) expect(solveSmt(text, 'eager').summary.verdict, `seed ${seed}, eager`).toBe(expected);
  }
  // The generator must produce both answers, or the check would be one-sided.
  seen.delete('unknown');
  expect(seen).toEqual(new Set(['sat', 'unsat']));
}
