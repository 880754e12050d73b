import type { DomainOp, KernelOperand, Reach, StencilRead } from '../ir/domain.ts';
import type { ParallelProgram } from '../fusion/parallel.ts';
import { ERF_JS } from './erf.ts';
import { jsNumber, jsOp } from './expr.ts';
import type { Layout } from './layout.ts';

type StencilOp = Extract<DomainOp, { kind: 'stencil' }>;

/**
 * One sweep of a stencil (stencil/borders.ts has the border modes' meaning) over rows [lo, hi).
 * Called as (buffers, scalars, lo, hi) with buffers = the stencil's buffer parameters in their
 * current rotation, scalars = [width, height, ...the program's scalars]. The interior, where every
 * read is in bounds, runs without checks; the border runs the same body with checked reads.
 */
export function stencilCode(p: ParallelProgram, L: Layout, op: StencilOp, index: number): string {
  const k = op.kernel;
  // Buffers that trade places share one element type (the checker's rule); others keep their own.
  const elem = (j: number) => (p.domain.values[op.buffers[j]!]!.elem === 'f32' ? 'Float32Array' : 'Float64Array');
  // One index per row offset dy (o0 = o + d0, d0 = dy * W), the column offset dx a constant on it:
  // as few live registers as a hand-written stencil keeps (one per row, not one per tap).
  const rows = new Map<number, string>();
  const scalars = new Set<number>();
  const at = (r: StencilRead) => {
    if (r.dy !== 0 && !rows.has(r.dy)) rows.set(r.dy, `${rows.size}`);
    const base = r.dy === 0 ? 'o' : `o${rows.get(r.dy)!}`;
    return r.dx === 0 ? base : `${base} ${r.dx < 0 ? '-' : '+'} ${Math.abs(r.dx)}`;
  };
  const operand = (o: KernelOperand): string => {
    if ('number' in o) return jsNumber(o.number);
    if ('scalar' in o) {
      scalars.add(L.scalarOf.get(o.scalar)!);
      return `s${L.scalarOf.get(o.scalar)!}`;
    }
    return `t${o.local}`;
  };
  const checkedRead = (r: StencilRead): string => {
    if (op.mode === 'oob_wraparound') return `p${r.param}[wrap(y + ${jsNumber(r.dy)}, H) * W + wrap(x + ${jsNumber(r.dx)}, W)]`;
    const conds = [
      ...(r.dx < 0 ? [`x >= ${-r.dx}`] : r.dx > 0 ? [`x < W - ${r.dx}`] : []),
      ...(r.dy < 0 ? [`y >= ${-r.dy}`] : r.dy > 0 ? [`y < H - ${r.dy}`] : []),
    ];
    return conds.length ? `(${conds.join(' && ')} ? p${r.param}[${at(r)}] : 0)` : `p${r.param}[o]`;
  };
  const directRead = (r: StencilRead) => `p${r.param}[${at(r)}]`;
  const body = (read: (r: StencilRead) => string, checked: boolean): string[] => {
    const lines = k.instrs.map((i) => `const t${i.local} = ${i.read ? read(i.read) : jsOp(i.op as Exclude<typeof i.op, 'read'>, i.args.map(operand))};`);
    for (const w of k.writes) {
      const guarded = checked && (op.mode === 'oob_skip' || op.mode === 'oob_dst_zero');
      const store = `p${w.param}[o] = ${operand(w.from)};`;
      if (!guarded) lines.push(store);
      else if (op.mode === 'oob_skip') lines.push(`if (${inBounds(w.reach)}) ${store}`);
      else lines.push(`p${w.param}[o] = ${inBounds(w.reach)} ? ${operand(w.from)} : 0;`);
    }
    return lines;
  };
  const direct = body(directRead, false);
  const checked = body(checkedRead, true);
  const indices = [...rows].map(([, k]) => `const o${k} = o + d${k};`);
  const loop = (from: string, to: string, lines: string[]) => [`for (let x = ${from}; x < ${to}; x++) {`, '  const o = row + x;', ...indices.map((l) => `  ${l}`), ...lines.map((l) => `  ${l}`), '}'];
  const r = k.reach;
  const usesErf = k.instrs.some((i) => i.op === 'erf');
  const header = [
    `// stencil ${index}: ${k.instrs.filter((i) => i.read).length} reads and ${k.instrs.filter((i) => !i.read).length} operations per element, border :${op.mode}`,
    ...(usesErf ? [ERF_JS] : []),
    ...(op.mode === 'oob_wraparound' ? ['function wrap(v, n) { return ((v % n) + n) % n; }'] : []),
    '// sizes as small integers, so that index arithmetic stays in integer registers',
    'const W = scalars[0] | 0, H = scalars[1] | 0;',
    ...k.params.map((_, j) => `const p${j} = new ${elem(j)}(buffers[${j}]);`),
    ...[...scalars].map((s) => `const s${s} = scalars[${s + 2}];`),
    ...[...rows].map(([dy, k]) => `const d${k} = (${jsNumber(dy)} * W) | 0;`),
    `// the interior, where every read is in bounds: x in [XA, XB), y in [YA, YB)`,
    `const XA = Math.min(${-r.minDx}, W), XB = Math.max(XA, W - ${r.maxDx});`,
    `const YA = Math.min(${-r.minDy}, H), YB = Math.max(YA, H - ${r.maxDy});`,
  ];
  const rowBody =
    op.mode === 'oob_skip' && k.writes.every((w) => sameReach(w.reach, r))
      ? ['if (y < YA || y >= YB) continue;', ...loop('XA', 'XB', direct)]
      : ['if (y < YA || y >= YB) {', ...loop('0', 'W', checked).map((l) => `  ${l}`), '  continue;', '}', ...loop('0', 'XA', checked), ...loop('XA', 'XB', direct), ...loop('XB', 'W', checked)];
  return [...header, 'for (let y = lo; y < hi; y++) {', '  const row = y * W;', ...rowBody.map((l) => `  ${l}`), '}'].join('\n');
}

function sameReach(a: Reach, b: Reach): boolean {
  return a.minDx === b.minDx && a.maxDx === b.maxDx && a.minDy === b.minDy && a.maxDy === b.maxDy;
}

/** The test that every read within `reach` is in bounds at (x, y). */
function inBounds(r: Reach): string {
  const conds = [
    ...(r.minDx < 0 ? [`x >= ${-r.minDx}`] : []),
    ...(r.maxDx > 0 ? [`x < W - ${r.maxDx}`] : []),
    ...(r.minDy < 0 ? [`y >= ${-r.minDy}`] : []),
    ...(r.maxDy > 0 ? [`y < H - ${r.maxDy}`] : []),
  ];
  return conds.length ? conds.join(' && ') : 'true';
}
