import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { join, resolve } from 'node:path';

/**
 * The project's test data lives outside the repository, in ../shared/data (never committed here).
 * LATTICEWORK_DATA overrides the location. Tests and benchmarks that need it fail with this
 * message rather than skip, so a missing data set is never mistaken for a pass.
 */
export function sharedDataDir(): string {
  const root = resolve(fileURLToPath(new URL('../..', import.meta.url)));
  const candidates = [process.env.LATTICEWORK_DATA, join(root, '..', 'shared', 'data'), '/work/shared/data'].filter(
    (p): p is string => typeof p === 'string' && p.length > 0,
  );
  const found = candidates.find((p) => existsSync(join(p, 'README.md')));
  if (!found)
    throw new Error(`The shared test data is missing: looked in ${candidates.join(', ')}. Set LATTICEWORK_DATA to the folder holding acasxu/.`);
  return found;
}
