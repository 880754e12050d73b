import type { Message } from '../sim/messages.ts';
import type { NodeService } from './nodeService.ts';
import type { AdmissionController } from './admission.ts';

/**
 * A background task's storage-engine work at one node (SOSP'07 §6.5): reading the keys it is
 * about to send (`send`), or writing the keys it received (`handle`), before the message goes on.
 */
export interface BackgroundJob {
  kind: 'send' | 'handle';
  node: number;
  epoch: number;
  from: number;
  to: number;
  msg: Message;
  keys: number;
  /** Storage-engine time still owed, and the slice in service now: when it reached the queue, when it began, how long. */
  remainingMs: number;
  arrived: number;
  begun: number;
  sliceMs: number;
}

/** The simulation's clock, and its agenda for the end of a slice. */
export interface BackgroundHost {
  readonly now: number;
  backgroundSliceEnds(at: number, job: BackgroundJob): void;
}

/**
 * Background tasks waiting for and holding their node's storage engine. Without admission
 * control a task joins the node's first-come-first-served queue whole, the way a batch job
 * would, and every foreground operation behind it waits for all of it. With admission control
 * tasks wait in their own queue and run one slice at a time, only while the controller has slices
 * to give; between slices foreground operations go first.
 */
export class BackgroundWork {
  /** [node] tasks accepted and not finished, oldest first; under admission control only the first may hold a slice. */
  private readonly tasks: BackgroundJob[][];
  /** [node] 1 while a slice of the first task is in service (admission control). */
  private readonly inService: Uint8Array;
  /** [bucket] storage-engine ms background tasks used, cluster-wide. */
  readonly busyMs: Float64Array;
  jobs = 0;
  keys = 0;
  /** Sends not made because the same send was still waiting for its node's storage engine. */
  skipped = 0;

  constructor(
    private readonly service: NodeService,
    nodes: number,
    readonly buckets: number,
    readonly bucketMs: number,
    readonly admission: AdmissionController,
  ) {
    this.tasks = Array.from({ length: nodes }, () => []);
    this.inService = new Uint8Array(nodes);
    this.busyMs = new Float64Array(buckets);
  }

  /** Whether `node` still has a send of this message type to `to` waiting or running (a new one would repeat it). */
  sending(node: number, type: number, to: number): boolean {
    for (const t of this.tasks[node]!) if (t.kind === 'send' && t.to === to && t.msg.type === type) return true;
    return false;
  }

  submit(host: BackgroundHost, job: BackgroundJob): void {
    this.jobs++;
    this.keys += job.keys;
    this.tasks[job.node]!.push(job);
    if (this.admission.cfg.admission) this.pump(host, job.node);
    else this.start(host, job, job.remainingMs);
  }

  /** Under admission control: the first task takes the next slice, if the node has one to give and none in service. */
  pump(host: BackgroundHost, node: number): void {
    const first = this.tasks[node]![0];
    if (!this.admission.cfg.admission || !first || this.inService[node] === 1 || !this.admission.mayTake(node)) return;
    this.admission.take(node);
    this.inService[node] = 1;
    this.start(host, first, Math.min(this.admission.cfg.sliceMs, first.remainingMs));
  }

  private start(host: BackgroundHost, job: BackgroundJob, ms: number): void {
    job.arrived = host.now;
    job.sliceMs = ms;
    job.begun = this.service.admit(job.node, host.now, ms);
    host.backgroundSliceEnds(job.begun + ms, job);
  }

  /**
   * A slice left the storage engine: returns whether the task is finished (its message may go
   * on). A task of an older epoch died with its node's crash and never finishes.
   */
  sliceDone(host: BackgroundHost, job: BackgroundJob, epoch: number): boolean {
    this.service.record(job.node, job.arrived, job.begun, host.now);
    if (job.epoch !== epoch) return false;
    this.busyMs[Math.min(this.buckets - 1, Math.floor(host.now / this.bucketMs))]! += job.sliceMs;
    job.remainingMs -= job.sliceMs;
    if (this.admission.cfg.admission) this.inService[job.node] = 0;
    const done = job.remainingMs <= 1e-12;
    if (done) {
      const list = this.tasks[job.node]!;
      list.splice(list.indexOf(job), 1);
    }
    return done;
  }

  /** Tasks at `node` not yet finished. */
  pending(node: number): number {
    return this.tasks[node]!.length;
  }

  /** The node crashed: its background tasks are gone with its memory. */
  crash(node: number): void {
    this.tasks[node]!.length = 0;
    this.inService[node] = 0;
  }
}
