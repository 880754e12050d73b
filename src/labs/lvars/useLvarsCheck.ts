import { useEffect, useMemo, useRef, useState } from 'react';
import { useEngine } from '../../bridge/useEngine.ts';
import type { CheckSummary, LvarsConfig, LvarsInput, LvarsResult } from '../../engines/lvars/index.ts';
import type { RunFailure } from '../../engines/runEngine.ts';
import type { EditorMarker } from '../../ui/editorTypes.ts';

/** Checking as you type must never wait long, whatever the program does. */
const CHECK_BUDGET = { maxSteps: 50_000_000, maxMillis: 10_000 };

export const spawnLvars = () => new Worker(new URL('../../../workers/lvars.worker.ts', import.meta.url), { type: 'module', name: 'lvars' });

/**
 * What the check's outcome means for running. Only the program can block a run: errors in it, or
 * a failure about it (too large, too deep). A check that could not finish for another reason (its
 * worker slow to start on a busy machine and stopped by the watchdog, or crashed) says so, and
 * Explore still runs: the explorer has its own budget and reports its own errors.
 */
export function checkGate(errors: number, failure: RunFailure | undefined): { blockedBy?: string; unchecked?: string } {
  if (errors > 0) return { blockedBy: `Fix the ${errors === 1 ? 'error' : `${errors} errors`} in the program first.` };
  if (!failure || failure.at) return {};
  if (failure.kind === 'input' || failure.kind === 'budget') return { blockedBy: failure.message };
  return { unchecked: `Not checked: ${failure.message} The determinism level and lattice laws are unknown; Explore still runs.` };
}

/**
 * Check as you type: parse and type errors, the determinism level and the lattice laws of the
 * program, 200 ms after the last edit, as editor markers and as what blocks a run.
 */
export function useLvarsCheck(config: LvarsConfig, seed: number) {
  const checker = useEngine<LvarsInput, LvarsResult>(spawnLvars);
  const [check, setCheck] = useState<{ program: string; summary?: CheckSummary; failure?: RunFailure }>();
  const latest = useRef({ config, seed });
  latest.current = { config, seed };
  const { start } = checker;
  useEffect(() => {
    let live = true;
    const program = config.program;
    const timer = setTimeout(() => {
      void start({ ...latest.current.config, task: { kind: 'check' } }, latest.current.seed, CHECK_BUDGET).then((o) => {
        if (!live || (o.status === 'failed' && o.error.kind === 'cancelled')) return;
        if (o.status === 'done') setCheck(o.result.kind === 'check' ? { program, summary: o.result.summary } : { program });
        else setCheck({ program, failure: o.error });
      });
    }, 200);
    return () => {
      live = false;
      clearTimeout(timer);
    };
  }, [config.program, start]);

  const current = check?.program === config.program ? check : undefined;
  const markers: EditorMarker[] = useMemo(() => {
    if (current?.failure?.at) return [{ line: current.failure.at.line, column: current.failure.at.column, message: current.failure.message, severity: 'error' }];
    return (current?.summary?.diagnostics ?? []).map((d) => ({
      line: d.loc.line,
      column: d.loc.column,
      endLine: d.loc.endLine,
      endColumn: d.loc.endColumn,
      message: d.message,
      severity: d.severity,
    }));
  }, [current]);
  const errors = markers.filter((m) => m.severity === 'error');
  const { blockedBy, unchecked } = checkGate(errors.length, current?.failure);
  return { summary: current?.summary, markers, errors, blockedBy, unchecked };
}
