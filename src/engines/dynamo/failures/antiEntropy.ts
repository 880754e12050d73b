import { buildTree, diffTrees, leafOf, type MerkleTree } from './merkle.ts';
import { MSG, type KeyVersions, type Message } from '../sim/messages.ts';
import { storeVersion } from '../replication/replica.ts';
import { EV } from '../sim/events.ts';
import type { Nodes, Observation, Replicas, Routing, Wire } from '../concerns.ts';
import { STORE_CAUSE } from '../measure/traceRecorder.ts';
import { missingFrom, NO_VERSIONS, siblingsDigest, type Siblings } from '../versioning/versions.ts';

/** What anti-entropy sees of the simulation. */
type AntiEntropySim = Wire & Nodes & Routing & Replicas & Observation;

/**
 * Anti-entropy (SOSP'07 §4.7): periodically a node picks one of the key ranges it replicates and
 * another replica of that range, and they compare Merkle trees of the range. Only keys under
 * leaves whose hashes differ travel: first the peer's versions, then whatever the peer lacks.
 * Reading and writing those keys takes storage-engine time, paced by admission control (§6.5).
 */
export function onAntiEntropy(sim: AntiEntropySim, node: number): void {
  const v = sim.ringOf[node]!;
  const ranges = sim.rangesOf(v, node);
  const rng = sim.rngProtocol;
  if (ranges.length > 0) {
    const range = ranges[rng.int(ranges.length)]!;
    const ring = sim.rings[v]!;
    const peers: number[] = [];
    for (let i = 0; i < Math.min(sim.cfg.quorum.n, ring.prefLen); i++) {
      const p = ring.prefs[range * ring.prefLen + i]!;
      if (p !== node && sim.membership.alive(node, p, sim.now)) peers.push(p);
    }
    if (peers.length > 0) {
      const peer = peers[rng.int(peers.length)]!;
      const m = sim.message(MSG.merkle);
      m.range = range;
      m.ring = v;
      m.tree = tree(sim, node, v, range);
      sim.counters.aeExchanges++;
      sim.send(node, peer, m);
    }
  }
  sim.again(EV.antiEntropy, node, sim.cfg.repair.antiEntropyIntervalMs);
}

function entries(sim: AntiEntropySim, node: number, v: number, range: number): [number, Siblings][] {
  const out: [number, Siblings][] = [];
  sim.stores[node]!.data.forEach((versions, key) => {
    if (sim.rangeOfKey(v, key) === range) out.push([key, versions]);
  });
  return out;
}

function tree(sim: AntiEntropySim, node: number, v: number, range: number): MerkleTree {
  return buildTree(
    entries(sim, node, v, range).map(([key, versions]) => [key, siblingsDigest(versions)] as const),
    sim.cfg.repair.merkleDepth,
  );
}

function count(sim: AntiEntropySim, compared: number, sent: number): void {
  const b = sim.metrics.bucket(sim.now);
  sim.counters.aeCompared += compared;
  sim.counters.aeKeysSent += sent;
  sim.metrics.aeCompared[b]! += compared;
  sim.metrics.aeKeys[b]! += sent;
}

/** The peer compares the tree with its own and sends its versions of the keys under differing leaves. */
export function onMerkle(sim: AntiEntropySim, node: number, from: number, msg: Message): void {
  // Ranges are only comparable between replicas that use the same ring.
  if (sim.ringOf[node] !== msg.ring) return;
  const mine = tree(sim, node, msg.ring, msg.range);
  const { compared, leaves } = diffTrees(msg.tree!, mine);
  count(sim, compared, 0);
  if (leaves.length === 0) return;
  const wanted = new Set(leaves);
  const depth = sim.cfg.repair.merkleDepth;
  const batch: KeyVersions = entries(sim, node, msg.ring, msg.range)
    .filter(([key]) => wanted.has(leafOf(key, depth)))
    .map(([key, versions]) => ({ key, versions }));
  const m = sim.message(MSG.merkleDiff);
  m.range = msg.range;
  m.ring = msg.ring;
  m.leaves = leaves;
  m.batch = batch;
  count(sim, 0, batch.length);
  sim.sendAfterRead(node, from, m);
}

/** The initiator merges the peer's versions and pushes back what the peer lacks. */
export function onMerkleDiff(sim: AntiEntropySim, node: number, from: number, msg: Message): void {
  const theirs = new Map(msg.batch!.map((e) => [e.key, e.versions]));
  merge(sim, node, from, msg.batch!);
  const wanted = new Set(msg.leaves!);
  const depth = sim.cfg.repair.merkleDepth;
  const push: KeyVersions = [];
  for (const [key, versions] of entries(sim, node, msg.ring, msg.range)) {
    if (!wanted.has(leafOf(key, depth))) continue;
    const missing = missingFrom(theirs.get(key) ?? NO_VERSIONS, versions);
    if (missing.length > 0) push.push({ key, versions: missing });
  }
  if (push.length === 0) return;
  const m = sim.message(MSG.merklePush);
  m.range = msg.range;
  m.ring = msg.ring;
  m.batch = push;
  count(sim, 0, push.length);
  sim.sendAfterRead(node, from, m);
}

export function onMerklePush(sim: AntiEntropySim, node: number, from: number, msg: Message): void {
  merge(sim, node, from, msg.batch!);
}

function merge(sim: AntiEntropySim, node: number, from: number, batch: KeyVersions): void {
  for (const { key, versions } of batch) {
    let changed = false;
    for (const v of versions) changed = storeVersion(sim, node, key, v, -1, STORE_CAUSE.antiEntropy, from) || changed;
    if (changed) sim.counters.aeKeysRepaired++;
  }
}
