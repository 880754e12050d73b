import type { LatticeExpr } from '../syntax/ast.ts';
import { prune, type Type } from '../types/types.ts';

/** Which lattice an LVar lives in: built in (mirroring LVish's data structures) or declared. */
export type LatticeSpec =
  | { kind: 'ivar' }
  | { kind: 'maxnat' }
  | { kind: 'counter' }
  | { kind: 'set' }
  | { kind: 'bool' }
  | { kind: 'map'; value: LatticeSpec }
  | { kind: 'pair'; left: LatticeSpec; right: LatticeSpec }
  | { kind: 'user'; name: string };

export const BUILTIN_LATTICES = ['IVar', 'MaxNat', 'Counter', 'Set', 'Bool', 'Map', 'Pair'] as const;

export function specName(spec: LatticeSpec): string {
  switch (spec.kind) {
    case 'ivar':
      return 'IVar';
    case 'maxnat':
      return 'MaxNat';
    case 'counter':
      return 'Counter';
    case 'set':
      return 'Set';
    case 'bool':
      return 'Bool';
    case 'map':
      return `Map(${specName(spec.value)})`;
    case 'pair':
      return `Pair(${specName(spec.left)}, ${specName(spec.right)})`;
    case 'user':
      return spec.name;
  }
}

/** The lattice of `new(...)`; a problem is returned as text for the type checker to report. */
export function specFromExpr(e: LatticeExpr, userLattices: ReadonlySet<string>): LatticeSpec | string {
  const arity: Record<string, number> = { IVar: 0, MaxNat: 0, Counter: 0, Set: 0, Bool: 0, Map: 1, Pair: 2 };
  const expected = arity[e.name];
  if (expected === undefined) {
    if (userLattices.has(e.name)) return e.args.length === 0 ? { kind: 'user', name: e.name } : `${e.name} takes no arguments.`;
    return `There is no lattice called ${e.name}. Built in: ${BUILTIN_LATTICES.join(', ')}${userLattices.size ? `; declared: ${[...userLattices].join(', ')}` : ''}.`;
  }
  if (e.name === 'Map' && e.args.length === 0) return { kind: 'map', value: { kind: 'ivar' } };
  if (e.args.length !== expected) return `${e.name} takes ${expected} lattice argument${expected === 1 ? '' : 's'}, as in ${e.name === 'Map' ? 'Map(IVar)' : 'Pair(IVar, MaxNat)'}.`;
  const args: LatticeSpec[] = [];
  for (const a of e.args) {
    const s = specFromExpr(a, userLattices);
    if (typeof s === 'string') return s;
    args.push(s);
  }
  switch (e.name) {
    case 'IVar':
      return { kind: 'ivar' };
    case 'MaxNat':
      return { kind: 'maxnat' };
    case 'Counter':
      return { kind: 'counter' };
    case 'Set':
      return { kind: 'set' };
    case 'Bool':
      return { kind: 'bool' };
    case 'Map':
      return { kind: 'map', value: args[0]! };
    default:
      return { kind: 'pair', left: args[0]!, right: args[1]! };
  }
}

/** The lattice behind an LVar's type descriptor, once inference has resolved it. */
export function specFromType(t: Type): LatticeSpec | undefined {
  t = prune(t);
  if (t.kind === 'var') return undefined;
  switch (t.name) {
    case 'L:IVar':
      return { kind: 'ivar' };
    case 'L:MaxNat':
      return { kind: 'maxnat' };
    case 'L:Counter':
      return { kind: 'counter' };
    case 'L:Set':
      return { kind: 'set' };
    case 'L:Bool':
      return { kind: 'bool' };
    case 'L:Map': {
      const value = specFromType(t.args[1]!);
      return value && { kind: 'map', value };
    }
    case 'L:Pair': {
      const left = specFromType(t.args[0]!);
      const right = specFromType(t.args[1]!);
      return left && right && { kind: 'pair', left, right };
    }
  }
  return t.name.startsWith('L:User:') ? { kind: 'user', name: t.name.slice(7) } : undefined;
}
