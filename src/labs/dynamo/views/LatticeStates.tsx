import { useMemo } from 'react';
import type { DynamoConfig } from '../../../engines/dynamo/config.ts';
import type { DynamoTrace } from '../../../engines/dynamo/engine.ts';
import { replicatedLattice } from '../../../engines/dynamo/versioning/lattice/index.ts';
import { STORE_CAUSE_NAMES, type LatticeStateRecord } from '../../../engines/dynamo/measure/traceRecorder.ts';
import { endpointName, formatMs, itemName, keyName, nodeName } from '../names.ts';

/** Joins listed at most: the latest ones. */
const SHOWN_JOINS = 10;

interface Props {
  trace: DynamoTrace;
  config: DynamoConfig;
  position: number;
  selectedKey: number;
}

/** A state, with what a client reads off it. */
function StateText({ state, r, holdsItems }: { state: string; r: LatticeStateRecord; holdsItems: boolean }) {
  const reads = holdsItems ? (r.items.length === 0 ? 'empty' : r.items.map(itemName).join(', ')) : String(r.n);
  return (
    <>
      <code className="dyn-lattice-state" title={state}>
        {state}
      </code>
      <span className="dyn-lattice-reads"> reads {reads}</span>
    </>
  );
}

/**
 * The Versions tab under lattice values (WoDet'14): each replica keeps one state of the lattice
 * for the key, never siblings, and every version that reaches it is joined in. Shown at the
 * player's time: the state each replica holds, whether they agree, and the latest joins (what
 * a replica held, what arrived and from where, and what it holds now).
 */
export function LatticeStates({ trace, config, position, selectedKey }: Props) {
  const lattice = useMemo(() => replicatedLattice(config.lattice), [config.lattice]);
  const holdsItems = lattice?.holdsItems ?? false;
  const e = trace.events;
  const last = Math.min(position, e.length - 1);
  const upTo = last >= 0 ? e.time[last]! : -Infinity;
  const records = trace.latticeStates.filter((r) => r.key === selectedKey && r.time <= upTo);
  const current = new Map<number, LatticeStateRecord>();
  for (const r of records) current.set(r.node, r);
  const replicas = [...current.values()].sort((a, b) => a.node - b.node);
  const distinct = new Set(replicas.map((r) => r.after)).size;
  const M = trace.nodes;
  if (records.length === 0)
    return <p className="dyn-empty">No replica of {keyName(selectedKey)} held a state by this point of the replay. Pick another key or move the player forward.</p>;
  return (
    <div className="dyn-lattice-versions">
      <p className="dyn-note">
        Values are elements of the lattice <b>{lattice?.title}</b>: a replica keeps one state per key, the join (⊔) of every version it received, so there are never siblings to reconcile.{' '}
        {distinct === 1 ? `All ${replicas.length} replicas that hold ${keyName(selectedKey)} hold the same state.` : `${replicas.length} replicas hold ${distinct} different states; joins bring them together.`}
      </p>
      <table className="data dyn-held dyn-lattice-held">
        <caption>Replica states of {keyName(selectedKey)} now</caption>
        <thead>
          <tr>
            <th>node</th>
            <th>state</th>
            <th>since</th>
          </tr>
        </thead>
        <tbody>
          {replicas.map((r) => (
            <tr key={r.node}>
              <td>{nodeName(r.node)}</td>
              <td>
                <StateText state={r.after} r={r} holdsItems={holdsItems} />
              </td>
              <td className="num">{formatMs(r.time)}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <table className="data dyn-reads dyn-lattice-joins">
        <caption>
          Joins at the replicas{records.length > SHOWN_JOINS ? ` (the latest ${SHOWN_JOINS} of ${records.length})` : ''}: held ⊔ arrived = kept
        </caption>
        <thead>
          <tr>
            <th>time</th>
            <th>node</th>
            <th>held</th>
            <th>arrived</th>
            <th>kept</th>
          </tr>
        </thead>
        <tbody>
          {records.slice(-SHOWN_JOINS).map((r, i) => (
            <tr key={i}>
              <td className="num">{formatMs(r.time)}</td>
              <td>{nodeName(r.node)}</td>
              <td>{r.before === null ? <span className="dyn-lattice-reads">nothing (⊥)</span> : <code className="dyn-lattice-state">{r.before}</code>}</td>
              <td>
                <code className="dyn-lattice-state">{r.incomingState}</code>
                <span className="dyn-lattice-reads">
                  {' '}
                  v{r.incoming} from {endpointName(r.from, M)} by {STORE_CAUSE_NAMES[r.cause]}
                </span>
              </td>
              <td>
                <StateText state={r.after} r={r} holdsItems={holdsItems} />
                <span className="dyn-lattice-reads">{r.joined ? ' (a join of both)' : ' (the arrival: it already held all that)'}</span>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
