import { InputError } from '../../../contract.ts';
import { analyze } from '../../../lvars/analysis/analyze.ts';
import { isTop, type Lattice, type State } from '../../../lvars/lattice/lattice.ts';
import { userLattice } from '../../../lvars/lattice/user.ts';
import { errorMessage } from '../../../../errors.ts';
import type { Observed, ReplicatedLattice } from './replicated.ts';

/**
 * A lattice the user declares in the LVars language (`lattice Name { bottom, join, … }`), checked
 * by the LVars lab's law checker: one whose join is not associative, commutative and idempotent
 * with bottom as identity would let replicas diverge, so it is refused with the counterexample.
 *
 * A write joins one element: the carrier's element at (version id mod carrier size) when a carrier
 * is declared, else the version id itself (so the lattice must accept integers). A scripted
 * threshold read `wait` with item k waits for the element a write with id k would join.
 */
export function userReplicated(source: string): ReplicatedLattice {
  const analysis = analyzeSource(source);
  const error = analysis.diagnostics.find((d) => d.severity === 'error');
  if (error) throw new InputError(`lattice.source: ${error.message}`, error.loc);
  const report = analysis.laws[0];
  const def = report && analysis.ready?.userDefs.get(report.lattice);
  if (!report || !def) throw new InputError('lattice.source declares no lattice: write one as `lattice Name { bottom: …, join: … }`.');
  if (!report.ok) throw new InputError(`lattice.source: ${report.lattice} is not a lattice, so replicas merged by its join could disagree. ${report.violations.map((v) => `Not ${v.law}: ${v.text}`).join(' ')}`);
  const lattice = userLattice(def);
  const element = (k: number): State => (def.carrier ? lattice.fromValue(def.carrier[k % def.carrier.length]!) : lattice.fromValue(k));
  try {
    // A trial: the elements writes join must be ones the join accepts.
    lattice.join(lattice.join(lattice.bottom, element(1)), element(2));
  } catch (e) {
    throw new InputError(`lattice.source: a write joins the version id, but ${errorMessage(e)} Declare a carrier to write its elements instead.`);
  }
  return {
    kind: 'user',
    lattice,
    title: `${def.name} (declared, laws checked${report.exhaustive ? ' on the whole carrier' : ` on ${report.checks} joins`})`,
    holdsItems: false,
    update: (s, op) => (op.op === 'put' ? lattice.join(s, element(op.id)) : s),
    observe: (s) => observeUser(lattice, s),
    passes: (s, item) => lattice.leq(element(item), s),
  };
}

function analyzeSource(source: string) {
  try {
    return analyze(source);
  } catch (e) {
    if (e instanceof InputError) throw new InputError(`lattice.source: ${e.message}`, e.at);
    throw e;
  }
}

/** A user lattice's state read as a number when it is one (else 0: the views show the element). */
function observeUser(lattice: Lattice, s: State): Observed {
  if (isTop(s)) return { n: 0, items: [] };
  const v = lattice.toValue(s);
  return { n: typeof v === 'number' ? v : 0, items: [] };
}
