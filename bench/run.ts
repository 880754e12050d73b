import { readdir } from 'node:fs/promises';
import type { Benchmark } from './harness.ts';

/**
 * `npm run bench [-- NAME [args...]]`: runs every bench/*.bench.ts, or only the one named
 * (its remaining arguments go to it, e.g. `npm run bench -- solver --instances 1-20`).
 */
const [only, ...args] = process.argv.slice(2);
const all = (await readdir(new URL('.', import.meta.url))).filter((f) => f.endsWith('.bench.ts')).sort();
// A named bench loads only its own file (NAME.bench.ts) when there is one, so the other benches'
// modules (and what they allocate on import) are not in the heap it measures.
const files = only && all.includes(`${only}.bench.ts`) ? [`${only}.bench.ts`] : all;
const benches: Benchmark[] = [];
for (const file of files) {
  const mod = (await import(new URL(file, import.meta.url).href)) as { default: Benchmark };
  benches.push(mod.default);
}
const chosen = only ? benches.filter((b) => b.name === only) : benches;
if (chosen.length === 0) {
  console.error(`No benchmark named "${only}". Available: ${benches.map((b) => b.name).join(', ')}`);
  process.exit(2);
}
console.log(`Latticework benchmarks: Node ${process.version}, ${new Date().toISOString()}`);
for (const bench of chosen) {
  console.log(`\n${bench.name}`);
  await bench.run(only ? args : []);
}
