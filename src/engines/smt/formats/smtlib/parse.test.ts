import { describe, expect, it } from 'vitest';
import { inputErrorOf } from '../../testkit/inputError.ts';
import { Q } from '../../lra/rational.ts';
import { evalBool } from './evaluate.ts';
import { parseSmtlib } from './parse.ts';

const header = '(set-logic QF_LRA)\n(declare-const x Real)\n(declare-fun y () Real)\n(declare-const p Bool)\n';

const errorAt = (text: string) => inputErrorOf(() => parseSmtlib(text));

describe('SMT-LIB 2 (QF_LRA)', () => {
  it('reads declarations, assertions, check-sat and get-model, ignoring set-info and set-option', () => {
    const s = parseSmtlib(`${header}(set-info :source |a "quoted" source|)\n(set-option :produce-models true)\n(assert (=> p (<= (+ x (* 2 y)) 3)))\n(check-sat)\n(get-model)\n(exit)\n`);
    expect(s.reals).toEqual(['x', 'y']);
    expect(s.booleans).toEqual(['p']);
    expect(s.assertions).toHaveLength(1);
    expect(s.getModel).toBe(true);
  });

  it('gives every operator its meaning (checked by evaluation)', () => {
    const cases: [string, boolean][] = [
      ['(= x (/ 1 2))', true],
      ['(distinct x y)', true],
      ['(< x y 3)', true],
      ['(>= y x 0.5)', true],
      ['(> (- y x) 0.5)', true],
      ['(= (- x) -0.5)', true],
      ['(ite p (< x 0) (> x 0))', true],
      ['(xor p (= x y))', false],
      ['(= p (> x 1))', true],
      ['(let ((z (+ x y))) (= z 2.5))', true],
      ['(and (<= (* 3 x) 1.5) (not (< (* x 3) 1.5)))', true],
    ];
    const m = { booleans: new Map([['p', false]]), reals: new Map([['x', Q.of(1n, 2n)], ['y', Q.of(2n)]]) };
    for (const [term, expected] of cases) {
      const s = parseSmtlib(`${header}(assert ${term})`);
      expect(evalBool(s.assertions[0]!.term, m), term).toBe(expected);
    }
  });

  it.each([
    ['(assert (< x z))', 'not declared', 5, 14],
    ['(assert (* x y))', 'not linear', 5, 9],
    ['(assert (+ x 1))', 'must be a Boolean', 5, 9],
    ['(assert (and p x))', 'expected a Boolean term', 5, 16],
    ['(assert (foo x))', 'not an operator', 5, 10],
    ['(declare-const z Int)', 'sort "Int"', 5, 18],
    ['(declare-fun f (Real) Real)', 'functions with arguments', 5, 16],
    ['(declare-const x Real)', 'declared twice', 5, 16],
    ['(push 1)', 'not supported', 5, 1],
    ['(assert (< x 1)', 'never closed', 5, 1],
    ['(assert (< x (/ 1 0)))', 'division by zero', 5, 19],
    ['(check-sat)\n(check-sat)', 'a second check-sat', 6, 1],
    ['(assert (not p q))', 'takes 1 argument', 5, 9],
  ])('rejects %j with a located error', (text, message, line, column) => {
    const e = errorAt(header + text);
    expect(e.message).toContain(message);
    expect(e.at).toEqual({ line, column });
  });

  it('rejects a logic it does not decide', () => {
    expect(errorAt('(set-logic QF_NIA)').message).toContain('QF_NIA');
  });
});
