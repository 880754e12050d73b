import type { WorkloadConfig } from '../config.ts';
import type { Random } from './random.ts';
import { type OpCode, WorkloadGenerator, type WriteKind } from './workload.ts';

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
 * a chunk's operations have not started (a closed-loop client's queue holds its chunk), so a run
 * of any length keeps a bounded window of them. One pass ahead of the run finds the last
 * arrival (the run's end and its metric buckets depend on it), drawing from an identical stream.
 */
export class Workload {
  readonly count: number;
  /** Time of the last operation. */
  readonly lastTime: number;
  private readonly generator: WorkloadGenerator;
  private readonly chunks: (Chunk | undefined)[] = [];
  private generated = 0;

  constructor(w: WorkloadConfig, writes: WriteKind, stream: () => Random, waitShare = 0) {
    const ahead = new WorkloadGenerator(w, writes, stream(), waitShare);
    for (let i = 0; i < ahead.count; i++) ahead.next();
    this.count = ahead.count;
    this.lastTime = ahead.count > 0 ? ahead.time : 0;
    this.generator = new WorkloadGenerator(w, writes, stream(), waitShare);
  }

  time(i: number): number {
    return this.at(i).time[i & (CHUNK - 1)]!;
  }

  key(i: number): number {
    return this.at(i).key[i & (CHUNK - 1)]!;
  }

  client(i: number): number {
    return this.at(i).client[i & (CHUNK - 1)]!;
  }

  op(i: number): OpCode {
    return this.at(i).op[i & (CHUNK - 1)]! as OpCode;
  }

  /** The item of a scripted add or remove; -1 lets the client pick (using `pick`). */
  item(i: number): number {
    return this.at(i).item[i & (CHUNK - 1)]!;
  }

  /** A uniform draw in [0, 1) the client uses for choices made at run time (which item to remove). */
  pick(i: number): number {
    return this.at(i).pick[i & (CHUNK - 1)]!;
  }

  /** Operation i has started (its fields are read): once all of its chunk's have, the chunk goes. */
  started(i: number): void {
    const c = i >> CHUNK_BITS;
    const chunk = this.chunks[c]!;
    if (++chunk.done === Math.min(CHUNK, this.count - c * CHUNK)) this.chunks[c] = undefined;
  }

  private at(i: number): Chunk {
    if (i >= this.count) throw new Error(`the workload has ${this.count} operations, not ${i + 1}`);
    const c = i >> CHUNK_BITS;
    while (this.generated <= i) this.generate();
    const chunk = this.chunks[c];
    if (!chunk) throw new Error(`workload operation ${i} was read after it started`);
    return chunk;
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
