import { useEffect, useState } from 'react';
import type { LatticeConfig, LatticeKind } from '../../../engines/dynamo/config.ts';
import { LATTICE_KINDS, LATTICE_NAMES } from '../../../engines/dynamo/versioning/lattice/kinds.ts';
import { NumberField, SelectField } from './fields.tsx';

type ValueChoice = 'vector-clocks' | LatticeKind;

/** The value choices for the settings and the variant form: vector clocks, then each lattice. */
export const VALUE_CHOICES: { value: ValueChoice; label: string }[] = [
  { value: 'vector-clocks', label: 'vector clocks (siblings)' },
  ...LATTICE_KINDS.map((k) => ({ value: k, label: `lattice: ${LATTICE_NAMES[k]}` })),
];

export const valueChoice = (l: LatticeConfig): ValueChoice => (l.values === 'lattice' ? l.kind : 'vector-clocks');

/**
 * Replica values ("Joining forces", WoDet'14): vector clocks and siblings, or a lattice merged by
 * join; a declared lattice's source (the LVars language, its laws checked when the run starts);
 * threshold reads.
 */
export function LatticeSettings({ lattice, onChange }: { lattice: LatticeConfig; onChange(l: LatticeConfig): void }) {
  const [source, setSource] = useState(lattice.source);
  useEffect(() => setSource(lattice.source), [lattice.source]);
  const choice = valueChoice(lattice);
  const t = lattice.thresholdReads;
  return (
    <>
      <SelectField
        label="replica values"
        value={choice}
        options={VALUE_CHOICES}
        onChange={(v) => onChange(v === 'vector-clocks' ? { ...lattice, values: v } : { ...lattice, values: 'lattice', kind: v })}
      />
      {choice === 'user' && (
        <label className="dyn-field dyn-field-block">
          <span className="dyn-field-label">lattice (LVars language; its laws are checked)</span>
          <textarea className="dyn-source" rows={4} spellCheck={false} value={source} onChange={(e) => setSource(e.target.value)} onBlur={() => source !== lattice.source && onChange({ ...lattice, source })} />
        </label>
      )}
      {lattice.values === 'lattice' && (
        <>
          <NumberField label="threshold reads" unit="of reads" value={t.share} min={0} max={1} step={0.05} onChange={(share) => onChange({ ...lattice, thresholdReads: { ...t, share } })} />
          <div className="dyn-row">
            <NumberField label="poll every" unit="ms" value={t.pollMs} min={0.001} max={1e6} onChange={(pollMs) => onChange({ ...lattice, thresholdReads: { ...t, pollMs } })} />
            <NumberField label="give up after" unit="ms" value={t.timeoutMs} min={0.001} max={1e7} onChange={(timeoutMs) => onChange({ ...lattice, thresholdReads: { ...t, timeoutMs } })} />
          </div>
        </>
      )}
    </>
  );
}
