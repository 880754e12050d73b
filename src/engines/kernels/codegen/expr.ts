import type { MathOp } from '../ir/domain.ts';

/**
 * Printing for generated code. Only two kinds of text ever reach it from a program: numbers, printed
 * here from the parsed number (String of a finite double is digits, '.', 'e' and signs), and
 * operations, printed from this closed table. Names are our own (v12, s3, b0).
 */
export function jsNumber(n: number): string {
  if (Number.isNaN(n)) return 'NaN';
  if (!Number.isFinite(n)) return n > 0 ? 'Infinity' : '(-Infinity)';
  if (Object.is(n, -0)) return '(-0)';
  return n < 0 ? `(${String(n)})` : String(n);
}

/** The JavaScript for one element-wise operation on already-printed operands. */
export function jsOp(op: MathOp, a: string[]): string {
  const [x = '', y = '', z = ''] = a;
  switch (op) {
    case '+': case '-': case '*': case '/':
      return `${x} ${op} ${y}`;
    case '^':
      return `Math.pow(${x}, ${y})`;
    case 'neg':
      return `-${x}`;
    case '<': case '>': case '<=': case '>=':
      return `${x} ${op} ${y} ? 1 : 0`;
    case '==':
      return `${x} === ${y} ? 1 : 0`;
    case '!=':
      return `${x} !== ${y} ? 1 : 0`;
    case 'ifelse':
      return `${x} !== 0 ? ${y} : ${z}`;
    case 'erf':
      return `erf(${x})`;
    case 'log': case 'log10': case 'sqrt': case 'exp': case 'abs':
      return `Math.${op}(${x})`;
    case 'min': case 'max':
      return `Math.${op}(${x}, ${y})`;
  }
}

/** The same operations on numbers, for the naive backend and host scalars (the meaning jsOp prints). */
export function evalOp(op: MathOp, a: number, b: number, c: number, erf: (x: number) => number): number {
  switch (op) {
    case '+': return a + b;
    case '-': return a - b;
    case '*': return a * b;
    case '/': return a / b;
    case '^': return Math.pow(a, b);
    case 'neg': return -a;
    case '<': return a < b ? 1 : 0;
    case '>': return a > b ? 1 : 0;
    case '<=': return a <= b ? 1 : 0;
    case '>=': return a >= b ? 1 : 0;
    case '==': return a === b ? 1 : 0;
    case '!=': return a !== b ? 1 : 0;
    case 'ifelse': return a !== 0 ? b : c;
    case 'erf': return erf(a);
    case 'log': return Math.log(a);
    case 'log10': return Math.log10(a);
    case 'sqrt': return Math.sqrt(a);
    case 'exp': return Math.exp(a);
    case 'abs': return Math.abs(a);
    case 'min': return Math.min(a, b);
    case 'max': return Math.max(a, b);
  }
}
