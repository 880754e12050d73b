import type { Cluster } from '../concerns.ts';
import type { Request } from './request.ts';

/**
 * Whom a request goes to (SOSP'07 §4.5, §4.6): the node a client hands it to, and the replicas
 * its coordinator writes to or reads from, strict or sloppy.
 */

/** A random node that is up, in the cluster and reachable from the client (a health-checked load balancer). */
export function loadBalance(sim: Cluster, client: number): number {
  const nodes = sim.upNodes();
  if (nodes.length === 0) return -1;
  const first = nodes[sim.rngProtocol.int(nodes.length)]!;
  if (sim.network.reachable(client, first)) return first;
  const reachable = nodes.filter((n) => sim.network.reachable(client, n));
  return reachable.length === 0 ? -1 : reachable[sim.rngProtocol.int(reachable.length)]!;
}

/** A node of the key's top N that endpoint e believes up, at random; failing that the first healthy fallback. */
export function pickFromPreferenceList(sim: Cluster, e: number, key: number): number {
  const base = sim.lookup(e, key);
  const { pl, plLength } = sim;
  const n = Math.min(sim.cfg.quorum.n, plLength);
  const alive: number[] = [];
  for (let i = 0; i < n; i++) if (sim.membership.alive(e, pl[base + i]!, sim.now)) alive.push(pl[base + i]!);
  if (alive.length > 0) return alive[sim.rngProtocol.int(alive.length)]!;
  for (let i = n; i < plLength; i++) if (sim.membership.alive(e, pl[base + i]!, sim.now)) return pl[base + i]!;
  return pl[base]!;
}

/**
 * The coordinator's choice of replicas. Strict quorum: the key's top N, up or not. Sloppy quorum
 * (§4.6): the first N nodes of the extended preference list that the coordinator believes up;
 * a fallback node stands in for a skipped home node and keeps the replica with a hint.
 */
export function chooseTargets(sim: Cluster, req: Request, e: number): void {
  const base = sim.lookup(e, req.key);
  const { pl, plLength } = sim;
  const n = Math.min(sim.cfg.quorum.n, plLength);
  if (!sim.cfg.quorum.sloppy) {
    for (let i = 0; i < n; i++) {
      req.targets.push(pl[base + i]!);
      req.hints.push(-1);
    }
    return;
  }
  let skipped: number[] | undefined;
  for (let i = 0; i < plLength && req.targets.length < n; i++) {
    const node = pl[base + i]!;
    if (sim.membership.alive(e, node, sim.now)) {
      req.targets.push(node);
      req.hints.push(i < n ? -1 : (skipped?.shift() ?? -1));
    } else if (i < n) {
      (skipped ??= []).push(node);
    }
  }
}

/** PBS's worst case: the write goes to W of the chosen replicas only (the coordinator's own copy first). */
export function keepWriteQuorumOnly(sim: Cluster, req: Request, e: number): void {
  const w = sim.cfg.quorum.w;
  if (req.targets.length <= w) return;
  const order = req.targets.map((_, i) => i);
  sim.rngProtocol.shuffle(order);
  const own = req.targets.indexOf(e);
  if (own >= 0) {
    order.splice(order.indexOf(own), 1);
    order.unshift(own);
  }
  const keep = order.slice(0, w).sort((a, b) => a - b);
  req.targets = keep.map((i) => req.targets[i]!);
  req.hints = keep.map((i) => req.hints[i]!);
}
