import * as d3 from 'd3';
import type { DynamoConfig } from '../../../engines/dynamo/config.ts';
import type { DynamoTrace } from '../../../engines/dynamo/engine.ts';
import { MESSAGE_NAMES } from '../../../engines/dynamo/sim/messages.ts';
import { FLAG, REC } from '../../../engines/dynamo/measure/traceRecorder.ts';
import { OP_NAMES } from '../../../engines/dynamo/sim/workload.ts';
import { endpointName, formatMs, keyName, nowLabel } from '../names.ts';
import { clusterAt, timeAt } from '../timeline.ts';
import { FAMILIES, familyOf, isBackground, messageColor } from './messageStyle.ts';
import { Mark } from '../../../ui/chart/palette.tsx';
import { BottomAxis } from '../../../ui/chart/Axis.tsx';
import { tickCount } from '../../../ui/chart/format.ts';
import { textWidth } from '../../../ui/chart/wrap.ts';
import { messageWindow, type Span } from './messageWindow.ts';

/** Messages shown at most: enough to follow a few requests, few enough to read. */
const WINDOW = 50;
/** How far ahead to look for messages already sent but not yet delivered. */
const LOOKAHEAD = 600;

export interface MessageDiagramProps {
  trace: DynamoTrace;
  config: DynamoConfig;
  position: number;
  width: number;
  selectedKey: number;
  background: boolean;
  /** The drawing's height on a projector: lanes share it, and only the latest messages whose lanes fit at a legible height are drawn. */
  height?: number;
}

/** A lane's least height (px) where its label stays legible; the room above and below the lanes (cursor label, axis). */
const LANE_MIN = 17;
const FRAME_H = 70;

interface Arrow {
  i: number;
  from: number;
  to: number;
  sent: number;
  time: number;
  type: number;
  key: number;
  dropped: boolean;
  /** Still travelling at the player's time: drawn up to the cursor. */
  inFlight: boolean;
}

/**
 * The Lamport diagram (space-time diagram): one lane per node and client, time flowing right,
 * every message an arrow from its send to its delivery (a cross where it was lost). It shows the
 * last messages up to the player's time; those still travelling end at the cursor. Requests
 * start (○) and finish (● ok, ✕ failed) on client lanes; versions stored are ticks on node lanes.
 */
export function MessageDiagram({ trace, config, position, width, selectedKey, background, height: room }: MessageDiagramProps) {
  const e = trace.events;
  const M = trace.nodes;
  const p = Math.min(position, e.length - 1);
  const now = timeAt(trace, p);
  const candidates: Arrow[] = [];
  const marks: { i: number; kind: number; at: number; lane: number; ok: boolean; hinted: boolean; key: number; type: number }[] = [];
  for (let i = p; i >= 0 && candidates.length < WINDOW; i--) {
    const kind = e.kind[i]!;
    if (kind === REC.message) {
      if (!background && isBackground(e.type[i]!)) continue;
      candidates.push({ i, from: e.from[i]!, to: e.to[i]!, sent: e.sent[i]!, time: e.time[i]!, type: e.type[i]!, key: e.key[i]!, dropped: (e.flags[i]! & FLAG.DROPPED) !== 0, inFlight: false });
    } else if (kind === REC.start || kind === REC.finish) {
      marks.push({ i, kind, at: e.time[i]!, lane: e.from[i]!, ok: (e.flags[i]! & FLAG.OK) !== 0, hinted: false, key: e.key[i]!, type: e.type[i]! });
    } else if (kind === REC.store) {
      marks.push({ i, kind, at: e.time[i]!, lane: e.to[i]!, ok: true, hinted: (e.flags[i]! & FLAG.HINTED) !== 0, key: e.key[i]!, type: e.type[i]! });
    }
  }
  for (let i = p + 1; i < e.length && i <= p + LOOKAHEAD; i++) {
    if (e.kind[i] !== REC.message || e.sent[i]! > now) continue;
    if (!background && isBackground(e.type[i]!)) continue;
    candidates.push({ i, from: e.from[i]!, to: e.to[i]!, sent: e.sent[i]!, time: e.time[i]!, type: e.type[i]!, key: e.key[i]!, dropped: (e.flags[i]! & FLAG.DROPPED) !== 0, inFlight: true });
  }
  const maxLanes = room === undefined ? Infinity : Math.max(2, Math.floor((room - FRAME_H) / LANE_MIN));
  // The latest messages first: on a short pane the oldest go until their lanes fit.
  let kept = [...candidates].sort((a, b) => b.sent - a.sent || b.i - a.i);
  let drawn = lanesDrawn(kept, marks, now, M + trace.clients, maxLanes);
  while (drawn.lanes.length > maxLanes && kept.length > 1) drawn = lanesDrawn((kept = kept.slice(0, -1)), marks, now, M + trace.clients, maxLanes);
  const { t0, t1, shown: arrows, cursorAfter, visibleMarks, lanes } = drawn;
  const laneH = room === undefined ? Math.max(16, Math.min(36, 460 / Math.max(1, lanes.length))) : Math.max(LANE_MIN, Math.min(36, (room - FRAME_H) / Math.max(1, lanes.length)));
  const left = 44;
  // Room right of the last lane for half of a tick label ("9.98100 s") near the window's end.
  const right = 40;
  // Room above the lanes for the cursor's label.
  const top = 24;
  const height = top + lanes.length * laneH + 46;
  const xEnd = Math.max(left + 50, width - right);
  const x = d3.scaleLinear().domain([t0, t1]).range([left, xEnd]);
  const laneY = new Map(lanes.map((l, k) => [l, top + k * laneH + laneH / 2]));
  const y = (lane: number) => laneY.get(lane) ?? -100;
  const cluster0 = clusterAt(trace, config, t0);
  const downs = trace.failures.filter((f) => f.at <= now);

  // Down periods per node lane, from the failure schedule.
  const downBands: { lane: number; from: number; to: number }[] = [];
  for (const lane of lanes) {
    if (lane >= M) continue;
    let since = cluster0.up[lane] ? undefined : t0;
    for (const f of downs) {
      if (f.at < t0) continue;
      const spec = config.failures[f.index];
      if (!spec || !('node' in spec) || (spec.kind !== 'crash' && spec.kind !== 'recover') || spec.node !== lane) continue;
      if (spec.kind === 'crash' && since === undefined) since = f.at;
      if (spec.kind === 'recover' && since !== undefined) {
        downBands.push({ lane, from: since, to: f.at });
        since = undefined;
      }
    }
    if (since !== undefined) downBands.push({ lane, from: since, to: t1 });
  }
  const { ticks, tick } = timeTicks(x, tickCount(width, 110), t1 - t0);
  const highlight = (key: number) => key === selectedKey;

  return (
    <svg
      width={width}
      height={height}
      className="dyn-lamport"
      role="img"
      data-messages={arrows.length}
      aria-label={`Messages from ${formatMs(Math.max(0, t0))} to ${formatMs(cursorAfter ? t1 : now)}${cursorAfter ? `; the player is later, at ${formatMs(now)}` : ''}`}
    >
      <defs>
        {FAMILIES.map((f) => (
          <marker key={f.id} id={`dyn-arrow-${f.id}`} viewBox="0 0 10 10" refX={9} refY={5} markerWidth={7} markerHeight={7} orient="auto-start-reverse">
            <path d="M0,0L10,5L0,10z" fill={f.color} />
          </marker>
        ))}
      </defs>
      {lanes.map((l) => (
        <g key={l}>
          <line x1={left} x2={xEnd} y1={y(l)} y2={y(l)} className={l < M ? 'dyn-lane' : 'dyn-lane client'} />
          <text x={left - 8} y={y(l)} textAnchor="end" dominantBaseline="central" className="dyn-lane-label">
            {endpointName(l, M)}
          </text>
        </g>
      ))}
      {downBands.map((b, k) => (
        <rect key={k} x={x(b.from)} width={Math.max(1, x(b.to) - x(b.from))} y={y(b.lane) - laneH * 0.32} height={laneH * 0.64} className="dyn-down-band">
          <title>{`${endpointName(b.lane, M)} is down`}</title>
        </rect>
      ))}
      {downBands
        .filter((b) => x(b.to) - x(b.from) > 44)
        .map((b, k) => (
          <text key={k} x={x(b.from) + 4} y={y(b.lane)} dominantBaseline="central" className="dyn-down-label">
            {`${endpointName(b.lane, M)} down`}
          </text>
        ))}
      {arrows.map((a) => {
        const x1 = x(a.sent);
        const y1 = y(a.from);
        const end = a.inFlight ? Math.min(1, (now - a.sent) / Math.max(1e-9, a.time - a.sent)) : 1;
        const x2 = x1 + (x(a.time) - x1) * end;
        const y2 = y1 + (y(a.to) - y1) * end;
        const color = messageColor(a.type);
        const fam = familyOf(a.type);
        const faint = selectedKey >= 0 && a.key >= 0 && !highlight(a.key);
        return (
          <g key={a.i} opacity={faint ? 0.35 : 1}>
            <title>{`${MESSAGE_NAMES[a.type]} ${endpointName(a.from, M)} → ${endpointName(a.to, M)}${a.key >= 0 ? ` (${keyName(a.key)})` : ''}: sent ${formatMs(a.sent)}, ${a.dropped ? 'lost' : 'delivered'} ${formatMs(a.time)}`}</title>
            <line x1={x1} y1={y1} x2={x2} y2={y2} stroke={color} strokeWidth={highlight(a.key) ? 2.2 : 1.4} strokeDasharray={a.inFlight ? '4 3' : undefined} markerEnd={a.dropped || a.inFlight ? undefined : `url(#dyn-arrow-${fam.id})`} />
            <Mark category={fam} x={(x1 + x2) / 2} y={(y1 + y2) / 2} size={7} />
            {a.dropped && !a.inFlight && <path d={`M${x2 - 5},${y2 - 5}L${x2 + 5},${y2 + 5}M${x2 + 5},${y2 - 5}L${x2 - 5},${y2 + 5}`} className="dyn-lost" />}
          </g>
        );
      })}
      {visibleMarks.map((m) => {
        const cx = x(m.at);
        const cy = y(m.lane);
        if (m.kind === REC.store)
          return (
            <rect key={m.i} x={cx - 3} y={cy - 3} width={6} height={6} className={m.hinted ? 'dyn-store hinted' : 'dyn-store'}>
              <title>{`${endpointName(m.lane, M)} stores a version of ${keyName(m.key)}${m.hinted ? ' as a hint' : ''}`}</title>
            </rect>
          );
        const what = `${OP_NAMES[m.type] ?? 'op'}(${keyName(m.key)})`;
        if (m.kind === REC.start)
          return (
            <circle key={m.i} cx={cx} cy={cy} r={5} className="dyn-op-start">
              <title>{`${endpointName(m.lane, M)} starts ${what}`}</title>
            </circle>
          );
        return m.ok ? (
          <circle key={m.i} cx={cx} cy={cy} r={5} className="dyn-op-ok">
            <title>{`${endpointName(m.lane, M)}: ${what} succeeded`}</title>
          </circle>
        ) : (
          <path key={m.i} d={`M${cx - 6},${cy - 6}L${cx + 6},${cy + 6}M${cx + 6},${cy - 6}L${cx - 6},${cy + 6}`} className="dyn-op-failed">
            <title>{`${endpointName(m.lane, M)}: ${what} failed`}</title>
          </path>
        );
      })}
      {cursorAfter ? (
        <g className="dyn-cursor-later">
          <line x1={xEnd} x2={xEnd} y1={top - 4} y2={top + lanes.length * laneH} className="chart-cursor" strokeDasharray="2 4" />
          <text x={xEnd} y={top - 10} textAnchor="end" className="chart-tick">
            {`player at ${formatMs(now)} →`}
          </text>
        </g>
      ) : (
        <g className="dyn-cursor">
          <line x1={x(now)} x2={x(now)} y1={top - 4} y2={top + lanes.length * laneH} className="chart-cursor" />
          <text x={x(now)} y={top - 10} textAnchor={x(now) > xEnd - 60 ? 'end' : x(now) < left + 60 ? 'start' : 'middle'} className="chart-tick">
            {nowLabel(now)}
          </text>
        </g>
      )}
      <g transform={`translate(0,${top + lanes.length * laneH + 6})`}>
        <BottomAxis x={x} ticks={ticks} format={tick} from={left} to={xEnd} label="simulated time (the cursor is the player’s position)" labelY={36} />
      </g>
    </svg>
  );
}

/** The window over `arrows` (messageWindow), the marks in it, and the lanes drawn: every endpoint where they fit, else those the window touches. */
function lanesDrawn<A extends Span & { from: number; to: number }, K extends { at: number; lane: number }>(arrows: A[], marks: K[], now: number, endpointCount: number, maxLanes: number) {
  const w = messageWindow(arrows, now);
  const visibleMarks = marks.filter((m) => m.at >= w.t0 && m.at <= w.t1);
  const endpoints = new Set<number>();
  for (const a of w.shown) endpoints.add(a.from).add(a.to);
  for (const m of visibleMarks) endpoints.add(m.lane);
  const everyone = endpointCount <= Math.min(18, maxLanes);
  const lanes = everyone ? Array.from({ length: endpointCount }, (_, i) => i) : [...endpoints].sort((a, b) => a - b);
  return { ...w, visibleMarks, lanes };
}

/** The time axis's type at its largest (a projector's floor), and the least room between two of its labels, in px. */
const TICK_FONT = 14;
const TICK_GAP = 16;

/**
 * The time axis's ticks, at most `most`, and their labels with enough decimals to tell them apart
 * ("3.505 s" on a window of a few milliseconds): fewer ticks where such long labels would run into
 * each other ("20.0292 s" beside "20.0294 s").
 */
function timeTicks(x: d3.ScaleLinear<number, number>, most: number, span: number): { ticks: number[]; tick(v: number): string } {
  for (let n = most; ; n--) {
    const ticks = x.ticks(n);
    const step = ticks.length > 1 ? ticks[1]! - ticks[0]! : span;
    const tick = (v: number) => (v < 1000 || step >= 1000 ? formatMs(v) : `${(v / 1000).toFixed(Math.max(1, -Math.floor(Math.log10(step / 1000))))} s`);
    const widest = Math.max(...ticks.map((t) => textWidth(tick(t), TICK_FONT)));
    if (n <= 2 || ticks.length < 2 || x(ticks[1]!) - x(ticks[0]!) >= widest + TICK_GAP) return { ticks, tick };
  }
}
