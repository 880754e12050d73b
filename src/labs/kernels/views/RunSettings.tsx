import { useRef, type ReactNode } from 'react';
import type { BackendId, ParamInfo } from '../../../engines/kernels/api.ts';
import { FileButton } from '../../../ui/FileButton.tsx';
import { BACKENDS, BackendSwatch } from '../backends.tsx';
import { formatCount, parseCount, parseCounts } from '../format.ts';
import { MAX_IMAGE, MAX_SIZE, type ImageRef, type KernelsScenarioConfig } from '../scenario.ts';

interface Props {
  config: KernelsScenarioConfig;
  /** The program's parameters (from the compiler), or undefined while it does not compile. */
  params: ParamInfo[] | undefined;
  /** Built-in images: name and a few words. */
  builtins: readonly { name: string; description: string }[];
  /** Workers the page can spawn (navigator.hardwareConcurrency). */
  cores: number;
  onConfig(patch: Partial<KernelsScenarioConfig>): void;
  onOpenImage(file: File): void;
  imageNote: ReactNode;
  run: ReactNode;
}

const SIZE_PRESETS = [100_000, 1_000_000, 10_000_000];
const IMAGE_SIDES = [128, 256, 512, 1024, 2048];
const clampInt = (v: number, lo: number, hi: number) => Math.min(hi, Math.max(lo, Math.floor(v)));

/** A count field that accepts "10^6" and keeps the last good value while the text is not one. */
function CountField({ label, value, max, onValue, title }: { label: string; value: number; max: number; onValue(n: number): void; title?: string }) {
  return (
    <label title={title}>
      {label}
      <input
        key={value}
        defaultValue={formatCount(value)}
        aria-label={label}
        onBlur={(e) => {
          const n = parseCount(e.target.value);
          if (n !== undefined && n <= max) onValue(n);
          else e.target.value = formatCount(value);
        }}
        onKeyDown={(e) => e.key === 'Enter' && (e.target as HTMLInputElement).blur()}
      />
    </label>
  );
}

/** What to run: the sizes (or the image), scalar parameters, the backends, workers and repeats; and Run. */
export function RunSettings({ config, params, builtins, cores, onConfig, onOpenImage, imageNote, run }: Props) {
  const picker = useRef<HTMLInputElement>(null);
  const vectors = params?.some((p) => p.kind === 'vector') ?? true;
  const images = params?.some((p) => p.kind === 'image') ?? false;
  const scalars = params?.filter((p) => p.kind === 'scalar') ?? [];
  const image: ImageRef = config.image ?? { width: 256, height: 256, builtin: builtins[0]?.name ?? 'rings' };
  const toggle = (id: BackendId, on: boolean) => {
    // Naive always runs: it is the reference every other backend is measured against.
    onConfig({ backends: BACKENDS.map((b) => b.id).filter((b) => b === 'naive' || (b === id ? on : config.backends.includes(b))) });
  };
  const sweep = config.sweep ?? {};
  return (
    <section className="panel kn-panel" aria-label="Run settings">
      <div className="field-grid kn-fields">
        {vectors && (
          <div className="kn-size">
            <CountField label="array size" value={config.size} max={MAX_SIZE} onValue={(size) => onConfig({ size })} title="Elements per input array (options, for Black-Scholes)" />
            <span className="kn-presets" role="group" aria-label="Size presets">
              {SIZE_PRESETS.map((n) => (
                <button key={n} type="button" className={n === config.size ? 'quiet active' : 'quiet'} aria-pressed={n === config.size} onClick={() => onConfig({ size: n })}>
                  {formatCount(n)}
                </button>
              ))}
            </span>
          </div>
        )}
        {images && (
          <div className="kn-image-field">
            <label>
              image
              <select
                aria-label="Image"
                value={image.file ? 'file' : image.builtin}
                onChange={(e) => {
                  if (e.target.value === 'file') picker.current?.click();
                  else onConfig({ image: { width: image.file ? 256 : image.width, height: image.file ? 256 : image.height, builtin: e.target.value } });
                }}
              >
                {builtins.map((b) => (
                  <option key={b.name} value={b.name} title={b.description}>
                    {b.name} (built in)
                  </option>
                ))}
                <option value="file">{image.file ? image.file.name : 'Your own image…'}</option>
              </select>
            </label>
            {!image.file && (
              <label>
                pixels
                <select
                  aria-label="Image size"
                  value={image.width}
                  onChange={(e) => {
                    const n = clampInt(Number(e.target.value), 1, MAX_IMAGE);
                    onConfig({ image: { ...image, width: n, height: n } });
                  }}
                >
                  {IMAGE_SIDES.map((n) => (
                    <option key={n} value={n}>
                      {n}×{n}
                    </option>
                  ))}
                </select>
              </label>
            )}
            <FileButton label="Open image…" title="Open a picture (PNG, JPEG, …); or drop one on the lab" accept="image/*" inputLabel="Image file" testId="image-file" inputRef={picker} onFile={onOpenImage} />
          </div>
        )}
        {imageNote}
        {scalars.map((p) => (
          <label key={p.name}>
            {p.name}
            <input
              type="number"
              aria-label={p.name}
              value={config.params?.[p.name] ?? ''}
              placeholder="default"
              onChange={(e) => {
                const rest = Object.fromEntries(Object.entries(config.params ?? {}).filter(([k]) => k !== p.name));
                const v = Number(e.target.value);
                onConfig({ params: e.target.value === '' || !Number.isFinite(v) ? rest : { ...rest, [p.name]: v } });
              }}
            />
          </label>
        ))}
        <label title={`Workers for the parallel backend (this machine has ${cores} cores)`}>
          workers
          <input type="number" min={1} max={Math.max(cores, config.workers)} value={config.workers} onChange={(e) => onConfig({ workers: clampInt(Number(e.target.value) || 1, 1, 64) })} />
        </label>
        <label title="Timed repetitions per backend; the median is shown">
          repeats
          <input type="number" min={1} max={50} value={config.repeats} onChange={(e) => onConfig({ repeats: clampInt(Number(e.target.value) || 1, 1, 50) })} />
        </label>
        {vectors && (
          <label title="Also time these sizes, for the speed-up chart by size (e.g. 10^5, 10^6, 10^7)">
            chart sizes
            <input
              key={(sweep.sizes ?? []).join()}
              defaultValue={(sweep.sizes ?? []).map(formatCount).join(', ')}
              aria-label="Chart sizes"
              placeholder="none"
              onBlur={(e) => {
                const sizes = parseCounts(e.target.value);
                if (sizes && sizes.every((n) => n <= MAX_SIZE) && sizes.length <= 12) onConfig({ sweep: { ...sweep, sizes } });
                else e.target.value = (sweep.sizes ?? []).map(formatCount).join(', ');
              }}
            />
          </label>
        )}
        <label title="Also time the parallel backend on these worker counts, for the speed-up chart by workers (e.g. 1, 2, 4)">
          chart workers
          <input
            key={(sweep.workers ?? []).join()}
            defaultValue={(sweep.workers ?? []).join(', ')}
            aria-label="Chart workers"
            placeholder="none"
            onBlur={(e) => {
              const workers = parseCounts(e.target.value);
              if (workers && workers.every((n) => n <= 64) && workers.length <= 12) onConfig({ sweep: { ...sweep, workers } });
              else e.target.value = (sweep.workers ?? []).join(', ');
            }}
          />
        </label>
      </div>
      <fieldset className="kn-backends">
        <legend>backends</legend>
        {BACKENDS.map((b) => (
          <label key={b.id} title={b.id === 'naive' ? `${b.description}; the reference every other backend is measured against` : b.description}>
            <input type="checkbox" checked={config.backends.includes(b.id) || b.id === 'naive'} disabled={b.id === 'naive'} onChange={(e) => toggle(b.id, e.target.checked)} />
            <BackendSwatch id={b.id} /> {b.name}
          </label>
        ))}
      </fieldset>
      {run}
    </section>
  );
}
