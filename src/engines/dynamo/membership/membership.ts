/**
 * Membership and failure detection (SOSP'07 §4.8). Every node keeps a heartbeat table that it
 * gossips: it bumps its own heartbeat each round and takes the larger of every entry it hears.
 * Each entry travels with its age: how long ago the heartbeat was issued, as far as the sender
 * knows (a duration, so no clocks need agree). A peer whose latest known heartbeat was issued more
 * than `failureTimeoutMs` ago, and which has not been heard from directly since, is taken to be
 * down: within the timeout of its crash, however slowly the news of its last heartbeat spread.
 * On top of that, failure detection is local (§4.8.3): a node that did not answer a request is
 * avoided for `retryMs`, then retried.
 *
 * Clients that coordinate (client-driven coordination, §6.4) have no heartbeats of their own: they
 * periodically download a node's verdicts and use them until the next refresh.
 */
export class Membership {
  /** heartbeat[i*M + j]: what node i knows of node j's heartbeat. */
  readonly heartbeat: Int32Array;
  /** heard[i*M + j]: when (by i's clock) j issued the latest heartbeat i knows of, or i last got a message from j. */
  readonly heard: Float64Array;
  /** suspectUntil[e*M + j]: endpoint e avoids node j until then. */
  readonly suspectUntil: Float64Array;
  /** clientView[c*M + j]: 1 when client c's last downloaded view had j up. */
  readonly clientView: Uint8Array;

  constructor(
    readonly nodes: number,
    readonly clients: number,
    readonly failureTimeoutMs: number,
    readonly retryMs: number,
  ) {
    this.heartbeat = new Int32Array(nodes * nodes);
    this.heard = new Float64Array(nodes * nodes);
    this.suspectUntil = new Float64Array((nodes + clients) * nodes);
    this.clientView = new Uint8Array(clients * nodes).fill(1);
  }

  /** Does endpoint e (a node, or a client when e ≥ nodes) believe node j is up? */
  alive(e: number, j: number, now: number): boolean {
    const M = this.nodes;
    if (now < this.suspectUntil[e * M + j]!) return false;
    if (e === j) return true;
    if (e >= M) return this.clientView[(e - M) * M + j] === 1;
    return now - this.heard[e * M + j]! < this.failureTimeoutMs;
  }

  /** Node i got a message from node j: direct evidence that j is up. */
  heardFrom(i: number, j: number, now: number): void {
    const at = i * this.nodes + j;
    this.heard[at] = now;
    this.suspectUntil[at] = 0;
  }

  /** Endpoint e saw node j fail to answer: avoid it for a while (§4.8.3). */
  suspect(e: number, j: number, now: number): void {
    this.suspectUntil[e * this.nodes + j] = now + this.retryMs;
  }

  /** A gossip round at node i: its own heartbeat advances. */
  beat(i: number, now: number): void {
    const at = i * this.nodes + i;
    this.heartbeat[at]!++;
    this.heard[at] = now;
  }

  /** A copy of node i's heartbeat table, for a gossip message. */
  table(i: number): Int32Array {
    return this.heartbeat.slice(i * this.nodes, (i + 1) * this.nodes);
  }

  /** How long ago, by node i's clock, each heartbeat of its table was issued (for a gossip message). */
  ages(i: number, now: number): Float64Array {
    const out = new Float64Array(this.nodes);
    for (let j = 0; j < this.nodes; j++) out[j] = now - this.heard[i * this.nodes + j]!;
    return out;
  }

  /** Node i merges a heartbeat table it received, with each entry's age. */
  merge(i: number, table: Int32Array, ages: Float64Array, now: number): void {
    const row = i * this.nodes;
    for (let j = 0; j < this.nodes; j++) {
      if (table[j]! > this.heartbeat[row + j]!) {
        // A newer heartbeat is evidence that j was up when it issued it: it also lifts a local suspicion.
        this.heartbeat[row + j] = table[j]!;
        this.heard[row + j] = Math.max(this.heard[row + j]!, now - ages[j]!);
        this.suspectUntil[row + j] = 0;
      }
    }
  }

  /** Node i's verdicts (1 up, 0 down) on the given nodes, for a client's view. */
  verdicts(i: number, now: number): Int32Array {
    const out = new Int32Array(this.nodes);
    for (let j = 0; j < this.nodes; j++) out[j] = this.alive(i, j, now) ? 1 : 0;
    return out;
  }

  /** Client c takes a downloaded view. */
  setClientView(c: number, verdicts: Int32Array): void {
    for (let j = 0; j < this.nodes; j++) this.clientView[c * this.nodes + j] = verdicts[j]! ? 1 : 0;
  }

  /** Node i (re)starts: it assumes every peer is up until its own detector says otherwise. */
  restart(i: number, now: number): void {
    const row = i * this.nodes;
    this.heard.fill(now, row, row + this.nodes);
    this.suspectUntil.fill(0, row, row + this.nodes);
  }
}
