import type { BorderMode, Pos } from '../api.ts';

/**
 * The Domain IR (ParallelAccelerator, ECOOP'17, section 4: "Domain IR"): the program as a list of
 * array operations in order, each defining one value (SSA). Array values are the edges of the
 * paper's graph; a value that fusion keeps in a register is an eliminated temporary.
 */

/** The element-wise operations, each with one meaning on scalars and arrays (applied per element). */
export type MathOp =
  | '+' | '-' | '*' | '/' | '^' | 'neg'
  | '<' | '>' | '<=' | '>=' | '==' | '!='
  | 'log' | 'log10' | 'sqrt' | 'exp' | 'erf' | 'abs' | 'min' | 'max' | 'ifelse';

export type Elem = 'f64' | 'f32';

/** How long an array is, resolved when the run's sizes are known. */
export type Extent = { kind: 'size' } | { kind: 'image' } | { kind: 'range'; length: Operand };

export interface Shape {
  /** Equal keys: equal lengths (the checker's and the fusion's test). */
  key: string;
  kind: 'vector' | 'image';
  extent: Extent;
  /** How a message names it: "length N (--size)", "the image", "length n". */
  describe: string;
}

/** An operand: a value (array or scalar) or a number literal as parsed. */
export type Operand = { value: number } | { number: number };

export interface Value {
  id: number;
  /** null: a scalar. */
  shape: Shape | null;
  elem: Elem;
  /** The program's variable name, once assigned. */
  name?: string;
  /** The operation's source text, for labels (never for generated code). */
  text: string;
  at: Pos;
}

/** One read of a stencil kernel: buffer parameter `param` at the relative offset (dx, dy). */
export interface StencilRead {
  param: number;
  dx: number;
  dy: number;
}

/** A stencil kernel's body: element-wise instructions over local ids (negative ids: reads). */
export type KernelOperand = { local: number } | { number: number } | { scalar: number };

export interface KernelInstr {
  local: number;
  op: MathOp | 'read';
  args: KernelOperand[];
  read?: StencilRead;
}

/** How far reads go from the current element, per axis. */
export interface Reach {
  minDx: number;
  maxDx: number;
  minDy: number;
  maxDy: number;
}

/** `b[0,0] = v`: the parameter written, the value, and the reach of the reads that value depends on. */
export interface StencilWrite {
  param: number;
  from: KernelOperand;
  reach: Reach;
}

export interface StencilKernel {
  /** The `do b, a` names, in order. */
  params: string[];
  instrs: KernelInstr[];
  writes: StencilWrite[];
  /** After each iteration parameter k is bound to the buffer of parameter rotation[k] (`return a, b`). */
  rotation: number[];
  /** The bounding box of all reads: outside it every read is in bounds (the fast interior loop). */
  reach: Reach;
}

export type DomainOp =
  | { kind: 'input'; id: number; result: number; param: string }
  | { kind: 'map'; id: number; op: MathOp; args: Operand[]; result: number }
  | { kind: 'scalar'; id: number; op: MathOp; args: Operand[]; result: number }
  /** `length(A)`: a scalar known once sizes are. */
  | { kind: 'length'; id: number; of: number; result: number }
  /** The index of `[expr for i in 1:n]`, 1-based as in Julia. */
  | { kind: 'iota'; id: number; result: number }
  | { kind: 'reduce'; id: number; fn: 'sum' | 'minimum' | 'maximum'; arg: number; result: number }
  /** `Array(Float32, size(img)...)`: a new zero-filled buffer shaped like `like`. */
  | { kind: 'alloc'; id: number; result: number }
  | { kind: 'stencil'; id: number; buffers: number[]; iterations: Operand; mode: BorderMode; kernel: StencilKernel; at: Pos; text: string };

export interface ParamKind {
  name: string;
  kind: 'vector' | 'image' | 'scalar';
  /** An integer scalar (`::Int`, or a stencil's iteration count). */
  integer: boolean;
  at: Pos;
}

export interface DomainProgram {
  name: string;
  params: ParamKind[];
  values: Value[];
  ops: DomainOp[];
  /** The values returned (the function's `return`, or its last statement's value). */
  outputs: number[];
  /** For each value, the op that defines it. */
  producer: number[];
}

export const isValue = (o: Operand): o is { value: number } => 'value' in o;
