/**
 * Types for Hindley-Milner inference. An LVar's type carries its lattice descriptor, the type of
 * its elements (what put takes and freeze returns) and the type of its handler events:
 * LVar<L:Set<Int>, Set<Int>, Int> is a set of integers whose handlers receive each integer.
 */

export interface TVar {
  kind: 'var';
  id: number;
  ref: Type | null;
  /** Let-nesting level, for generalisation. */
  level: number;
}

export interface TCon {
  kind: 'con';
  name: string;
  args: Type[];
}

export type Type = TVar | TCon;

let nextVar = 0;
export const fresh = (level: number): TVar => ({ kind: 'var', id: nextVar++, ref: null, level });
export const con = (name: string, ...args: Type[]): TCon => ({ kind: 'con', name, args });

export const INT = con('Int');
export const BOOL = con('Bool');
export const STR = con('Str');
export const UNIT_T = con('Unit');
export const POOL = con('Pool');

export const fnType = (params: Type[], result: Type): TCon => con(`Fn${params.length}`, ...params, result);
export const tupleType = (items: Type[]): TCon => con(`Tuple${items.length}`, ...items);
export const listType = (t: Type): TCon => con('List', t);
export const setType = (t: Type): TCon => con('Set', t);
export const mapType = (k: Type, v: Type): TCon => con('Map', k, v);
export const refType = (t: Type): TCon => con('Ref', t);
/**
 * The result of a `fork` expression or of forkCancelable: any value, functions included (it is not
 * a lattice). The second argument says which (`Plain` or `Cancelable`): `await` takes either,
 * `cancel` only a cancelable one, whose computation the effect analysis has checked.
 */
export const futureType = (t: Type, kind: Type = con('Plain')): TCon => con('Future', t, kind);
export const lvarType = (descriptor: Type, element: Type, event: Type): TCon => con('LVar', descriptor, element, event);

export function prune(t: Type): Type {
  while (t.kind === 'var' && t.ref) t = t.ref;
  return t;
}

export class UnifyError extends Error {}

function occurs(v: TVar, t: Type): boolean {
  t = prune(t);
  if (t === v) return true;
  if (t.kind === 'var') {
    if (t.level > v.level) t.level = v.level;
    return false;
  }
  return t.args.some((a) => occurs(v, a));
}

export function unify(a: Type, b: Type): void {
  a = prune(a);
  b = prune(b);
  if (a === b) return;
  if (a.kind === 'var') {
    if (occurs(a, b)) throw new UnifyError(`a type would contain itself (${show(a)} = ${show(b)})`);
    a.ref = b;
    return;
  }
  if (b.kind === 'var') return unify(b, a);
  if (a.name !== b.name || a.args.length !== b.args.length) throw new UnifyError(`expected ${show(b)}, got ${show(a)}`);
  for (let i = 0; i < a.args.length; i++) unify(a.args[i]!, b.args[i]!);
}

export interface Scheme {
  vars: TVar[];
  type: Type;
}

export const mono = (type: Type): Scheme => ({ vars: [], type });

export function generalize(t: Type, level: number): Scheme {
  const vars: TVar[] = [];
  const walk = (x: Type) => {
    x = prune(x);
    if (x.kind === 'var') {
      if (x.level > level && !vars.includes(x)) vars.push(x);
    } else x.args.forEach(walk);
  };
  walk(t);
  return { vars, type: t };
}

export function instantiate(s: Scheme, level: number): Type {
  if (s.vars.length === 0) return s.type;
  const map = new Map<TVar, Type>(s.vars.map((v) => [v, fresh(level)]));
  const copy = (x: Type): Type => {
    x = prune(x);
    if (x.kind === 'var') return map.get(x) ?? x;
    return x.args.length === 0 ? x : con(x.name, ...x.args.map(copy));
  };
  return copy(s.type);
}

/** Readable type text: fn(Int, Str) -> Bool, LVar(Set of Int), (Int, Str). */
export function show(t: Type, names = new Map<TVar, string>()): string {
  t = prune(t);
  if (t.kind === 'var') {
    let n = names.get(t);
    if (!n) {
      n = String.fromCharCode(97 + (names.size % 26)) + (names.size >= 26 ? String(Math.floor(names.size / 26)) : '');
      names.set(t, n);
    }
    return n;
  }
  const s = (x: Type) => show(x, names);
  const a = t.args;
  if (t.name.startsWith('Fn')) return `fn(${a.slice(0, -1).map(s).join(', ')}) -> ${s(a[a.length - 1]!)}`;
  if (t.name.startsWith('Tuple')) return `(${a.map(s).join(', ')})`;
  switch (t.name) {
    case 'List':
      return `List<${s(a[0]!)}>`;
    case 'Set':
      return `Set<${s(a[0]!)}>`;
    case 'Map':
      return `Map<${s(a[0]!)}, ${s(a[1]!)}>`;
    case 'Ref':
      return `Ref<${s(a[0]!)}>`;
    case 'Future':
      return `${prune(a[1]!).kind === 'con' && (prune(a[1]!) as TCon).name === 'Cancelable' ? 'CancelableFuture' : 'Future'}<${s(a[0]!)}>`;
    case 'Memo':
      return `Memo<${s(a[0]!)}, ${s(a[1]!)}>`;
    case 'LVar':
      return `LVar(${showDescriptor(a[0]!, names)})`;
  }
  return t.name.startsWith('L:') ? showDescriptor(t, names) : t.name;
}

function showDescriptor(t: Type, names: Map<TVar, string>): string {
  t = prune(t);
  if (t.kind === 'var') return show(t, names);
  const a = t.args;
  switch (t.name) {
    case 'L:IVar':
      return `IVar of ${show(a[0]!, names)}`;
    case 'L:Set':
      return `Set of ${show(a[0]!, names)}`;
    case 'L:Map':
      return `Map ${show(a[0]!, names)} → ${showDescriptor(a[1]!, names)}`;
    case 'L:Pair':
      return `Pair(${showDescriptor(a[0]!, names)}, ${showDescriptor(a[1]!, names)})`;
    case 'L:MaxNat':
      return 'MaxNat';
    case 'L:Counter':
      return 'Counter';
    case 'L:Bool':
      return 'Bool';
  }
  return t.name.startsWith('L:User:') ? t.name.slice(7) : t.name;
}
