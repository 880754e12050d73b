import { useEffect, useMemo, useRef, useState } from 'react';
import { useEngine } from '../../bridge/useEngine.ts';
import type { CheckSummary, LvarsConfig, LvarsInput, LvarsResult } from '../../engines/lvars/index.ts';
import type { RunFailure } from '../../engines/runEngine.ts';
import type { EditorMarker } from '../../ui/editorTypes.ts';

/** Checking as you type must never wait long, whatever the program does. */
const CHECK_BUDGET = { maxSteps: 50_000_000, maxMillis: 10_000 };

export const spawnLvars = () => new Worker(new URL('../../../workers/lvars.worker.ts', import.meta.url), { type: 'module', name: 'lvars' });

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
  const blockedBy = errors.length > 0 ? `Fix the ${errors.length === 1 ? 'error' : `${errors.length} errors`} in the program first.` : current?.failure && !current.failure.at ? current.failure.message : undefined;
  return { summary: current?.summary, markers, errors, blockedBy };
}
