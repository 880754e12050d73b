import { DEFAULT_BUDGET } from '../engines/runContext.ts';
import { decodeLink, parseScenarioText, type Decoded } from '../scenario/codec.ts';
import type { Scenario } from '../scenario/types.ts';
import { findExample, readExample } from './examples.ts';
import { EXIT, parseArgs, positiveNumber, readTextFile, toJson, UsageError } from './io.ts';
import { loadCliLab } from './labs.ts';
import { RUN_USAGE } from './usage.ts';

/** `run`: one scenario through its lab's engine; the result's summary (and trace on request) as JSON. */
export async function runCommand(args: string[]): Promise<number> {
  const { options, flags, positional } = parseArgs(args, ['example', 'timeout', 'steps'], ['trace', 'timings']);
  const example = options.get('example');
  if ((example ? 1 : 0) + positional.length !== 1) throw new UsageError(`usage: ${RUN_USAGE}`);
  const timeout = positiveNumber(options.get('timeout'), 'timeout');
  const steps = positiveNumber(options.get('steps'), 'steps');

  const decoded = example ? await readExample(await findExample(example)) : await readScenario(positional[0]!);
  if (!decoded.ok) throw new UsageError(decoded.error.message);
  const lab = await loadCliLab(decoded.value.lab);
  const checked = lab.validate(decoded.value);
  if (!checked.ok) throw new UsageError(checked.error.message);
  const scenario = checked.value;

  const budget = {
    maxMillis: timeout !== undefined ? timeout * 1000 : DEFAULT_BUDGET.maxMillis,
    maxSteps: steps ?? DEFAULT_BUDGET.maxSteps,
  };
  const showProgress = process.stderr.isTTY;
  const outcome = await lab.run(scenario, budget, (p) => {
    if (showProgress) process.stderr.write(`\r${p.done}${p.total !== undefined ? `/${p.total}` : ''} ${p.label ?? ''}   `);
  });
  if (showProgress) process.stderr.write('\r\x1b[K');

  if (outcome.status === 'failed') {
    process.stderr.write(`latticework: ${outcome.error.message}${outcome.error.at ? ` (line ${outcome.error.at.line}, column ${outcome.error.at.column})` : ''}\n`);
    return outcome.error.kind === 'input' ? EXIT.badInput : EXIT.failed;
  }
  const { summary, trace } = outcome.result;
  process.stdout.write(
    `${toJson({
      lab: scenario.lab,
      title: scenario.title,
      seed: scenario.seed,
      summary,
      ...(flags.has('trace') ? { trace } : {}),
      // The same scenario and seed print the same bytes: wall-clock time only when asked for.
      stats: { steps: outcome.steps, ...(flags.has('timings') ? { elapsedMs: Math.round(outcome.elapsedMs) } : {}) },
    })}\n`,
  );
  return EXIT.ok;
}

/** A scenario file, or a share link pasted on the command line. */
async function readScenario(source: string): Promise<Decoded<Scenario>> {
  if (source.includes('#s=') || /^\d+\.[A-Za-z0-9_-]+$/.test(source)) return decodeLink(source);
  return parseScenarioText(await readTextFile(source), 'file');
}
