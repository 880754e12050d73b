import type { ExploreSettings as Settings } from '../../../engines/lvars/index.ts';

interface Props {
  settings: Settings;
  seed: number;
  onChange(settings: Settings): void;
  onSeed(seed: number): void;
  disabled: boolean;
}

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
        <>
          <label title="Explore each configuration once, however it was reached: the schedules it stands for are counted, not re-run.">
            <input type="checkbox" checked={settings.reduction} onChange={(e) => set('reduction', e.target.checked)} /> state caching
          </label>
          <label title="Sleep sets: of schedules that differ only in the order of independent steps (two puts to one LVar, two reads), explore one. Every outcome is still found; counts are of representative schedules.">
            <input type="checkbox" checked={settings.por} onChange={(e) => set('por', e.target.checked)} /> partial-order reduction
          </label>
        </>
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
