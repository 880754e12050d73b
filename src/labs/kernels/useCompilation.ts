import { useDeferredValue, useEffect, useMemo, useState } from 'react';
import type { Compilation } from '../../engines/kernels/api.ts';
import { compileProgram } from '../../engines/kernels/compile.ts';
import { describeFailure, type RunFailure } from '../../engines/runEngine.ts';

/**
 * The program compiled in the page as the user types (the compiler is pure and fast): the IR
 * views and the generated code need no run, and an error gets its line and column at once.
 * The text is deferred, so typing never waits for a compile. While the program has an error,
 * the last program that compiled stays drawn (`outdated`), so the graphs do not flicker away.
 */
export function useCompilation(source: string): { compilation?: Compilation; failure?: RunFailure; outdated: boolean } {
  const deferred = useDeferredValue(source);
  const result = useMemo((): { compilation?: Compilation; failure?: RunFailure } => {
    try {
      return { compilation: compileProgram(deferred) };
    } catch (e) {
      return { failure: describeFailure(e) };
    }
  }, [deferred]);
  const [good, setGood] = useState<Compilation>();
  useEffect(() => {
    if (result.compilation) setGood(result.compilation);
  }, [result.compilation]);
  const compilation = result.compilation ?? good;
  return { ...(compilation ? { compilation } : {}), ...(result.failure ? { failure: result.failure } : {}), outdated: result.compilation === undefined && good !== undefined };
}
