import { useCallback, useEffect, useRef, useState } from 'react';
import type { Budget, Progress } from '../engines/contract.ts';
import type { RunOutcome } from '../engines/runEngine.ts';
import { EngineClient, type WorkerLike } from './client.ts';

export type RunStatus = 'idle' | 'running' | 'done' | 'failed';

export interface RunState<R, D = unknown> {
  status: RunStatus;
  /** The latest report; its `detail` is typed by the engine (`Engine<C, R, D>`). */
  progress?: Progress<D>;
  /** performance.now() when the current or last run started. */
  startedAt?: number;
  outcome?: RunOutcome<R>;
}

export interface EngineRunner<C, R, D = unknown> {
  state: RunState<R, D>;
  start(config: C, seed: number, budget?: Budget): Promise<RunOutcome<R>>;
  cancel(): void;
}

/**
 * A lab's engine as React state: one worker per mounted lab, torn down on unmount.
 * Starting a run while one is going cancels the old one.
 */
export function useEngine<C, R, D = unknown>(spawn: () => WorkerLike): EngineRunner<C, R, D> {
  const clientRef = useRef<EngineClient<C, R, D> | null>(null);
  const [state, setState] = useState<RunState<R, D>>({ status: 'idle' });

  useEffect(() => {
    const client = new EngineClient<C, R, D>(spawn);
    clientRef.current = client;
    return () => {
      client.dispose();
      clientRef.current = null;
    };
  }, [spawn]);

  const start = useCallback(async (config: C, seed: number, budget?: Budget) => {
    const client = clientRef.current ?? new EngineClient<C, R, D>(spawn);
    clientRef.current = client;
    const startedAt = performance.now();
    setState({ status: 'running', startedAt });
    const handle = client.run(budget ? { config, seed, budget } : { config, seed }, (progress) =>
      setState((s) => (s.startedAt === startedAt && s.status === 'running' ? { ...s, progress } : s)),
    );
    const outcome = await handle.outcome;
    setState((s) =>
      s.startedAt === startedAt ? { ...s, status: outcome.status === 'done' ? 'done' : 'failed', outcome } : s,
    );
    return outcome;
  }, [spawn]);

  const cancel = useCallback(() => clientRef.current?.cancel(), []);

  return { state, start, cancel };
}
