import { memo, useMemo, useRef, useState, type PointerEvent as ReactPointerEvent } from 'react';
import type { Ring } from '../../../engines/dynamo/ring/ring.ts';
import { clientName, nodeColor, nodeName } from '../names.ts';
import type { ClusterState } from '../timeline.ts';
import { familyOf, messageColor } from './messageStyle.ts';
import { seriesStyle, shapePath } from '../../../ui/chart/palette.tsx';
import { angleOf, ringArcs, type RingBand as Band } from './ringArcs.ts';
import { nodeLabelSize, rimReach } from './ringLabels.ts';

export interface InFlight {
  from: number;
  to: number;
  /** 0 at the sender, 1 at the receiver. */
  progress: number;
  type: number;
  dropped: boolean;
}

export type RingMode = 'crash' | 'partition';

interface RingViewProps {
  ring: Ring;
  /** Nodes that ever exist (endpoint ids below this are nodes). */
  nodes: number;
  clients: number;
  cluster: ClusterState;
  size: number;
  selectedKey: number;
  /** Position of the selected key on the ring and its extended preference list. */
  keyPosition: number;
  preference: readonly number[];
  n: number;
  hints: readonly number[];
  inFlight: readonly InFlight[];
  mode: RingMode;
  interactive: boolean;
  onNode(node: number): void;
  onPartition(nodesA: number[], clientsA: number[], clientsB: number[]): void;
}

const TAU = 2 * Math.PI;
/** The smallest ring drawn, in px: a smaller size is drawn at this one (a layout that gives less room must give at least this). */
export const RING_MIN = 240;
/** A partition's sides: a colour and a dash of the ring drawn round each member (the dash tells them apart without colour). */
const groupOf = (g: number) => seriesStyle(g % 4);

/**
 * The ring (SOSP'07 Figure 2): the hash space as a circle, key ranges coloured by the node that
 * coordinates them, token ticks, and the physical nodes around it. The selected key's preference
 * list is numbered; down nodes, partitions, hinted backlog and messages in flight at the player's
 * time are drawn on top. Clicking a node crashes or recovers it; in partition mode, a line drawn
 * across the ring splits the cluster.
 */
export function RingView(props: RingViewProps) {
  const { ring, nodes, clients, cluster, size, preference, n, hints, inFlight, mode, interactive } = props;
  const svg = useRef<SVGSVGElement>(null);
  const [cut, setCut] = useState<{ x1: number; y1: number; x2: number; y2: number }>();
  const s = Math.max(RING_MIN, size);
  const c = s / 2;
  const bandR = s * 0.29;
  const bandWidth = Math.max(10, s * 0.05);
  const members = Array.from({ length: nodes }, (_, i) => i).filter((i) => ring.members.includes(i) || cluster.member[i] || cluster.up[i]);
  const badge = Math.max(10, Math.min(26, s * 0.07, (TAU * s * 0.415) / Math.max(1, members.length) / 2.4));
  const rankR = Math.max(8, badge * 0.5);
  const slowed = members.some((i) => cluster.slow[i] !== 1);
  // Node discs, the rank badges and notes around them stay inside the drawing, however small the ring.
  const fitRadius = (crowdedRing: boolean) => Math.min(s * 0.415, c - rimReach(badge, rankR, crowdedRing, slowed ? Math.max(11, s * 0.028) : 0) - 2);
  // Many nodes on a small ring: every other disc moves inwards, so neighbours' discs, labels and
  // rank badges cannot collide (with 30 nodes they would on one circle).
  const crowded = members.length > 1 && (TAU * fitRadius(false)) / members.length < badge * 2.9;
  const badgeR = fitRadius(crowded);
  const slot = (i: number) => members.indexOf(i);
  const innerR = Math.max(bandR + bandWidth / 2 + badge + 4, badgeR - badge * 2.6);
  const nodeXY = (i: number): [number, number] => {
    const a = (slot(i) / Math.max(1, members.length)) * TAU - Math.PI / 2;
    const r = crowded && slot(i) % 2 === 1 ? innerR : badgeR;
    return [c + r * Math.cos(a), c + r * Math.sin(a)];
  };
  // A node's rank badge sits on its rim: up-left, or, on a crowded ring, on the side away from its neighbours (outwards on the outer circle, inwards on the inner).
  const rankXY = (i: number): string => {
    if (!crowded) return `${-badge * 0.95},${-badge * 0.95}`;
    const a = (slot(i) / Math.max(1, members.length)) * TAU - Math.PI / 2;
    const d = (slot(i) % 2 === 1 ? -1 : 1) * (badge + rankR + 1);
    return `${d * Math.cos(a)},${d * Math.sin(a)}`;
  };
  // The names' type size: as large as fits every disc with no two names touching (ringLabels.ts).
  const labelSize = nodeLabelSize(members.map((i) => ({ x: nodeXY(i)[0], y: nodeXY(i)[1], text: nodeName(i) })), badge);
  const clientCols = Math.ceil(Math.sqrt(clients));
  const clientGap = Math.min(s * 0.075, (bandR * 1.1) / Math.max(1, clientCols));
  const clientXY = (k: number): [number, number] => {
    const row = Math.floor(k / clientCols);
    const col = k % clientCols;
    const rows = Math.ceil(clients / clientCols);
    return [c + (col - (clientCols - 1) / 2) * clientGap, c + (row - (rows - 1) / 2) * clientGap];
  };
  const endpointXY = (e: number) => (e < nodes ? nodeXY(e) : clientXY(e - nodes));
  const total = Math.max(ring.members.length, nodes);

  const band = useMemo(() => ringArcs(ring), [ring]);
  const keyAngle = angleOf(props.keyPosition);
  const keyXY: [number, number] = [c + bandR * Math.cos(keyAngle), c + bandR * Math.sin(keyAngle)];
  const rank = new Map<number, number>();
  preference.forEach((node, i) => rank.set(node, i));
  // The nodes a perfect failure detector would pick for the key: the first N that are up and reachable.
  const healthy: number[] = [];
  for (const node of preference) if (cluster.up[node] && healthy.length < n) healthy.push(node);

  const point = (e: ReactPointerEvent<SVGSVGElement>): [number, number] => {
    const box = svg.current!.getBoundingClientRect();
    return [((e.clientX - box.left) / box.width) * s, ((e.clientY - box.top) / box.height) * s];
  };
  const side = (x: number, y: number, k: { x1: number; y1: number; x2: number; y2: number }) =>
    (k.x2 - k.x1) * (y - k.y1) - (k.y2 - k.y1) * (x - k.x1) > 0;
  const finishCut = () => {
    const k = cut;
    setCut(undefined);
    if (!k || Math.hypot(k.x2 - k.x1, k.y2 - k.y1) < s * 0.1) return;
    const up = members.filter((i) => cluster.member[i]);
    const a = up.filter((i) => side(...nodeXY(i), k));
    if (a.length === 0 || a.length === up.length) return;
    const cs = Array.from({ length: clients }, (_, i) => i);
    props.onPartition(a, cs.filter((i) => side(...clientXY(i), k)), cs.filter((i) => !side(...clientXY(i), k)));
  };

  return (
    <svg
      ref={svg}
      className={`dyn-ring mode-${mode}`}
      width={s}
      height={s}
      viewBox={`0 0 ${s} ${s}`}
      role="img"
      aria-label={`The ring: ${ring.members.length} nodes, ${ring.tokens.length} tokens, ${ring.bounds.length} key ranges${band.summarised ? ' (summarised)' : ''}`}
      onPointerDown={(e) => {
        if (mode !== 'partition' || !interactive) return;
        const [x, y] = point(e);
        svg.current!.setPointerCapture(e.pointerId);
        setCut({ x1: x, y1: y, x2: x, y2: y });
      }}
      onPointerMove={(e) => {
        if (!cut) return;
        const [x, y] = point(e);
        setCut({ ...cut, x2: x, y2: y });
      }}
      onPointerUp={finishCut}
    >
      <RingBand band={band} centre={c} radius={bandR} width={bandWidth} tick={Math.max(4, s * 0.012)} total={total} ranges={ring.bounds.length} />
      <g className="dyn-preference">
        {preference.map((node, i) => {
          const [x, y] = nodeXY(node);
          const home = i < n;
          const standIn = !home && healthy.includes(node);
          if (!home && !standIn) return null;
          return (
            <line
              key={node}
              x1={keyXY[0]}
              y1={keyXY[1]}
              x2={x}
              y2={y}
              className={home ? 'dyn-pref-home' : 'dyn-pref-fallback'}
              strokeWidth={i === 0 ? 3 : 2}
              opacity={cluster.up[node] ? 0.85 : 0.35}
            />
          );
        })}
      </g>
      <g className="dyn-key" transform={`translate(${keyXY[0]},${keyXY[1]})`}>
        <circle r={Math.max(5, s * 0.013)} />
        {/* The key's name inside the band, towards the centre: outside it would meet the nodes' rank badges. */}
        <text
          x={-(bandWidth / 2 + Math.max(10, s * 0.028)) * Math.cos(keyAngle)}
          y={-(bandWidth / 2 + Math.max(10, s * 0.028)) * Math.sin(keyAngle)}
          textAnchor="middle"
          dominantBaseline="central"
          className="dyn-key-label"
        >{`k${props.selectedKey}`}</text>
      </g>
      <g className="dyn-flight">
        {inFlight.map((m, i) => {
          const [x1, y1] = endpointXY(m.from);
          const [x2, y2] = endpointXY(m.to);
          const x = x1 + (x2 - x1) * m.progress;
          const y = y1 + (y2 - y1) * m.progress;
          return (
            <g key={i}>
              <line x1={x1} y1={y1} x2={x} y2={y} stroke={messageColor(m.type)} strokeWidth={1.5} opacity={0.45} />
              <path d={shapePath(familyOf(m.type).shape, Math.max(8, s * 0.02))} transform={`translate(${x},${y})`} fill={m.dropped ? '#fff' : messageColor(m.type)} stroke={m.dropped ? messageColor(m.type) : '#16191d'} strokeWidth={m.dropped ? 1.5 : 0.8} />
            </g>
          );
        })}
      </g>
      <g className="dyn-clients">
        {Array.from({ length: clients }, (_, k) => {
          const [x, y] = clientXY(k);
          const g = cluster.clientGroup[k]!;
          const w = Math.max(16, clientGap * 0.7);
          return (
            <g key={k} transform={`translate(${x},${y})`}>
              <rect x={-w / 2} y={-w / 2} width={w} height={w} rx={3} className="dyn-client" stroke={g >= 0 ? groupOf(g).color : undefined} strokeWidth={g >= 0 ? 3 : 1} strokeDasharray={g >= 0 ? groupOf(g).dash || undefined : undefined} />
              <text textAnchor="middle" dominantBaseline="central" className="dyn-client-label">
                {clientName(k)}
              </text>
            </g>
          );
        })}
      </g>
      <g className="dyn-nodes">
        {members.map((i) => {
          const [x, y] = nodeXY(i);
          const up = cluster.up[i];
          const member = cluster.member[i] && ring.members.includes(i);
          const g = cluster.group[i]!;
          const r = rank.get(i);
          const label = `Node ${nodeName(i)}: ${up ? 'up' : 'down'}${member ? '' : ', not in the ring'}${hints[i] ? `, holding ${hints[i]} hinted versions` : ''}${
            interactive && mode === 'crash' ? `. Click to ${up ? 'crash' : 'recover'} it now.` : ''
          }`;
          return (
            <g
              key={i}
              transform={`translate(${x},${y})`}
              className={`dyn-node${up ? '' : ' down'}${member ? '' : ' outside'}${interactive && mode === 'crash' ? ' clickable' : ''}`}
              role={interactive && mode === 'crash' ? 'button' : undefined}
              tabIndex={interactive && mode === 'crash' ? 0 : undefined}
              aria-label={label}
              onClick={() => interactive && mode === 'crash' && props.onNode(i)}
              onKeyDown={(e) => {
                if (!interactive || mode !== 'crash' || (e.key !== 'Enter' && e.key !== ' ')) return;
                e.preventDefault();
                props.onNode(i);
              }}
            >
              <title>{label}</title>
              {g >= 0 && <circle r={badge + 5} fill="none" stroke={groupOf(g).color} strokeWidth={4} strokeDasharray={groupOf(g).dash || undefined} />}
              <circle r={badge} fill={up ? nodeColor(i, total) : '#e5e7eb'} className="dyn-node-disc" />
              {!up && <path d={`M${-badge * 0.7},${-badge * 0.7}L${badge * 0.7},${badge * 0.7}M${badge * 0.7},${-badge * 0.7}L${-badge * 0.7},${badge * 0.7}`} className="dyn-node-x" />}
              <text textAnchor="middle" dominantBaseline="central" className="dyn-node-label" style={{ fontSize: labelSize }}>
                {nodeName(i)}
              </text>
              {r !== undefined && r < n + 2 && (
                <g transform={`translate(${rankXY(i)})`} className={r < n ? 'dyn-rank home' : 'dyn-rank next'}>
                  <circle r={rankR} />
                  <text textAnchor="middle" dominantBaseline="central">
                    {r + 1}
                  </text>
                </g>
              )}
              {hints[i]! > 0 && (
                <g transform={`translate(${badge * 0.95},${-badge * 0.95})`} className="dyn-hints">
                  <rect x={-Math.max(9, badge * 0.55)} y={-Math.max(8, badge * 0.45)} width={2 * Math.max(9, badge * 0.55)} height={2 * Math.max(8, badge * 0.45)} rx={4} />
                  <text textAnchor="middle" dominantBaseline="central">
                    {hints[i]}
                  </text>
                </g>
              )}
              {cluster.slow[i] !== 1 && (
                <text y={badge + Math.max(11, s * 0.028)} textAnchor="middle" className="dyn-slow">{`slow ×${cluster.slow[i]}`}</text>
              )}
            </g>
          );
        })}
      </g>
      {cut && <line x1={cut.x1} y1={cut.y1} x2={cut.x2} y2={cut.y2} className="dyn-cut" />}
    </svg>
  );
}

/**
 * The coloured band and the token ticks: at most a few hundred paths, drawn again only when the
 * ring or the size changes, not at every frame of the player.
 */
const RingBand = memo(function RingBand({ band, centre: c, radius, width, tick, total, ranges }: { band: Band; centre: number; radius: number; width: number; tick: number; total: number; ranges: number }) {
  const arc = (a0: number, a1: number, r0: number, r1: number) => {
    const large = a1 - a0 > Math.PI ? 1 : 0;
    const p = (r: number, a: number) => `${c + r * Math.cos(a)},${c + r * Math.sin(a)}`;
    return `M${p(r1, a0)}A${r1},${r1} 0 ${large} 1 ${p(r1, a1)}L${p(r0, a1)}A${r0},${r0} 0 ${large} 0 ${p(r0, a0)}Z`;
  };
  const sampled = `(sampled: ${ranges.toLocaleString('en-US')} ranges are too many to draw one by one)`;
  const r0 = radius + width / 2 + 1;
  return (
    <>
      <g className="dyn-ranges">
        {band.arcs.map(({ range, a0, a1, owner }) => (
          <path key={a0} d={arc(a0, a1, radius - width / 2, radius + width / 2)} fill={nodeColor(owner, total)} stroke={band.summarised ? 'none' : '#fff'} strokeWidth={0.6}>
            <title>{range >= 0 ? `Range ${range}: coordinated by ${nodeName(owner)}` : `Coordinated by ${nodeName(owner)} ${sampled}`}</title>
          </path>
        ))}
      </g>
      <g className="dyn-tokens">
        {band.ticks.map(({ angle: a, owner }, t) => (
          <line key={t} x1={c + r0 * Math.cos(a)} y1={c + r0 * Math.sin(a)} x2={c + (r0 + tick) * Math.cos(a)} y2={c + (r0 + tick) * Math.sin(a)} stroke={nodeColor(owner, total)} strokeWidth={1.5} />
        ))}
      </g>
    </>
  );
});
