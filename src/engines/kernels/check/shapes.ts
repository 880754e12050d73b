import { InputError } from '../../contract.ts';
import type { Pos } from '../api.ts';
import type { BinaryOp } from '../syntax/ast.ts';
import type { MathOp, Operand, Shape } from '../ir/domain.ts';

export const SIZE_SHAPE: Shape = { key: 'size', kind: 'vector', extent: { kind: 'size' }, describe: 'length N (the run\'s size)' };
export const IMAGE_SHAPE: Shape = { key: 'image', kind: 'image', extent: { kind: 'image' }, describe: 'the image\'s size' };

/** The shape of `1:n`: equal to another range's only when `n` is the same literal or the same value. */
export function rangeShape(length: Operand, describe: string): Shape {
  const key = 'number' in length ? `range:${length.number}` : `range:v${length.value}`;
  return { key, kind: 'vector', extent: { kind: 'range', length }, describe: `length ${describe}` };
}

export const BINARY_MATH: Record<BinaryOp, MathOp> = {
  '+': '+', '-': '-', '*': '*', '/': '/', '^': '^', '<': '<', '>': '>', '<=': '<=', '>=': '>=', '==': '==', '!=': '!=',
};

/**
 * Julia's rules for an undotted operator with an array operand, so that a program we accept means
 * what it means in Julia: `A + B` and `A - B` are element-wise, `A * s`, `s * A` and `A / s` scale;
 * anything else needs the dotted operator (`A * B` would be a matrix product).
 */
export function checkUndotted(op: BinaryOp, leftArray: boolean, rightArray: boolean, at: Pos): void {
  const ok =
    ((op === '+' || op === '-') && leftArray && rightArray) ||
    (op === '*' && !(leftArray && rightArray)) ||
    (op === '/' && !rightArray);
  if (ok) return;
  const hint =
    op === '*' ? '`*` between two arrays is a matrix product in Julia; write `.*` for the element-wise product'
    : op === '+' || op === '-' ? `\`${op}\` between an array and a scalar is not defined in Julia; write \`.${op}\` to apply it to every element`
    : `write \`.${op}\` to apply \`${op}\` element by element`;
  throw new InputError(`${hint[0]!.toUpperCase()}${hint.slice(1)}.`, at);
}

export function sameShape(a: Shape, b: Shape, what: string, at: Pos): void {
  if (a.key !== b.key) throw new InputError(`${what}: one side has ${a.describe}, the other ${b.describe}; element-wise operations need arrays of the same size.`, at);
}
