import type { MathOp } from '../ir/domain.ts';
import { jsOp } from './expr.ts';

/**
 * The naive backend's loop for one element-wise operation over whole arrays, as plain array code
 * runs it (NumPy's ufunc loop, Julia's unfused broadcast): one compiled pass per operation, its
 * result a new array, scalar operands broadcast. `arrays[k]` says whether operand k is an array.
 * The operation is printed from the same closed table as the fused loops (expr.ts), so the naive
 * backend differs from them only in what the paper's fusion changes: passes and temporaries.
 */
export function passCode(op: MathOp, arrays: boolean[]): string {
  const operands = ['x', 'y', 'z'].map((name, k) => (arrays[k] ? `${name}[i]` : name));
  return `const n = out.length;\nfor (let i = 0; i < n; i++) out[i] = ${jsOp(op, operands)};`;
}
