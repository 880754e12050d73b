/**
 * The benchmark harness. A benchmark measures real work and reports it next to a baseline
 * measured in the same process, in the same run, so the ratio means something on any machine.
 */

export interface Measurement {
  /** Work units per second (units are whatever `fn` returns: steps, events, bytes). */
  perSecond: number;
  /**
   * Work units per second of this process's CPU time (user + system): on a shared, busy machine
   * the wall clock also counts the time other processes had the cores.
   */
  perCpuSecond: number;
  units: number;
  millis: number;
  runs: number;
}

/** This process's CPU time so far, in milliseconds. */
const cpuMillis = (): number => {
  const { user, system } = process.cpuUsage();
  return (user + system) / 1000;
};

/** Runs `fn` (which returns the work units it did) repeatedly for at least `minMillis`, after a warm-up. */
export function measure(fn: () => number, { minMillis = 1000, warmupMillis = 200, minRuns = 3 } = {}): Measurement {
  const until = (ms: number, runsAtLeast: number) => {
    let units = 0;
    let runs = 0;
    const start = performance.now();
    const cpuStart = cpuMillis();
    let now = start;
    while (now - start < ms || runs < runsAtLeast) {
      units += fn();
      runs++;
      now = performance.now();
    }
    return { units, runs, millis: now - start, cpu: cpuMillis() - cpuStart };
  };
  until(warmupMillis, 1);
  const { units, runs, millis, cpu } = until(minMillis, minRuns);
  return { perSecond: (units / millis) * 1000, perCpuSecond: (units / cpu) * 1000, units, millis, runs };
}

/** `measure` for work that is asynchronous (engines that yield to the event loop). */
export async function measureAsync(fn: () => Promise<number>, { minMillis = 1000, warmupMillis = 200, minRuns = 3 } = {}): Promise<Measurement> {
  const until = async (ms: number, runsAtLeast: number) => {
    let units = 0;
    let runs = 0;
    const start = performance.now();
    const cpuStart = cpuMillis();
    let now = start;
    while (now - start < ms || runs < runsAtLeast) {
      units += await fn();
      runs++;
      now = performance.now();
    }
    return { units, runs, millis: now - start, cpu: cpuMillis() - cpuStart };
  };
  await until(warmupMillis, 1);
  const { units, runs, millis, cpu } = await until(minMillis, minRuns);
  return { perSecond: (units / millis) * 1000, perCpuSecond: (units / cpu) * 1000, units, millis, runs };
}

/** Times one call of `fn`. */
export function time<T>(fn: () => T): { value: T; millis: number } {
  const start = performance.now();
  const value = fn();
  return { value, millis: performance.now() - start };
}

export async function timeAsync<T>(fn: () => Promise<T>): Promise<{ value: T; millis: number }> {
  const start = performance.now();
  const value = await fn();
  return { value, millis: performance.now() - start };
}

/** The geometric mean: the mean of ratios that treats 2x and 0.5x as opposites. */
export function geometricMean(values: readonly number[]): number {
  return Math.exp(values.reduce((sum, v) => sum + Math.log(v), 0) / values.length);
}

const fmt = (n: number) =>
  n >= 1e6 ? `${(n / 1e6).toFixed(2)} M` : n >= 1e3 ? `${(n / 1e3).toFixed(1)} k` : n >= 10 ? n.toFixed(0) : n.toFixed(3);

/** Prints one result line: the subject, and its ratio to the baseline when there is one. */
export function report(line: {
  name: string;
  value: number;
  unit: string;
  baseline?: { name: string; value: number };
  /** True when a smaller value is better (times); the ratio is then baseline / value. */
  lowerIsBetter?: boolean;
  note?: string;
}): void {
  let text = `  ${line.name.padEnd(46)} ${`${fmt(line.value)} ${line.unit}`.padStart(18)}`;
  if (line.baseline) {
    const ratio = line.lowerIsBetter ? line.baseline.value / line.value : line.value / line.baseline.value;
    text += `   ${ratio.toFixed(2)}x vs ${line.baseline.name} (${fmt(line.baseline.value)} ${line.unit})`;
  }
  if (line.note) text += `   ${line.note}`;
  console.log(text);
}

export interface Benchmark {
  name: string;
  /** Runs the benchmark; `args` are the command-line words after the benchmark's name. */
  run(args: string[]): Promise<void> | void;
}
