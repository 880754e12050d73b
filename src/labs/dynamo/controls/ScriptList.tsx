import { useState } from 'react';
import type { DynamoConfig, ScriptedOperation } from '../../../engines/dynamo/config.ts';
import { holdsItems } from '../../../engines/dynamo/versioning/values.ts';
import { clientName, formatMs, itemName, keyName } from '../names.ts';
import { NumberField, SelectField } from './fields.tsx';

const describe = (s: ScriptedOperation, items: boolean) =>
  `${clientName(s.client)}: ${s.op === 'add' || s.op === 'remove' ? `${s.op} ${itemName(s.item)} ${s.op === 'add' ? 'to' : 'from'}` : s.op} ${keyName(s.key)}${items || s.op === 'get' || s.op === 'put' ? '' : ''}`;

/** Operations at fixed times by fixed clients: how an example tells a story (the shopping cart). */
export function ScriptList({ config, now, onChange }: { config: DynamoConfig; now: number; onChange(script: ScriptedOperation[]): void }) {
  const items = holdsItems(config.versioning.reconciliation);
  const [at, setAt] = useState(0);
  const [client, setClient] = useState(0);
  const [key, setKey] = useState(0);
  const [op, setOp] = useState<ScriptedOperation['op']>(items ? 'add' : 'put');
  const [item, setItem] = useState(0);
  const sorted = config.workload.script.map((s, i) => ({ s, i })).sort((a, b) => a.s.at - b.s.at || a.i - b.i);
  const ops: { value: ScriptedOperation['op']; label: string }[] = items
    ? [
        { value: 'get', label: 'get' },
        { value: 'add', label: 'add an item' },
        { value: 'remove', label: 'remove an item' },
      ]
    : [
        { value: 'get', label: 'get' },
        { value: 'put', label: 'put' },
      ];
  return (
    <div className="dyn-script">
      {sorted.length === 0 ? (
        <p className="dyn-note">No scripted operations: the workload is generated.</p>
      ) : (
        <ol className="dyn-list">
          {sorted.map(({ s, i }) => (
            <li key={i}>
              <span className="dyn-list-time">{formatMs(s.at)}</span>
              <span className="dyn-list-text">{describe(s, items)}</span>
              <button type="button" className="quiet" aria-label={`Remove the scripted operation at ${formatMs(s.at)}`} onClick={() => onChange(config.workload.script.filter((_, k) => k !== i))}>
                ✕
              </button>
            </li>
          ))}
        </ol>
      )}
      <div className="dyn-add">
        <NumberField label="at" unit="ms" value={at} min={0} max={1e7} onChange={setAt} />
        <button type="button" className="quiet" onClick={() => setAt(Math.round(now))} title="Use the player’s current time">
          now
        </button>
        <NumberField label="client" value={client} min={0} max={config.workload.clients - 1} integer onChange={setClient} width="3.5rem" />
        <NumberField label="key" value={key} min={0} max={config.workload.keys - 1} integer onChange={setKey} width="4.5rem" />
        <SelectField label="op" value={ops.some((o) => o.value === op) ? op : ops[0]!.value} options={ops} onChange={(v) => setOp(v)} />
        {(op === 'add' || op === 'remove') && items && (
          <SelectField label="item" value={item} options={Array.from({ length: config.workload.items }, (_, i) => ({ value: i, label: itemName(i) }))} onChange={(v) => setItem(v)} />
        )}
        <button
          type="button"
          disabled={config.workload.script.length >= 2000}
          onClick={() => onChange([...config.workload.script, { at, client, key, op: ops.some((o) => o.value === op) ? op : ops[0]!.value, item }])}
        >
          Add
        </button>
      </div>
    </div>
  );
}
