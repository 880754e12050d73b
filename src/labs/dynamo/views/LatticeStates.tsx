import { useMemo, type ReactNode } from 'react';
import type { DynamoConfig } from '../../../engines/dynamo/config.ts';
import type { DynamoTrace } from '../../../engines/dynamo/engine.ts';
import { PagedRows } from '../../../ui/present/PagedRows.tsx';
import { PaneSections, type PaneSection } from '../../../ui/present/PaneSections.tsx';
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

/** The key's lattice states up to the player's time: every join at a replica, and the state each replica holds now. */
function useLatticeHistory({ trace, config, position, selectedKey }: Props) {
  const lattice = useMemo(() => replicatedLattice(config.lattice), [config.lattice]);
  const e = trace.events;
  const last = Math.min(position, e.length - 1);
  const upTo = last >= 0 ? e.time[last]! : -Infinity;
  const records = trace.latticeStates.filter((r) => r.key === selectedKey && r.time <= upTo);
  const current = new Map<number, LatticeStateRecord>();
  for (const r of records) current.set(r.node, r);
  const replicas = [...current.values()].sort((a, b) => a.node - b.node);
  return { title: lattice?.title, holdsItems: lattice?.holdsItems ?? false, records, replicas, nodes: trace.nodes, selectedKey };
}
type LatticeHistory = ReturnType<typeof useLatticeHistory>;

/**
 * The Versions tab under lattice values (WoDet'14): each replica keeps one state of the lattice
 * for the key, never siblings, and every version that reaches it is joined in. Shown at the
 * player's time: the state each replica holds, whether they agree, and the latest joins (what
 * a replica held, what arrived and from where, and what it holds now).
 */
export function LatticeStates(props: Props) {
  const h = useLatticeHistory(props);
  if (h.records.length === 0) return <NoStates selectedKey={props.selectedKey} />;
  const from = Math.max(0, h.records.length - SHOWN_JOINS);
  return (
    <div className="dyn-lattice-versions">
      <LatticeNote h={h} />
      <StatesTable h={h} from={0} to={h.replicas.length} />
      <JoinsTable h={h} from={from} to={h.records.length} caption={from > 0 ? ` (the latest ${SHOWN_JOINS} of ${h.records.length})` : ''} />
    </div>
  );
}

/**
 * The lattice states on a projector: the replicas' states (with what a lattice value is), then
 * the joins, each table as many rows as the pane holds and the others a page away.
 */
export function LatticeSections(props: Props) {
  const h = useLatticeHistory(props);
  if (h.records.length === 0) return <NoStates selectedKey={props.selectedKey} />;
  const sections: PaneSection[] = [
    {
      id: 'states',
      label: `Replica states of ${keyName(props.selectedKey)} now`,
      render: () => (
        <PagedRows total={h.replicas.length} noun="replicas">
          {(from, to, pager) => (
            <>
              <LatticeNote h={h} />
              <StatesTable h={h} from={from} to={to} pager={pager} />
            </>
          )}
        </PagedRows>
      ),
    },
    {
      id: 'joins',
      label: 'Joins at the replicas',
      render: () => <PagedRows total={h.records.length} noun="joins" fromEnd>{(from, to, pager) => <JoinsTable h={h} from={from} to={to} caption={pager} />}</PagedRows>,
    },
  ];
  return <PaneSections sections={sections} label="Show" />;
}

function NoStates({ selectedKey }: { selectedKey: number }) {
  return <p className="dyn-empty">No replica of {keyName(selectedKey)} held a state by this point of the replay. Pick another key or move the player forward.</p>;
}

/** What a lattice value is, and whether the replicas agree now. */
function LatticeNote({ h }: { h: LatticeHistory }) {
  const distinct = new Set(h.replicas.map((r) => r.after)).size;
  return (
    <p className="dyn-note">
      Values are elements of the lattice <b>{h.title}</b>: a replica keeps one state per key, the join (⊔) of every version it received, so there are never siblings to reconcile.{' '}
      {distinct === 1 ? `All ${h.replicas.length} replicas that hold ${keyName(h.selectedKey)} hold the same state.` : `${h.replicas.length} replicas hold ${distinct} different states; joins bring them together.`}
    </p>
  );
}

/** The state each replica holds now (the replicas `from` to `to`). */
function StatesTable({ h, from, to, pager }: { h: LatticeHistory; from: number; to: number; pager?: ReactNode }) {
  return (
    <table className="data dyn-held dyn-lattice-held">
      <caption>
        Replica states of {keyName(h.selectedKey)} now{pager}
      </caption>
      <thead>
        <tr>
          <th>node</th>
          <th>state</th>
          <th>since</th>
        </tr>
      </thead>
      <tbody>
        {h.replicas.slice(from, to).map((r) => (
          <tr key={r.node}>
            <td>{nodeName(r.node)}</td>
            <td>
              <StateText state={r.after} r={r} holdsItems={h.holdsItems} />
            </td>
            <td className="num">{formatMs(r.time)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/** The joins `from` to `to`: what a replica held, what arrived and from where, and what it kept. */
function JoinsTable({ h, from, to, caption }: { h: LatticeHistory; from: number; to: number; caption: ReactNode }) {
  return (
    <table className="data dyn-reads dyn-lattice-joins">
      <caption>
        Joins at the replicas{caption}: held ⊔ arrived = kept
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
        {h.records.slice(from, to).map((r, i) => (
          <tr key={from + i}>
            <td className="num">{formatMs(r.time)}</td>
            <td>{nodeName(r.node)}</td>
            <td>{r.before === null ? <span className="dyn-lattice-reads">nothing (⊥)</span> : <code className="dyn-lattice-state">{r.before}</code>}</td>
            <td>
              <code className="dyn-lattice-state">{r.incomingState}</code>
              <span className="dyn-lattice-reads">
                {' '}
                v{r.incoming} from {endpointName(r.from, h.nodes)} by {STORE_CAUSE_NAMES[r.cause]}
              </span>
            </td>
            <td>
              <StateText state={r.after} r={r} holdsItems={h.holdsItems} />
              <span className="dyn-lattice-reads">{r.joined ? ' (a join of both)' : ' (the arrival: it already held all that)'}</span>
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
