import * as Comlink from 'comlink';
import type { Engine, EngineResult, Progress } from '../engines/contract.ts';
import { runEngine, type RunOutcome, type RunRequest } from '../engines/runEngine.ts';
import { collectTransferables } from './transferables.ts';

/** What a lab worker exposes over Comlink. */
export interface EngineWorkerApi<C, R, D = unknown> {
  /** Answers once the worker has loaded its code and is listening: the page's watchdog starts then. */
  ping(): true;
  run(request: RunRequest<C>, onProgress: (p: Progress<D>) => void): Promise<RunOutcome<R>>;
}

/**
 * The whole of a lab worker: `exposeEngine(myEngine)`. Progress goes back through the Comlink
 * proxy (throttled to one report per 100 ms by the run context); typed arrays in the result are
 * transferred, not copied.
 */
export function exposeEngine<C, R extends EngineResult, D = unknown>(engine: Engine<C, R, D>, endpoint?: Comlink.Endpoint): void {
  const api: EngineWorkerApi<C, R, D> = {
    ping: () => true,
    async run(request, onProgress) {
      const outcome = await runEngine(engine, request, (p) => void onProgress(p));
      (onProgress as unknown as Partial<Comlink.ProxyMethods>)[Comlink.releaseProxy]?.();
      return outcome.status === 'done' ? Comlink.transfer(outcome, collectTransferables(outcome.result)) : outcome;
    },
  };
  Comlink.expose(api, endpoint);
}
