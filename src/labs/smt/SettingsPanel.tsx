import type { ReactNode } from 'react';
import type { SmtConfig, SmtOptions } from '../../engines/smt/api.ts';

interface Props {
  config: SmtConfig;
  onConfig(patch: Partial<SmtConfig>): void;
  onOptions(patch: Partial<SmtOptions>): void;
  run: ReactNode;
}

/** The solver's switches: CDCL or plain DPLL, lazy or eager for SMT-LIB, and the CDCL heuristics. */
export function SettingsPanel({ config, onConfig, onOptions, run }: Props) {
  const o = config.options;
  const smt = config.input.kind === 'smtlib';
  const cdcl = config.mode === 'cdcl';
  return (
    <section className="panel smt-panel" aria-label="Solver settings">
      <h3>Solver</h3>
      <div className="smt-fields">
        <label>
          search
          <select aria-label="Search" value={config.mode} onChange={(e) => onConfig({ mode: e.target.value as SmtConfig['mode'] })}>
            <option value="cdcl">CDCL (learning)</option>
            <option value="dpll">plain DPLL</option>
          </select>
        </label>
        <label>
          theory
          <select aria-label="Theory approach" value={config.theory} disabled={!smt} onChange={(e) => onConfig({ theory: e.target.value as SmtConfig['theory'] })}>
            <option value="lazy">lazy: DPLL(T)</option>
            <option value="eager">eager: one MILP</option>
          </select>
        </label>
        <label>
          restarts
          <select aria-label="Restarts" value={o.restarts} disabled={!cdcl} onChange={(e) => onOptions({ restarts: e.target.value as SmtOptions['restarts'] })}>
            <option value="luby">Luby</option>
            <option value="glucose">glucose (LBD)</option>
            <option value="none">none</option>
          </select>
        </label>
        <label>
          clause deletion
          <select aria-label="Clause deletion" value={o.deletion} disabled={!cdcl} onChange={(e) => onOptions({ deletion: e.target.value as SmtOptions['deletion'] })}>
            <option value="lbd">by LBD</option>
            <option value="none">keep all</option>
          </select>
        </label>
        <label className="check">
          <input type="checkbox" checked={o.minimise} disabled={!cdcl} onChange={(e) => onOptions({ minimise: e.target.checked })} />
          minimise learnt clauses
        </label>
        <label className="check">
          <input type="checkbox" checked={o.phaseSaving} onChange={(e) => onOptions({ phaseSaving: e.target.checked })} />
          phase saving
        </label>
        <label className="check">
          <input type="checkbox" checked={o.theoryPropagation} disabled={!smt} onChange={(e) => onOptions({ theoryPropagation: e.target.checked })} />
          theory propagation
        </label>
        <label className="check">
          <input type="checkbox" checked={o.compare} disabled={!smt} onChange={(e) => onOptions({ compare: e.target.checked })} />
          compare eager and lazy
        </label>
        <label className="check">
          <input type="checkbox" checked={o.record} onChange={(e) => onOptions({ record: e.target.checked })} />
          record the search
        </label>
        <label>
          events kept
          <input type="number" aria-label="Events kept" min={100} max={200000} step={1000} value={o.traceCap} onChange={(e) => Number.isInteger(Number(e.target.value)) && Number(e.target.value) >= 100 && Number(e.target.value) <= 200_000 && onOptions({ traceCap: Number(e.target.value) })} />
        </label>
      </div>
      {run}
    </section>
  );
}
