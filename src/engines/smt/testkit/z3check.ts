import { expect } from 'vitest';
import { randomLra } from '../formats/smtlib/random.ts';
import { solveSmt } from './solve.ts';
import { z3Check } from './z3.ts';

/** Every approach gives z3's answer on `seeds` random scripts, and the set holds both answers. */
export async function expectAgreesWithZ3(reals: number, clauses: number, seeds: number): Promise<void> {
  const seen = new Set<string>();
  for (let seed = 1; seed <= seeds; seed++) {
    const text = randomLra(reals, clauses, seed * 97 + reals);
    const expected = await z3Check(text);
    seen.add(expected);
    expect(solveSmt(text, 'lazy').summary.verdict, `seed ${seed}, lazy`).toBe(expected);
    expect(solveSmt(text, 'lazy', { theoryPropagation: false }, 'dpll').summary.verdict, `seed ${seed}, DPLL`).toBe(expected);
    expect(solveSmt(text, 'eager').summary.verdict, `seed ${seed}, eager`).toBe(expected);
  }
  // The generator must produce both answers, or the check would be one-sided.
  expect(seen).toEqual(new Set(['sat', 'unsat']));
}
