import type { WorkloadConfig } from '../config.ts';
import type { Random } from './random.ts';
import { type OpCode, popularityCdf, popularityGuide, WorkloadGenerator, type WriteKind } from './workload.ts';
import { ParkedOperations } from './parkedOperations.ts';

/** Operations per chunk of the window. */
const CHUNK_BITS = 12;
const CHUNK = 1 << CHUNK_BITS;

/** One chunk of operations, in parallel typed arrays. */
interface Chunk {
  time: Float64Array;
  key: Int32Array;
  client: Int32Array;
  op: Uint8Array;
  item: Int32Array;
  pick: Float32Array;
  /** Operations of the chunk that have started: at CHUNK the chunk is let go. */
  done: number;
}

/**
 * The run's operations, generated as the run reaches them and kept in chunks only while some of
 * a chunk's operations have not started. An operation that has to wait for its lane is parked:
 * its fields are copied out and its chunk no longer waits for it, so a lane's backlog (a hot key's
 * single writer falling behind) costs a few numbers per waiting operation, not a chunk each, and a
 * run of any length keeps a bounded window of chunks. One pass ahead of the run finds the last
 * arrival (the run's end and its metric buckets depend on it), drawing from an identical stream.
 */
export class Workload {
  readonly count: number;
  /** Time of the last operation. */
  readonly lastTime: number;
  private readonly generator: WorkloadGenerator;
  private readonly chunks: (Chunk | undefined)[] = [];
  private readonly parked = new ParkedOperations();
  private generated = 0;

  constructor(w: WorkloadConfig, writes: WriteKind, stream: () => Random, waitShare = 0) {
    const cdf = popularityCdf(w.popularity, w.keys);
    const guide = cdf ? popularityGuide(cdf) : undefined;
    const ahead = new WorkloadGenerator(w, writes, stream(), waitShare, cdf, guide);
    for (let i = 0; i < ahead.count; i++) ahead.next(true);
    this.count = ahead.count;
    this.lastTime = ahead.count > 0 ? ahead.time : 0;
    this.generator = new WorkloadGenerator(w, writes, stream(), waitShare, cdf, guide);
  }

  time(i: number): number {
    const chunk = this.at(i);
    if (!chunk) throw new Error(`the time of workload operation ${i} was read after it arrived`);
    return chunk.time[i & (CHUNK - 1)]!;
  }

  key(i: number): number {
    const chunk = this.at(i);
    return chunk ? chunk.key[i & (CHUNK - 1)]! : this.parked.key(this.parkedOp(i));
  }

  client(i: number): number {
    const chunk = this.at(i);
    return chunk ? chunk.client[i & (CHUNK - 1)]! : this.parked.client(this.parkedOp(i));
  }

  op(i: number): OpCode {
    const chunk = this.at(i);
    return chunk ? (chunk.op[i & (CHUNK - 1)]! as OpCode) : this.parked.op(this.parkedOp(i));
  }

  /** The item of a scripted add or remove; -1 lets the client pick (using `pick`). */
  item(i: number): number {
    const chunk = this.at(i);
    return chunk ? chunk.item[i & (CHUNK - 1)]! : this.parked.item(this.parkedOp(i));
  }

  /** A uniform draw in [0, 1) the client uses for choices made at run time (which item to remove). */
  pick(i: number): number {
    const chunk = this.at(i);
    return chunk ? chunk.pick[i & (CHUNK - 1)]! : this.parked.pick(this.parkedOp(i));
  }

  /** Operation i waits for its lane: its fields move out of the chunk, which no longer waits for it. */
  park(i: number): void {
    this.parked.add(i, this.key(i), this.client(i), this.op(i), this.item(i), this.pick(i));
    this.release(i);
  }

  /** Operation i has started (its fields are read): once all of its chunk's have, the chunk goes. */
  started(i: number): void {
    if (!this.parked.delete(i)) this.release(i);
  }

  private release(i: number): void {
    const c = i >> CHUNK_BITS;
    const chunk = this.chunks[c]!;
    if (++chunk.done === Math.min(CHUNK, this.count - c * CHUNK)) this.chunks[c] = undefined;
  }

  /** Operation i's chunk, generated if need be; undefined once the chunk is let go (i is then parked). */
  private at(i: number): Chunk | undefined {
    if (i >= this.count) throw new Error(`the workload has ${this.count} operations, not ${i + 1}`);
    while (this.generated <= i) this.generate();
    return this.chunks[i >> CHUNK_BITS];
  }

  /** Operation i's slot among the parked ones. */
  private parkedOp(i: number): number {
    const s = this.parked.slot(i);
    if (s < 0) throw new Error(`workload operation ${i} was read after it started`);
    return s;
  }

  /** Draws the next chunk of operations. */
  private generate(): void {
    const n = Math.min(CHUNK, this.count - this.generated);
    const chunk: Chunk = {
      time: new Float64Array(n),
      key: new Int32Array(n),
      client: new Int32Array(n),
      op: new Uint8Array(n),
      item: new Int32Array(n),
      pick: new Float32Array(n),
      done: 0,
    };
    const g = this.generator;
    for (let j = 0; j < n; j++) {
      g.next();
      chunk.time[j] = g.time;
      chunk.key[j] = g.key;
      chunk.client[j] = g.client;
      chunk.op[j] = g.op;
      chunk.item[j] = g.item;
      chunk.pick[j] = g.pick;
    }
    this.chunks.push(chunk);
    this.generated += n;
  }
}
