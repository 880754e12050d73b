import { useState } from 'react';
import type { DynamoConfig, LatticeKind, Reconciliation, Strategy, Variant, VariantSettings } from '../../../engines/dynamo/config.ts';
import { LATTICE_NAMES } from '../../../engines/dynamo/versioning/lattice/kinds.ts';
import { VALUE_CHOICES } from './LatticeSettings.tsx';

type Tri<T> = T | 'same';
const on = (v: Tri<boolean>) => (v === 'same' ? undefined : v);

/** A variant's settings in words: "R=1, W=1, client-driven". */
export function describeSettings(set: VariantSettings): string {
  const parts: string[] = [];
  if (set.n !== undefined) parts.push(`N=${set.n}`);
  if (set.r !== undefined) parts.push(`R=${set.r}`);
  if (set.w !== undefined) parts.push(`W=${set.w}`);
  if (set.sloppy !== undefined) parts.push(set.sloppy ? 'sloppy quorum' : 'strict quorum');
  if (set.propagation !== undefined) parts.push(set.propagation === 'all' ? 'writes to all N' : 'writes reach only W');
  if (set.strategy !== undefined) parts.push(`strategy ${set.strategy}`);
  if (set.tokensPerNode !== undefined) parts.push(`T=${set.tokensPerNode}`);
  if (set.partitions !== undefined) parts.push(`Q=${set.partitions}`);
  if (set.coordination !== undefined) parts.push(`${set.coordination}-driven`);
  if (set.reconciliation !== undefined) parts.push(set.reconciliation);
  if (set.readRepair !== undefined) parts.push(`read repair ${set.readRepair ? 'on' : 'off'}`);
  if (set.hintedHandoff !== undefined) parts.push(`hinted handoff ${set.hintedHandoff ? 'on' : 'off'}`);
  if (set.antiEntropy !== undefined) parts.push(`anti-entropy ${set.antiEntropy ? 'on' : 'off'}`);
  if (set.values !== undefined) parts.push(set.values === 'vector-clocks' ? 'vector clocks' : `${LATTICE_NAMES[set.values]} lattice`);
  if (set.queueing !== undefined) parts.push(`node queueing ${set.queueing ? 'on' : 'off'}`);
  if (set.bufferedWrites !== undefined) parts.push(set.bufferedWrites ? 'buffered writes' : 'durable writes');
  if (set.admissionControl !== undefined) parts.push(`admission control ${set.admissionControl ? 'on' : 'off'}`);
  return parts.join(', ') || 'no change';
}

const triOptions = (yes: string, no: string) => [
  { value: 'same', label: 'same' },
  { value: 'yes', label: yes },
  { value: 'no', label: no },
];

/** The variants to run beside the scenario, and a form to add one ("what if R = 1?"). */
export function VariantList({ config, onChange }: { config: DynamoConfig; onChange(variants: Variant[]): void }) {
  const [n, setN] = useState('');
  const [r, setR] = useState('');
  const [w, setW] = useState('');
  const [strategy, setStrategy] = useState<Tri<Strategy>>('same');
  const [coordination, setCoordination] = useState<Tri<'server' | 'client'>>('same');
  const [sloppy, setSloppy] = useState<Tri<boolean>>('same');
  const [propagation, setPropagation] = useState<Tri<'all' | 'quorum-only'>>('same');
  const [reconciliation, setReconciliation] = useState<Tri<Reconciliation>>('same');
  const [antiEntropy, setAntiEntropy] = useState<Tri<boolean>>('same');
  const [values, setValues] = useState<Tri<'vector-clocks' | LatticeKind>>('same');
  const [bufferedWrites, setBufferedWrites] = useState<Tri<boolean>>('same');
  const [admissionControl, setAdmissionControl] = useState<Tri<boolean>>('same');
  const [label, setLabel] = useState('');
  const num = (t: string) => (t.trim() === '' || !Number.isInteger(Number(t)) ? undefined : Number(t));
  const set: VariantSettings = Object.fromEntries(
    Object.entries({
      n: num(n),
      r: num(r),
      w: num(w),
      strategy: strategy === 'same' ? undefined : strategy,
      coordination: coordination === 'same' ? undefined : coordination,
      sloppy: on(sloppy),
      propagation: propagation === 'same' ? undefined : propagation,
      reconciliation: reconciliation === 'same' ? undefined : reconciliation,
      antiEntropy: on(antiEntropy),
      values: values === 'same' ? undefined : values,
      bufferedWrites: on(bufferedWrites),
      admissionControl: on(admissionControl),
    }).filter(([, v]) => v !== undefined),
  );
  const canAdd = Object.keys(set).length > 0 && config.compare.length < 8;
  const select = <T extends string>(name: string, value: T, options: { value: string; label: string }[], onPick: (v: T) => void) => (
    <label className="dyn-field">
      <span className="dyn-field-label">{name}</span>
      <select value={String(value)} onChange={(e) => onPick(e.target.value as T)}>
        {options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
    </label>
  );
  const numberText = (name: string, value: string, onText: (v: string) => void) => (
    <label className="dyn-field">
      <span className="dyn-field-label">{name}</span>
      <input type="number" min={1} max={16} value={value} placeholder="same" onChange={(e) => onText(e.target.value)} style={{ width: '4rem' }} />
    </label>
  );
  return (
    <div className="dyn-variants">
      {config.compare.length === 0 ? (
        <p className="dyn-note">Variants rerun this scenario with one setting changed, on the same seed and workload.</p>
      ) : (
        <ol className="dyn-list">
          {config.compare.map((v, i) => (
            <li key={i}>
              <span className="dyn-list-text">
                <strong>{v.label}</strong> — {describeSettings(v.set)}
              </span>
              <button type="button" className="quiet" aria-label={`Remove the variant “${v.label}”`} onClick={() => onChange(config.compare.filter((_, k) => k !== i))}>
                ✕
              </button>
            </li>
          ))}
        </ol>
      )}
      <div className="dyn-add dyn-add-grid">
        {numberText('N', n, setN)}
        {numberText('R', r, setR)}
        {numberText('W', w, setW)}
        {select('quorum', sloppy === 'same' ? 'same' : sloppy ? 'yes' : 'no', triOptions('sloppy', 'strict'), (v) => setSloppy(v === 'same' ? 'same' : v === 'yes'))}
        {select('writes', propagation, [{ value: 'same', label: 'same' }, { value: 'all', label: 'to all N' }, { value: 'quorum-only', label: 'reach only W' }], setPropagation)}
        {select('strategy', String(strategy), [{ value: 'same', label: 'same' }, { value: '1', label: '1' }, { value: '2', label: '2' }, { value: '3', label: '3' }], (v) =>
          setStrategy(v === 'same' ? 'same' : (Number(v) as Strategy)),
        )}
        {select('coordination', coordination, [{ value: 'same', label: 'same' }, { value: 'server', label: 'server-driven' }, { value: 'client', label: 'client-driven' }], setCoordination)}
        {select(
          'merge',
          reconciliation,
          [
            { value: 'same', label: 'same' },
            { value: 'last-write-wins', label: 'last write wins' },
            { value: 'shopping-cart', label: 'shopping cart' },
            { value: 'lattice-max', label: 'lattice: max' },
            { value: 'lattice-two-phase-set', label: 'lattice: two-phase set' },
          ],
          setReconciliation,
        )}
        {select('values', values, [{ value: 'same', label: 'same' }, ...VALUE_CHOICES], setValues)}
        {select('anti-entropy', antiEntropy === 'same' ? 'same' : antiEntropy ? 'yes' : 'no', triOptions('on', 'off'), (v) => setAntiEntropy(v === 'same' ? 'same' : v === 'yes'))}
        {select('writes', bufferedWrites === 'same' ? 'same' : bufferedWrites ? 'yes' : 'no', triOptions('buffered', 'durable'), (v) => setBufferedWrites(v === 'same' ? 'same' : v === 'yes'))}
        {select('admission control', admissionControl === 'same' ? 'same' : admissionControl ? 'yes' : 'no', triOptions('on', 'off'), (v) => setAdmissionControl(v === 'same' ? 'same' : v === 'yes'))}
        <label className="dyn-field">
          <span className="dyn-field-label">label</span>
          <input type="text" value={label} maxLength={60} placeholder={describeSettings(set)} onChange={(e) => setLabel(e.target.value)} style={{ width: '10rem' }} />
        </label>
        <button
          type="button"
          disabled={!canAdd}
          onClick={() => {
            onChange([...config.compare, { label: (label.trim() || describeSettings(set)).slice(0, 60), set }]);
            setLabel('');
          }}
        >
          Add variant
        </button>
      </div>
    </div>
  );
}
