import type { LabEntry } from '../labs/registry.ts';
import type { LoadedLab } from '../labs/types.tsx';
import type { LabId } from '../scenario/types.ts';

const labCache = new Map<LabId, Promise<LoadedLab>>();

/** A lab's code, loaded once; a failed load is forgotten so that the next attempt tries again. */
export function loadLab(entry: LabEntry): Promise<LoadedLab> {
  let loading = labCache.get(entry.id);
  if (!loading) {
    loading = entry.load();
    labCache.set(entry.id, loading);
    loading.catch(() => labCache.delete(entry.id));
  }
  return loading;
}
