import { beforeAll, describe, it } from 'vitest';
import { startZ3 } from '../testkit/z3.ts';
import { expectAgreesWithZ3 } from '../testkit/z3check.ts';

beforeAll(startZ3, 120_000);

describe('QF_LRA answers agree with z3 (long run)', () => {
  it.each([
    [3, 8, 60],
    [4, 14, 60],
    [5, 18, 12],
    [6, 24, 4],
  ])('on random instances with %i reals and %i clauses (eager on the first %i)', (reals, clauses, eager) => expectAgreesWithZ3(reals, clauses, 60, eager));
});
