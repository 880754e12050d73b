import { init, type Context } from 'z3-solver';

let ctx: Context<'main'> | undefined;

/** The official Z3 WebAssembly build, started once per process (it takes seconds to start). */
export async function startZ3(): Promise<void> {
  ctx ??= (await init()).Context('main');
}

/** z3's answer to an SMT-LIB script: 'sat', 'unsat' or 'unknown'. */
export async function z3Check(text: string): Promise<string> {
  if (!ctx) throw new Error('call startZ3() first');
  const solver = new ctx.Solver();
  solver.fromString(text);
  return solver.check();
}
