import type { ReactNode } from 'react';
import type { DynamoConfig } from '../../../engines/dynamo/config.ts';
import type { DynamoTrace } from '../../../engines/dynamo/engine.ts';
import { EMPTY_VALUE, holdsItems, visibleItems } from '../../../engines/dynamo/versioning/values.ts';
import { clientName, clockText, endpointName, formatMs, itemName, keyName, nodeName } from '../names.ts';
import { keyHistory, type KeyHistory } from '../replicaState.ts';
import { readOutcome, versionGraph, type GraphNode } from '../versionGraph.ts';
import { VERSION_KEY_ROW, VersionKey, versionKeyRows, versionKeyWidth, versionRole } from './versionKey.tsx';
import { Mark } from '../../../ui/chart/palette.tsx';
import { textWidth } from '../../../ui/chart/textWidth.ts';

/** Versions drawn at most: the latest ones, when a hot key has a long history. */
export const SHOWN_VERSIONS = 12;

export interface VersionGraphProps {
  trace: DynamoTrace;
  config: DynamoConfig;
  position: number;
  selectedKey: number;
  width: number;
}

/** What the parts of the version view share: the key's history at the player's time. */
export interface HistoryProps {
  history: KeyHistory;
  config: DynamoConfig;
  nodes: number;
  selectedKey: number;
}

/** The graph's key beside the versions (one entry a row) where the lanes leave it this much room, in px. */
const KEY_COLUMN = versionKeyWidth() + 12;

/**
 * A key's version history at the player's time: the graph of vector clocks (SOSP'07 Figure 3),
 * time flowing down, siblings side by side and merges joining them; which replica holds which
 * versions; and what every read returned and made of it (the shopping cart's merge).
 */
export function VersionGraph({ trace, config, position, selectedKey, width }: VersionGraphProps) {
  const history = keyHistory(trace, selectedKey, position);
  if (history.versions.length === 0) return <NoVersions selectedKey={selectedKey} />;
  const parts = { history, config, nodes: trace.nodes, selectedKey };
  const total = history.versions.length;
  return (
    <div className="dyn-versions">
      {total > SHOWN_VERSIONS && <p className="dyn-note">Showing the latest {SHOWN_VERSIONS} of {total} versions of {keyName(selectedKey)}.</p>}
      <div className="dyn-versions-graph">
        <VersionDrawing {...parts} width={width} end={total} count={SHOWN_VERSIONS} />
      </div>
      <div className="dyn-versions-side">
        <HeldTable {...parts} />
        <ReadsTable {...parts} from={Math.max(0, history.reads.length - 8)} to={history.reads.length} />
      </div>
    </div>
  );
}

export function NoVersions({ selectedKey }: { selectedKey: number }) {
  return <p className="dyn-empty">No version of {keyName(selectedKey)} had been written by this point of the replay. Pick another key or move the player forward.</p>;
}

/** A version's box, line by line: its name (a merge says so), who wrote it when, its vector clock, its value. */
interface VersionText {
  id: string;
  meta: string;
  clock: string;
  value: string;
}

function versionText({ config, nodes: M }: HistoryProps, g: GraphNode): VersionText {
  const policy = config.versioning.reconciliation;
  const { v } = g;
  const shown = holdsItems(policy) ? visibleItems(policy, { ...EMPTY_VALUE, ...v.value }) : undefined;
  return {
    id: `v${v.id}${versionRole(g)?.id === 'merge' ? ' · merge' : ''}`,
    meta: `${clientName(v.writer)} · ${formatMs(v.time)}`,
    clock: clockText(v.clock, M),
    value: shown === undefined ? `value ${v.value.n}` : shown.length === 0 ? 'empty cart' : shown.map(itemName).join(', '),
  };
}

/** The type of a box's lines (dynamo.css's .dyn-vg-id, -meta, -clock and -value). */
const TYPE = { id: { size: 13, weight: 700 }, meta: { size: 11 }, clock: { size: 11.5, mono: true }, value: { size: 12.5, weight: 600 } } as const;
/** Where a box's text starts: after the role's mark on the first line, at the left padding on the others; and the padding on the right. */
const MARK_ROOM = 24;
const PAD = 8;
/** The least room between a box's name and its writer and time, on its first line. */
const META_GAP = 12;

/** The width a version's box needs for its text: its widest line, padded on both sides (its clock never touches its edge). */
function boxNeeds(text: VersionText): number {
  const first = MARK_ROOM + textWidth(text.id, TYPE.id) + META_GAP + textWidth(text.meta, TYPE.meta) + PAD;
  return Math.ceil(Math.max(first, PAD + textWidth(text.clock, TYPE.clock) + PAD, PAD + textWidth(text.value, TYPE.value) + PAD));
}

/** How the versions `end - count` to `end` are laid out: lanes, layers, the boxes' text and the drawing's size. */
function layout(parts: HistoryProps, width: number, end: number, count: number, keyBeside: boolean) {
  // Laid out over the versions drawn, each known by its place in the whole history (a merge stays a merge).
  const graph = versionGraph(parts.history.versions, Math.max(0, end - count), end);
  const texts = new Map(graph.map((g) => [g.v.id, versionText(parts, g)]));
  const firstLayer = Math.min(...graph.map((g) => g.layer));
  const lanes = Math.max(1, ...graph.map((g) => g.lane + 1));
  const layers = Math.max(1, ...graph.map((g) => g.layer - firstLayer + 1));
  const gap = 28;
  const room = keyBeside ? width - KEY_COLUMN : width;
  // The lanes share the room, within bounds; a box is never narrower than its text.
  const boxW = Math.max(170, Math.min(250, (room - 20 - (lanes - 1) * gap) / lanes), ...[...texts.values()].map(boxNeeds));
  const boxH = 62;
  const rowH = boxH + 30;
  const graphW = 20 + lanes * boxW + (lanes - 1) * gap;
  const beside = keyBeside && width - graphW >= KEY_COLUMN;
  const svgW = Math.max(width - 4, graphW + (beside ? KEY_COLUMN : 0));
  const graphH = 12 + layers * rowH;
  // The key is part of the drawing, under the versions or beside them: an exported graph keeps it.
  const keyWidth = beside ? KEY_COLUMN - 20 : svgW - 20;
  const keyH = versionKeyRows(keyWidth) * VERSION_KEY_ROW + 6;
  const svgH = beside ? Math.max(graphH, keyH) : graphH + keyH;
  const key = beside ? { x: graphW + 10, y: 6, width: keyWidth } : { x: 10, y: graphH, width: keyWidth };
  return { graph, texts, firstLayer, gap, boxW, boxH, rowH, svgW, svgH, key };
}

/** How many of the versions up to `end` (at most `most`) a drawing `height` px tall holds, its key beside them where they leave room. */
export function versionsThatFit(parts: HistoryProps, width: number, end: number, most: number, height: number): number {
  let count = Math.min(most, end);
  while (count > 1 && layout(parts, width, end, count, true).svgH > height) count--;
  return count;
}

/**
 * The versions `end - count` to `end` of the history as a graph (SOSP'07 Figure 3); `keyBeside`
 * puts its key beside the versions where they leave room (a projector's short pane), not under them.
 */
export function VersionDrawing({ width, end, count, keyBeside = false, ...parts }: HistoryProps & { width: number; end: number; count: number; keyBeside?: boolean }) {
  const { history, nodes: M, selectedKey } = parts;
  const total = history.versions.length;
  const { graph, texts, firstLayer, gap, boxW, boxH, rowH, svgW, svgH, key } = layout(parts, width, end, Math.min(count, end), keyBeside);
  const at = new Map(graph.map((g) => [g.v.id, g]));
  const pos = (id: number) => {
    const g = at.get(id)!;
    return { x: 10 + g.lane * (boxW + gap), y: 6 + (g.layer - firstLayer) * rowH };
  };
  const latestRead = history.reads[history.reads.length - 1];

  return (
    <svg width={svgW} height={svgH} role="img" aria-label={`Version history of ${keyName(selectedKey)}: ${total} versions`}>
      <defs>
        <marker id="dyn-vg-arrow" viewBox="0 0 10 10" refX={9} refY={5} markerWidth={7} markerHeight={7} orient="auto">
          <path d="M0,0L10,5L0,10z" fill="#59626e" />
        </marker>
      </defs>
      {graph.flatMap((g) =>
        g.parents
          .filter((p) => at.has(p))
          .map((p) => {
            const a = pos(p);
            const b = pos(g.v.id);
            const x1 = a.x + boxW / 2;
            const y1 = a.y + boxH;
            const x2 = b.x + boxW / 2 + (g.parents.length > 1 ? (a.x < b.x ? -18 : a.x > b.x ? 18 : 0) : 0);
            const y2 = b.y;
            return (
              <path
                key={`${p}-${g.v.id}`}
                d={`M${x1},${y1}C${x1},${y1 + 22} ${x2},${y2 - 22} ${x2},${y2 - 2}`}
                className={g.parents.length > 1 ? 'dyn-vg-edge merge' : 'dyn-vg-edge'}
                markerEnd="url(#dyn-vg-arrow)"
              />
            );
          }),
      )}
      <VersionKey x={key.x} y={key.y} width={key.width} />
      {graph.map((g) => {
        const { x, y } = pos(g.v.id);
        const returned = latestRead?.versions.includes(g.v.id) ?? false;
        const role = versionRole(g);
        const text = texts.get(g.v.id)!;
        const cls = ['dyn-vg-node', role?.id ?? '', history.committed.has(g.v.id) ? '' : 'uncommitted'].filter(Boolean).join(' ');
        return (
          <g key={g.v.id} transform={`translate(${x},${y})`} className={cls}>
            <title>{`v${g.v.id} written by ${clientName(g.v.writer)} through ${endpointName(g.v.coordinator, M)} at ${formatMs(g.v.time)}; clock ${clockText(g.v.clock, M)}${g.parents.length > 1 ? '; it merges ' + g.parents.map((p) => `v${p}`).join(' and ') : ''}`}</title>
            {/* Returned by the latest read: a second outline around the box, its cue without colour. */}
            {returned && <rect x={-4} y={-4} width={boxW + 8} height={boxH + 8} rx={9} className="dyn-vg-returned" />}
            <rect width={boxW} height={boxH} rx={6} style={role ? { stroke: role.color } : undefined} />
            {role && <Mark category={role} x={14} y={12} size={11} />}
            <text x={role ? MARK_ROOM : PAD} y={17} className="dyn-vg-id">
              {text.id}
            </text>
            <text x={boxW - PAD} y={17} textAnchor="end" className="dyn-vg-meta">
              {text.meta}
            </text>
            <text x={PAD} y={36} className="dyn-vg-clock">
              {text.clock}
            </text>
            <text x={PAD} y={54} className="dyn-vg-value">
              {text.value}
            </text>
          </g>
        );
      })}
    </svg>
  );
}

/** Which replica holds which versions of the key now (own and as hints). */
export function HeldTable({ history, selectedKey, from = 0, to = history.held.length, pager }: HistoryProps & { from?: number; to?: number; pager?: ReactNode }) {
  return (
    <table className="data dyn-held">
      <caption>
        Replicas of {keyName(selectedKey)} now{pager}
      </caption>
      <thead>
        <tr>
          <th>node</th>
          <th>versions held</th>
        </tr>
      </thead>
      <tbody>
        {history.held.slice(from, to).map((h) => (
          <tr key={h.node}>
            <td>{nodeName(h.node)}</td>
            <td>
              {h.own.map((id) => (
                <span key={id} className="dyn-chip">
                  v{id}
                </span>
              ))}
              {h.hinted.map((id) => (
                <span key={`h${id}`} className="dyn-chip hinted" title="kept as a hint for a node that was down">
                  v{id} hint
                </span>
              ))}
              {h.own.length > 1 && <span className="dyn-siblings"> siblings</span>}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/** What the reads `from` to `to` of the key returned, and what the client made of it (the cart's merge: an item deleted may come back). */
export function ReadsTable({ history, config, selectedKey, from, to, pager }: HistoryProps & { from: number; to: number; pager?: ReactNode }) {
  const policy = config.versioning.reconciliation;
  const items = holdsItems(policy);
  return (
    <table className="data dyn-reads">
      <caption>
        Reads of {keyName(selectedKey)}{pager}
      </caption>
      <thead>
        <tr>
          <th>time</th>
          <th>client</th>
          <th>got</th>
          <th>{items ? 'cart after the merge' : 'reconciled value'}</th>
        </tr>
      </thead>
      <tbody>
        {history.reads.slice(from, to).map((r, k) => {
          const returned = r.versions.map((id) => history.versions.find((v) => v.id === id)).filter((v) => v !== undefined);
          const out = readOutcome(policy, returned, history.versions);
          return (
            <tr key={from + k}>
              <td className="num">{formatMs(r.time)}</td>
              <td>{clientName(r.client)}</td>
              <td>
                {r.versions.map((id) => (
                  <span key={id} className="dyn-chip">
                    v{id}
                  </span>
                ))}
              </td>
              <td>
                {items
                  ? out.items.length === 0
                    ? 'empty'
                    : out.items.map((i) => (
                        <span key={i} className={out.resurrected.includes(i) ? 'dyn-item back' : 'dyn-item'}>
                          {itemName(i)}
                          {out.resurrected.includes(i) ? ' (deleted, back!)' : ''}
                          {i === out.items[out.items.length - 1] ? '' : ','}
                        </span>
                      ))
                  : `value ${out.n}`}
                {out.stayDeleted.length > 0 && <span className="dyn-item gone">{out.stayDeleted.map(itemName).join(', ')} stays deleted</span>}
              </td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}
