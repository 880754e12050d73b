/**
 * A small WebAssembly binary encoder (the core spec's binary format, chapter 5, and the SIMD
 * proposal's 0xFD opcodes): LEB128 integers, IEEE-754 constants, function bodies and the module's
 * sections. Only what the kernels' code generator needs; every byte is written from our own
 * tables, numbers from parsed doubles (their eight bytes), never from program text.
 */

export const I32 = 0x7f;
export const I64 = 0x7e;
export const F64 = 0x7c;
export const V128 = 0x7b;

export function u32(n: number): number[] {
  const out: number[] = [];
  do {
    let byte = n & 0x7f;
    n >>>= 7;
    if (n !== 0) byte |= 0x80;
    out.push(byte);
  } while (n !== 0);
  return out;
}

export function s64(n: bigint): number[] {
  const out: number[] = [];
  for (;;) {
    const byte = Number(n & 0x7fn);
    n >>= 7n;
    const done = (n === 0n && (byte & 0x40) === 0) || (n === -1n && (byte & 0x40) !== 0);
    out.push(done ? byte : byte | 0x80);
    if (done) return out;
  }
}

export const s32 = (n: number): number[] => s64(BigInt(n | 0));

const scratch = new DataView(new ArrayBuffer(8));

/** The eight little-endian bytes of a double. */
export function f64Bytes(x: number): number[] {
  scratch.setFloat64(0, x, true);
  return Array.from({ length: 8 }, (_, k) => scratch.getUint8(k));
}

export function i64Bytes(x: bigint): number[] {
  scratch.setBigInt64(0, BigInt.asIntN(64, x), true);
  return Array.from({ length: 8 }, (_, k) => scratch.getUint8(k));
}

const name = (s: string): number[] => [...u32(s.length), ...Array.from(s, (c) => c.charCodeAt(0))];
const vector = (items: number[][]): number[] => [...u32(items.length), ...items.flat()];
const section = (id: number, body: number[]): number[] => [id, ...u32(body.length), ...body];

/** A function under construction: its parameters, its locals (declared as they are asked for) and its code. */
export class FunctionBody {
  readonly code: number[] = [];
  private readonly locals: number[] = [];

  constructor(
    readonly params: number[],
    readonly results: number[],
  ) {}

  /** A new local of this type; its index. */
  local(type: number): number {
    this.locals.push(type);
    return this.params.length + this.locals.length - 1;
  }

  emit(...bytes: number[]): void {
    for (const b of bytes) this.code.push(b);
  }

  /** The body as the code section holds it: locals in runs of one type, the code, `end`. */
  encode(): number[] {
    const runs: number[][] = [];
    for (const t of this.locals) {
      const last = runs[runs.length - 1];
      if (last && last[1] === t) last[0]!++;
      else runs.push([1, t]);
    }
    const body = [...vector(runs.map(([count, t]) => [...u32(count!), t!])), ...this.code, 0x0b];
    return [...u32(body.length), ...body];
  }
}

export interface ModuleParts {
  /** Functions imported from "env" (name and type), before the module's own in the index space. */
  imports: { name: string; params: number[]; results: number[] }[];
  functions: FunctionBody[];
  /** Exported functions by name: index in the module's own functions. */
  exports: { name: string; index: number }[];
}

/**
 * The module: one type per function signature, the imports ("env": the functions, then a shared
 * memory of 1 to 65536 pages: the SharedArrayBuffer the host and its workers share), the
 * functions, the exports and the code.
 */
export function encodeModule(m: ModuleParts): Uint8Array<ArrayBuffer> {
  const types: string[] = [];
  const typeOf = (params: number[], results: number[]) => {
    const key = `${params.join(',')}>${results.join(',')}`;
    if (!types.includes(key)) types.push(key);
    return types.indexOf(key);
  };
  const importTypes = m.imports.map((f) => typeOf(f.params, f.results));
  const functionTypes = m.functions.map((f) => typeOf(f.params, f.results));
  const typeSection = vector(
    types.map((key) => {
      const [params, results] = key.split('>').map((s) => (s ? s.split(',').map(Number) : []));
      return [0x60, ...vector(params!.map((t) => [t])), ...vector(results!.map((t) => [t]))];
    }),
  );
  const importSection = vector([
    ...m.imports.map((f, k) => [...name('env'), ...name(f.name), 0x00, ...u32(importTypes[k]!)]),
    [...name('env'), ...name('memory'), 0x02, 0x03, ...u32(1), ...u32(65536)],
  ]);
  const bytes = [
    0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00,
    ...section(1, typeSection),
    ...section(2, importSection),
    ...section(3, vector(functionTypes.map((t) => u32(t)))),
    ...section(7, vector(m.exports.map((e) => [...name(e.name), 0x00, ...u32(m.imports.length + e.index)]))),
    ...section(10, vector(m.functions.map((f) => f.encode()))),
  ];
  return new Uint8Array(bytes);
}
