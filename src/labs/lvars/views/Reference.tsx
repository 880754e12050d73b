import { useEffect, useRef } from 'react';
import { BUILTINS } from '../../../engines/lvars/builtins.ts';
import { show } from '../../../engines/lvars/types/types.ts';

const SECTIONS: { title: string; kinds: ('alloc' | 'shared' | 'pure')[] }[] = [
  { title: 'LVars, handlers and cells', kinds: ['alloc', 'shared'] },
  { title: 'Plain data', kinds: ['pure'] },
];

const SYNTAX: [string, string][] = [
  ['let x = e;  let (a, b) = pair;', 'Bind a name (immutable).'],
  ['fn f(a, b) { ... }   fn(x) { ... }', 'A function; the last expression without ; is its value. return e; leaves early.'],
  ['if c { ... } else { ... }', 'Both branches have the same type; without else, the value is ().'],
  ['for x in list { ... }   while c { ... }', 'Loops over a list (elems(s) lists a set).'],
  ['fork { ... }', 'Runs the block in a new thread.'],
  ['let f = fork { ... };  await(f)', 'A fork where a value is expected is a future of the block\'s value (it may be a function); await waits for it.'],
  ['let par x = e1, y = e2;', 'The model\'s let par: each right-hand side in a thread of its own; goes on when all have their values.'],
  ['1, "text", true, (), bot', 'Integers, strings, booleans, unit, and ⊥ (the bottom of any lattice).'],
  ['(a, b)  [1, 2]  {1, 2}  {"k": v}  {:}', 'Tuples, lists, sets, maps and the empty map.'],
  ['new(IVar) new(MaxNat) new(Counter) new(Set) new(Bool) new(Map(L)) new(Pair(L, L))', 'A new LVar in a built-in lattice.'],
  ['lattice Name { bottom: b, join: f, top: t, carrier: {…}, events: fn(x) { [...] } }', 'Declare a lattice (top, carrier and events optional); new(Name) makes an LVar of it. Handlers run on its events (else its carrier\'s elements).'],
  ['get(lv, {t1, t2})', 'A threshold read: the thresholds must be pairwise incompatible (their join is top).'],
  ['get(lv, T, F)', 'Thresholds on frozen states: T as above, or lv frozen at exactly an element of F; returns (threshold, frozen?).'],
  ['newHandler(lv, Q, f)  freezeAfter(lv, Q, f)', 'An explicit event set Q: f runs on each element of Q once lv is at or above it; bot fires at once.'],
];

/** The language at a glance, generated from the same builtin table the type checker uses. */
export function Reference({ open, onClose }: { open: boolean; onClose(): void }) {
  const dialog = useRef<HTMLDialogElement>(null);
  useEffect(() => {
    const d = dialog.current;
    if (open && d && !d.open) d.showModal();
    if (!open && d?.open) d.close();
  }, [open]);
  return (
    <dialog ref={dialog} className="help-dialog lv-reference" aria-labelledby="lv-ref-title" onClose={onClose}>
      <form method="dialog" className="lv-ref-close">
        <button type="submit" className="quiet" aria-label="Close the reference">
          ✕
        </button>
      </form>
      <h2 id="lv-ref-title">The LVish language</h2>
      <p className="muted">
        A small JavaScript-like language for LVish programs, interpreted by the engine (never run as JavaScript). The
        program is the main thread; its value is the result. A program that uses freeze is QuasiDet; one that uses ref, or cancels a computation that is not read-only, is Nondet.
      </p>
      <h3>Syntax</h3>
      <table className="data lv-syntax">
        <tbody>
          {SYNTAX.map(([code, what]) => (
            <tr key={code}>
              <td className="mono">{code}</td>
              <td>{what}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {SECTIONS.map((section) => (
        <section key={section.title}>
          <h3>{section.title}</h3>
          <table className="data">
            <tbody>
              {[...BUILTINS.values()]
                .filter((b) => section.kinds.includes(b.kind as 'alloc' | 'shared' | 'pure'))
                .map((b) => (
                  <tr key={b.name}>
                    <td className="mono">{b.name.replace(/\/\d$/, '')}</td>
                    <td className="mono muted">{show(b.scheme.type)}</td>
                    <td>{b.doc}</td>
                  </tr>
                ))}
            </tbody>
          </table>
        </section>
      ))}
      <form method="dialog">
        <button type="submit" className="primary">
          Close
        </button>
      </form>
    </dialog>
  );
}
