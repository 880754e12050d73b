import { describe, expect, it } from 'vitest';
import { inputErrorOf } from '../testkit/inputError.ts';
import { parseDimacs, writeDimacs } from './dimacs.ts';
import { randomKSat } from './families.ts';

const errorAt = (text: string) => inputErrorOf(() => parseDimacs(text));

describe('DIMACS CNF', () => {
  it('reads comments, the header, clauses spanning lines, and a SATLIB % trailer', () => {
    const cnf = parseDimacs('c example\np cnf 3 2\n1 -2\n 3 0\n-1 0\n%\n0\n');
    expect(cnf).toEqual({ vars: 3, clauses: [[1, -2, 3], [-1]] });
  });

  it('round-trips through writeDimacs', () => {
    const cnf = randomKSat(20, 80, 3, 9);
    expect(parseDimacs(writeDimacs(cnf))).toEqual(cnf);
  });

  it.each([
    ['1 2 0\n', 'before the', 1, 1],
    ['p cnf x 2\n', 'header must read', 1, 1],
    ['p cnf 2 1\n1 3 0\n', 'names variable 3', 2, 3],
    ['p cnf 2 1\n1 a 0\n', '"a" is not a literal', 2, 3],
    ['p cnf 2 2\n1 2 0\n', 'declares 2 clauses but the file has 1', 2, 1],
    ['p cnf 2 1\n1 2\n', 'not ended by 0', 2, 1],
    ['p cnf 2 1\np cnf 2 1\n', 'a second', 2, 1],
    ['c nothing\n', 'no "p cnf', 1, 1],
  ])('rejects %j with a located error', (text, message, line, column) => {
    const e = errorAt(text);
    expect(e.message).toContain(message);
    expect(e.at).toEqual({ line, column });
  });
});
