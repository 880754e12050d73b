import type { ExploreSettings as Settings } from '../../../engines/lvars/index.ts';

interface Props {
  settings: Settings;
  seed: number;
  onChange(settings: Settings): void;
  onSeed(seed: number): void;
  disabled: boolean;
}

type Reduction = 'none' | 'caching' | 'caching+sleep' | 'sleep' | 'dpor';

/** The explorers of exhaustive mode, as the settings that select them. */
const REDUCTIONS: Record<Reduction, { label: string; title: string; settings: Pick<Settings, 'reduction' | 'por' | 'dpor'> }> = {
  none: { label: 'none (every schedule)', title: 'Walk every schedule, one by one.', settings: { reduction: false, por: false, dpor: false } },
  caching: {
    label: 'state caching',
    title: 'Explore each configuration once, however it was reached: the schedules it stands for are counted, not re-run.',
    settings: { reduction: true, por: false, dpor: false },
  },
  'caching+sleep': {
    label: 'caching + sleep sets',
    title: 'Sleep sets on top of caching: of schedules that differ only in the order of independent steps (two puts to one LVar, two reads), explore one. Counts are of representative schedules.',
    settings: { reduction: true, por: true, dpor: false },
  },
  sleep: { label: 'sleep sets', title: 'Sleep sets without caching.', settings: { reduction: false, por: true, dpor: false } },
  dpor: {
    label: 'DPOR (source sets)',
    title: 'Dynamic partial-order reduction (Abdulla et al., POPL’14): follows one schedule, finds its races, and backtracks only where reversing a race can matter. Reduces configurations where caching cannot (many independent LVars). Counts are of representative schedules.',
    settings: { reduction: false, por: false, dpor: true },
  },
};

const reductionOf = (s: Settings): Reduction => (s.dpor ? 'dpor' : s.reduction ? (s.por ? 'caching+sleep' : 'caching') : s.por ? 'sleep' : 'none');

/** How to explore: every schedule (with or without state caching) or random ones from a seed. */
export function ExploreSettings({ settings, seed, onChange, onSeed, disabled }: Props) {
  const set = <K extends keyof Settings>(key: K, value: Settings[K]) => onChange({ ...settings, [key]: value });
  const num = (text: string, min: number, max: number) => Math.min(max, Math.max(min, Math.round(Number(text) || min)));
  return (
    <fieldset className="lv-settings" disabled={disabled}>
      <label>
        Explore{' '}
        <select value={settings.mode} onChange={(e) => set('mode', e.target.value as Settings['mode'])}>
          <option value="exhaustive">every schedule</option>
          <option value="random">random schedules (stress)</option>
        </select>
      </label>
      {settings.mode === 'exhaustive' ? (
        <label title={REDUCTIONS[reductionOf(settings)].title}>
          reduction{' '}
          <select aria-label="reduction" value={reductionOf(settings)} onChange={(e) => onChange({ ...settings, ...REDUCTIONS[e.target.value as Reduction].settings })}>
            {(Object.keys(REDUCTIONS) as Reduction[]).map((r) => (
              <option key={r} value={r}>
                {REDUCTIONS[r].label}
              </option>
            ))}
          </select>
        </label>
      ) : (
        <>
          <label>
            schedules <input type="number" min={1} max={1_000_000} value={settings.schedules} onChange={(e) => set('schedules', num(e.target.value, 1, 1_000_000))} />
          </label>
          <label>
            seed <input type="number" min={0} max={4294967295} value={seed} onChange={(e) => onSeed(num(e.target.value, 0, 4294967295))} />
          </label>
        </>
      )}
      <label title="Stop after this many configurations (exhaustive) or steps (random).">
        limit <input type="number" min={1} max={5_000_000} value={settings.maxStates} onChange={(e) => set('maxStates', num(e.target.value, 1, 5_000_000))} />
      </label>
    </fieldset>
  );
}
