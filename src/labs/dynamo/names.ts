import * as d3 from 'd3';
import { OKABE_ITO } from '../../ui/chart/palette.tsx';
import { formatClock, type VectorClock } from '../../engines/dynamo/versioning/vectorClock.ts';

/** Node names as in the paper's figures: A, B, C, … Z, AA, AB, … */
export function nodeName(i: number): string {
  let s = '';
  let n = i;
  do {
    s = String.fromCharCode(65 + (n % 26)) + s;
    n = Math.floor(n / 26) - 1;
  } while (n >= 0);
  return s;
}

export const clientName = (c: number): string => `c${c}`;

/** Endpoints 0 … nodes−1 are nodes, the rest clients. */
export const endpointName = (e: number, nodes: number): string => (e < 0 ? '–' : e < nodes ? nodeName(e) : clientName(e - nodes));

export const keyName = (k: number): string => `k${k}`;

const ITEMS = ['book', 'lamp', 'pen', 'mug', 'sock', 'kettle', 'plant', 'clock', 'scarf', 'chair', 'torch', 'bowl', 'vase', 'spoon', 'brush', 'candle'];
export const itemName = (i: number): string => ITEMS[i] ?? `item ${i}`;

/**
 * A clock in the paper's notation, naming nodes and (for client-coordinated writes) clients. A
 * timestamp version (last write wins) carries one pair whose actor is no endpoint: its counter is
 * the coordinator's clock reading, shown as a reading, not as a counter.
 */
export function clockText(c: VectorClock, nodes: number): string {
  if (c.length === 3 && c[0]! < 0) return `[timestamp ${c[1]!.toFixed(2)}]`;
  return formatClock(c, (e) => endpointName(e, nodes));
}

/**
 * A colour per node: Okabe–Ito's for rings of up to seven (black left out: the name is drawn on
 * the disc), Tableau 20 up to twenty, evenly spread hues beyond. The node's name on its disc is the
 * cue that does not rest on colour.
 */
export function nodeColor(i: number, total: number): string {
  if (total <= NODE_COLORS.length) return NODE_COLORS[i]!;
  if (total <= 20) return TABLEAU20[i % 20]!;
  return d3.interpolateSinebow((i * 0.618034) % 1);
}

const NODE_COLORS = Object.values(OKABE_ITO).filter((c) => c !== OKABE_ITO.black);

const TABLEAU20 = [
  '#4e79a7', '#a0cbe8', '#f28e2b', '#ffbe7d', '#59a14f', '#8cd17d', '#b6992d', '#f1ce63', '#499894', '#86bcb6',
  '#e15759', '#ff9d9a', '#79706e', '#bab0ac', '#d37295', '#fabfd2', '#b07aa1', '#d4a6c8', '#9d7660', '#d7b5a6',
];

/** Milliseconds for people: "850 ms", "12.3 s". */
export function formatMs(ms: number): string {
  if (!Number.isFinite(ms)) return '–';
  if (ms === 0) return '0 s';
  if (Math.abs(ms) >= 10_000) return `${(ms / 1000).toFixed(1)} s`;
  if (Math.abs(ms) >= 1000) return `${(ms / 1000).toFixed(2)} s`;
  if (Math.abs(ms) >= 10) return `${ms.toFixed(0)} ms`;
  return `${ms.toFixed(ms >= 1 ? 1 : 2)} ms`;
}

/** The player's position, as the cursor of every time plot labels it: "now 1.25 s". */
export const nowLabel = (ms: number): string => `now ${formatMs(ms)}`;
