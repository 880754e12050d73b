import { init } from 'z3-solver';

type Z3 = Awaited<ReturnType<typeof init>>['Z3'];
let z3: { api: Z3; ctx: ReturnType<Z3['mk_context_rc']> } | undefined;

/** The official Z3 WebAssembly build, started once per process (it takes seconds to start). */
export async function startZ3(): Promise<void> {
  if (z3) return;
  const api = (await init()).Z3;
  const config = api.mk_config();
  z3 = { api, ctx: api.mk_context_rc(config) };
  api.del_config(config);
}

/**
 * z3's answer to an SMT-LIB script: 'sat', 'unsat' or 'unknown'.
 * Through the low-level API with explicit reference counts: the high-level API frees its objects
 * from garbage-collection finalizers while a check runs on z3's thread, and the async SMT-LIB
 * interpreter reads its input string after it is freed; both corrupted z3's heap after a few
 * hundred queries ("memory access out of bounds", then a hang). Only the check itself is async.
 */
export async function z3Check(text: string): Promise<string> {
  if (!z3) throw new Error('call startZ3() first');
  const { api, ctx } = z3;
  const solver = api.mk_solver(ctx);
  api.solver_inc_ref(ctx, solver);
  try {
    api.solver_from_string(ctx, solver, text);
    const answer = await api.solver_check(ctx, solver);
    return answer === 1 ? 'sat' : answer === -1 ? 'unsat' : 'unknown';
  } finally {
    api.solver_dec_ref(ctx, solver);
  }
}
