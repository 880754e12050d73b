import * as Comlink from 'comlink';
import type { Budget, Progress } from '../engines/contract.ts';
import { DEFAULT_BUDGET } from '../engines/runContext.ts';
import type { RunOutcome, RunRequest } from '../engines/runEngine.ts';
import type { EngineWorkerApi } from './expose.ts';
import { errorMessage } from '../errors.ts';

/** The part of a Worker the client uses (a Comlink endpoint that can be terminated), so tests can drive it with a stand-in. */
export type WorkerLike = Comlink.Endpoint & { terminate(): void };

export interface EngineClientOptions {
  /** Tear the idle worker down after this long (the next run starts a fresh one). */
  idleMillis?: number;
  /** How long past its time budget a run may take before the worker is killed. */
  graceMillis?: number;
  /** How long a worker may take to load its code and answer before the run is given up. */
  startupMillis?: number;
}

export interface RunHandle<R> {
  outcome: Promise<RunOutcome<R>>;
  cancel(): void;
}

interface ActiveRun<R> {
  settle(outcome: RunOutcome<R>): void;
  started: number;
}

/**
 * One lab's worker, seen from the page: start a run, stream its progress, cancel it by
 * terminating the worker, survive a crash, and kill a run that outlives its time budget even if
 * the engine never checks its clock. A new worker is spawned on demand after any of these.
 */
export class EngineClient<C, R, D = unknown> {
  private worker: WorkerLike | undefined;
  private remote: Comlink.Remote<EngineWorkerApi<C, R, D>> | undefined;
  private active: ActiveRun<R> | undefined;
  private idleTimer: ReturnType<typeof setTimeout> | undefined;
  private readonly idleMillis: number;
  private readonly graceMillis: number;
  private readonly startupMillis: number;

  constructor(
    private readonly spawn: () => WorkerLike,
    options: EngineClientOptions = {},
  ) {
    this.idleMillis = options.idleMillis ?? 60_000;
    this.graceMillis = options.graceMillis ?? 3_000;
    this.startupMillis = options.startupMillis ?? 60_000;
  }

  run(request: RunRequest<C>, onProgress: (p: Progress<D>) => void = () => {}): RunHandle<R> {
    this.cancel();
    clearTimeout(this.idleTimer);
    const budget: Budget = request.budget ?? DEFAULT_BUDGET;
    const remote = this.ensureWorker();
    const started = performance.now();
    let settled = false;
    let watchdog: ReturnType<typeof setTimeout> | undefined;

    const outcome = new Promise<RunOutcome<R>>((resolve) => {
      const run: ActiveRun<R> = {
        started,
        settle: (o) => {
          if (settled) return;
          settled = true;
          clearTimeout(watchdog);
          if (this.active === run) this.active = undefined;
          this.scheduleIdle();
          resolve(o);
        },
      };
      this.active = run;
      // The budget is the run's, not the worker's start-up: a fresh worker first loads its code,
      // which on a busy machine can take seconds. The watchdog starts once the worker answers a
      // ping sent ahead of the run (a worker that never answers is given up after startupMillis).
      const arm = (millis: number, message: string) => {
        clearTimeout(watchdog);
        watchdog = setTimeout(() => {
          this.teardown();
          run.settle(this.failed('timeout', message, started));
        }, millis);
      };
      arm(this.startupMillis, `The engine's worker did not start within ${this.startupMillis / 1000} s, so the run was given up.`);
      void Promise.resolve(remote.ping()).then(
        () => {
          if (!settled) arm(budget.maxMillis + this.graceMillis, `The run did not stop within its ${budget.maxMillis / 1000} s budget, so it was stopped.`);
        },
        () => {},
      );
      remote
        .run({ ...request, budget }, Comlink.proxy(onProgress))
        .then((o) => run.settle(o))
        .catch((e: unknown) => run.settle(this.failed('engine', `The engine failed: ${errorMessage(e)}`, started)));
    });

    return {
      outcome,
      cancel: () => {
        if (settled) return;
        this.cancel();
      },
    };
  }

  /** Stops the current run, if any, by terminating its worker. */
  cancel(): void {
    const run = this.active;
    if (!run) return;
    this.teardown();
    run.settle(this.failed('cancelled', 'The run was cancelled.', run.started));
  }

  dispose(): void {
    this.cancel();
    clearTimeout(this.idleTimer);
    this.teardown();
  }

  private ensureWorker(): Comlink.Remote<EngineWorkerApi<C, R, D>> {
    if (this.worker && this.remote) return this.remote;
    const worker = this.spawn();
    const onCrash = (event: Event) => {
      if (this.worker !== worker) return;
      const message = (event as Partial<ErrorEvent>).message;
      const detail = message ? ` (${message})` : '';
      event.preventDefault();
      const run = this.active;
      this.teardown();
      run?.settle(this.failed('crash', `The engine's worker crashed${detail}. A fresh worker will be started; your work is unchanged.`, run.started));
    };
    worker.addEventListener('error', onCrash);
    worker.addEventListener('messageerror', onCrash);
    this.worker = worker;
    this.remote = Comlink.wrap<EngineWorkerApi<C, R, D>>(worker);
    return this.remote;
  }

  private scheduleIdle(): void {
    clearTimeout(this.idleTimer);
    this.idleTimer = setTimeout(() => {
      if (!this.active) this.teardown();
    }, this.idleMillis);
  }

  private teardown(): void {
    // No releaseProxy here: it waits for an answer a terminated worker never sends.
    this.worker?.terminate();
    this.worker = undefined;
    this.remote = undefined;
  }

  private failed(kind: 'timeout' | 'engine' | 'crash' | 'cancelled', message: string, started: number): RunOutcome<R> {
    return { status: 'failed', error: { kind, message }, steps: 0, elapsedMs: performance.now() - started };
  }
}
