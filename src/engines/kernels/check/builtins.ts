import type { MathOp } from '../ir/domain.ts';

/** The math functions a program may call, element-wise on arrays, with their arity. */
export const MATH_FUNCTIONS: Record<string, { op: MathOp; arity: number }> = {
  log: { op: 'log', arity: 1 },
  log10: { op: 'log10', arity: 1 },
  sqrt: { op: 'sqrt', arity: 1 },
  exp: { op: 'exp', arity: 1 },
  erf: { op: 'erf', arity: 1 },
  abs: { op: 'abs', arity: 1 },
  min: { op: 'min', arity: 2 },
  max: { op: 'max', arity: 2 },
  ifelse: { op: 'ifelse', arity: 3 },
};

export const REDUCTIONS = ['sum', 'minimum', 'maximum'] as const;
export type Reduction = (typeof REDUCTIONS)[number];

/** Constructors of new arrays: `Array(Float32, size(img)...)`, `zeros(size(img)...)`, `similar(img)`. */
export const ALLOCATORS = ['Array', 'zeros', 'similar'] as const;

export const ELEMENT_TYPES: Record<string, 'f64' | 'f32'> = { Float64: 'f64', Float32: 'f32' };

export const KNOWN_FUNCTIONS = [...Object.keys(MATH_FUNCTIONS), ...REDUCTIONS, 'length', 'map', ...ALLOCATORS];
