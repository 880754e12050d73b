import { useState } from 'react';
import type { DynamoConfig, FailureEvent } from '../../../engines/dynamo/config.ts';
import { totalNodes } from '../../../engines/dynamo/config.ts';
import { formatMs, nodeName } from '../names.ts';
import { describeFailure } from '../timeline.ts';
import { NumberField, SelectField } from './fields.tsx';

type Kind = FailureEvent['kind'];
const KINDS: { value: Kind; label: string }[] = [
  { value: 'crash', label: 'crash a node' },
  { value: 'recover', label: 'recover a node' },
  { value: 'partition', label: 'partition' },
  { value: 'heal', label: 'heal the partition' },
  { value: 'drop', label: 'drop messages' },
  { value: 'delay', label: 'delay messages' },
  { value: 'slow', label: 'slow a node down' },
  { value: 'add', label: 'add a node' },
  { value: 'remove', label: 'remove a node' },
];

/** Node names in a text field: "A B, C" → [0, 1, 2]; undefined when a name is unknown. */
export function parseNodes(text: string, nodes: number): number[] | undefined {
  const names = text.split(/[\s,]+/).filter(Boolean);
  const out: number[] = [];
  for (const name of names) {
    const i = Array.from({ length: nodes }, (_, k) => k).find((k) => nodeName(k) === name.toUpperCase());
    if (i === undefined) return undefined;
    out.push(i);
  }
  return out;
}

/**
 * The failure schedule: every crash, partition and membership change, at its simulated time. Those
 * injected from the ring land here too, so the link reproduces them.
 */
export function FailureList({ config, now, onChange }: { config: DynamoConfig; now: number; onChange(failures: FailureEvent[]): void }) {
  const nodes = totalNodes(config);
  const [kind, setKind] = useState<Kind>('crash');
  const [at, setAt] = useState(0);
  const [node, setNode] = useState(0);
  const [value, setValue] = useState(0.1);
  const [groupText, setGroupText] = useState('');
  const sorted = config.failures.map((f, i) => ({ f, i })).sort((a, b) => a.f.at - b.f.at || a.i - b.i);
  const nodeOptions = Array.from({ length: nodes }, (_, i) => ({ value: i, label: nodeName(i) }));
  const group = parseNodes(groupText, nodes);
  const make = (): FailureEvent | undefined => {
    switch (kind) {
      case 'crash':
      case 'recover':
      case 'remove':
        return { at, kind, node };
      case 'slow':
        return { at, kind, node, factor: Math.max(0.01, value) };
      case 'partition':
        return group && group.length > 0 ? { at, kind, groups: [group], clientGroups: [] } : undefined;
      case 'heal':
        return { at, kind };
      case 'drop':
        return { at, kind, probability: Math.min(1, Math.max(0, value)) };
      case 'delay':
        return { at, kind, extraMs: Math.max(0, value) };
      case 'add':
        return { at, kind, capacity: Math.max(0.1, value) };
    }
  };
  const candidate = make();
  return (
    <div className="dyn-failures">
      {sorted.length === 0 ? (
        <p className="dyn-note">No failures scheduled. Click a node on the ring to crash it at the player’s time, or add one here.</p>
      ) : (
        <ol className="dyn-list">
          {sorted.map(({ f, i }) => (
            <li key={i}>
              <span className="dyn-list-time">{formatMs(f.at)}</span>
              <span className="dyn-list-text">{describeFailure(f, nodes)}</span>
              <button type="button" className="quiet" aria-label={`Remove “${describeFailure(f, nodes)}” at ${formatMs(f.at)}`} onClick={() => onChange(config.failures.filter((_, k) => k !== i))}>
                ✕
              </button>
            </li>
          ))}
        </ol>
      )}
      <div className="dyn-add">
        <SelectField label="Add" value={kind} options={KINDS} onChange={(v) => setKind(v)} />
        <NumberField label="at" unit="ms" value={at} min={0} max={1e7} onChange={setAt} />
        <button type="button" className="quiet" onClick={() => setAt(Math.round(now))} title="Use the player’s current time">
          now
        </button>
        {(kind === 'crash' || kind === 'recover' || kind === 'remove' || kind === 'slow') && <SelectField label="node" value={node} options={nodeOptions} onChange={(v) => setNode(v)} />}
        {kind === 'slow' && <NumberField label="factor" value={value} min={0.01} max={1000} onChange={setValue} />}
        {kind === 'drop' && <NumberField label="probability" value={value} min={0} max={1} step={0.05} onChange={setValue} />}
        {kind === 'delay' && <NumberField label="extra" unit="ms" value={value} min={0} max={1e6} onChange={setValue} />}
        {kind === 'add' && <NumberField label="capacity" value={value} min={0.1} max={16} onChange={setValue} />}
        {kind === 'partition' && (
          <label className="dyn-field">
            <span className="dyn-field-label">one side</span>
            <input type="text" value={groupText} placeholder="A B" aria-invalid={groupText !== '' && !group} onChange={(e) => setGroupText(e.target.value)} style={{ width: '7rem' }} />
          </label>
        )}
        <button type="button" disabled={!candidate} onClick={() => candidate && onChange([...config.failures, candidate])}>
          Add
        </button>
      </div>
    </div>
  );
}
