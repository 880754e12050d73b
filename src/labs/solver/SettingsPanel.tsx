import type { ReactNode } from 'react';
import { MAX_WORKERS, type SolverConfig, type Strategy } from '../../engines/solver/config.ts';

interface SettingsPanelProps {
  config: SolverConfig;
  seed: number;
  onConfig(patch: Partial<SolverConfig>): void;
  onSeed(seed: number): void;
  run: ReactNode;
}

const STRATEGIES: { id: Strategy; label: string }[] = [
  { id: 'symbolic', label: 'Symbolic bounds + input splitting (DeepPoly/CROWN)' },
  { id: 'interval', label: 'Interval bounds + input splitting' },
  { id: 'bab', label: 'ReLU branch and bound (β-CROWN: α, β, FSB)' },
  { id: 'auto', label: 'Automatic: input splitting for few inputs, ReLU branch and bound for many' },
  { id: 'reluplex', label: 'Reluplex (CAV 2017): simplex + ReLU splitting' },
];

/** How to verify: the procedure, its options, the time budget, the seed; and the Verify button. */
export function SettingsPanel({ config, seed, onConfig, onSeed, run }: SettingsPanelProps) {
  const reluplex = config.strategy === 'reluplex';
  const inputSplitting = config.strategy === 'symbolic' || config.strategy === 'interval';
  return (
    <section className="panel solver-panel" aria-label="Solver settings">
      <h3>Solver</h3>
      <div className="field-grid">
        <label className="wide">
          procedure
          <select aria-label="Strategy" value={config.strategy} onChange={(e) => onConfig({ strategy: e.target.value as Strategy })}>
            {STRATEGIES.map((s) => (
              <option key={s.id} value={s.id}>
                {s.label}
              </option>
            ))}
          </select>
        </label>
        <label>
          time budget (s)
          <input type="number" min={1} max={3600} value={config.timeoutSeconds} onChange={(e) => onConfig({ timeoutSeconds: Math.min(3600, Math.max(1, Number(e.target.value) || 1)) })} />
        </label>
        <label>
          seed
          <input type="number" min={0} value={seed} onChange={(e) => onSeed(Math.max(0, Math.floor(Number(e.target.value) || 0)))} />
        </label>
        {inputSplitting && (
          <label title="Workers sharing the input-splitting search, an idle one taking half of a busy one's open boxes: the same verdict, other node counts and tree">
            workers
            <input type="number" min={1} max={MAX_WORKERS} value={config.workers ?? 1} onChange={(e) => onConfig({ workers: Math.min(MAX_WORKERS, Math.max(1, Math.floor(Number(e.target.value) || 1))) })} />
          </label>
        )}
        {reluplex && (
          <>
            <label title="How often one broken ReLU pair is repaired before the solver splits on it (the paper uses 5)">
              split after repairs
              <input type="number" min={1} max={1000} value={config.splitThreshold} onChange={(e) => onConfig({ splitThreshold: Math.min(1000, Math.max(1, Math.floor(Number(e.target.value) || 1))) })} />
            </label>
            <label title="Bound tightening at every node: on the network's equations (as in the paper), or also symbolic propagation (as Marabou does)">
              tightening
              <select value={config.tightening} onChange={(e) => onConfig({ tightening: e.target.value as SolverConfig['tightening'] })}>
                <option value="interval">equations (2017)</option>
                <option value="symbolic">+ symbolic</option>
              </select>
            </label>
          </>
        )}
        <label className="check" title={reluplex ? 'Look for a counterexample by gradient descent before the simplex starts (off: only the 2017 calculus answers)' : 'Look for a counterexample by gradient descent before and while splitting'}>
          <input type="checkbox" checked={config.attack} onChange={(e) => onConfig({ attack: e.target.checked })} /> falsify first
        </label>
      </div>
      {run}
    </section>
  );
}
