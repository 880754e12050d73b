import { readExampleIndex } from './examples.ts';
import { EXIT, UsageError } from './io.ts';
import { KERNELS_USAGE, RUN_USAGE, SAT_USAGE, SMT_USAGE, VERIFY_USAGE } from './usage.ts';
import { errorMessage } from '../errors.ts';

const HELP = `latticework: run Latticework scenarios from the command line

  ${RUN_USAGE.split('\n').join('\n  ')}
  ${VERIFY_USAGE}
  ${KERNELS_USAGE}
  ${SAT_USAGE}
  ${SMT_USAGE}
  latticework examples            list the built-in example scenarios
  latticework help

Exit codes: 0 success, 1 the run failed (budget, engine error), 2 bad input;
sat and smt follow the SAT competition: 10 satisfiable, 20 unsatisfiable, 0 unknown.`;

async function examplesCommand(args: string[]): Promise<number> {
  if (args.length > 0) throw new UsageError('usage: latticework examples');
  const index = await readExampleIndex();
  const width = Math.max(0, ...index.map((x) => x.lab.length + x.id.length + 1));
  for (const x of index) process.stdout.write(`${`${x.lab}/${x.id}`.padEnd(width)}  ${x.title}\n`);
  return EXIT.ok;
}

type Command = (args: string[]) => Promise<number>;

/**
 * Commands by name, each imported when called (a call loads only its own engine: start-up is
 * paid on every instance of a benchmark); each lab's extra commands register here.
 */
const COMMANDS: Record<string, () => Promise<Command>> = {
  run: async () => (await import('./run.ts')).runCommand,
  verify: async () => (await import('./verify.ts')).verifyCommand,
  kernels: async () => (await import('./kernels/command.ts')).kernelsCommand,
  sat: async () => (await import('./sat.ts')).satCommand,
  smt: async () => (await import('./sat.ts')).smtCommand,
  examples: async () => examplesCommand,
};

export async function main(argv: string[]): Promise<number> {
  const [name, ...rest] = argv;
  if (!name || name === 'help' || name === '--help' || name === '-h') {
    process.stdout.write(`${HELP}\n`);
    return name ? EXIT.ok : EXIT.badInput;
  }
  const command = COMMANDS[name];
  try {
    if (!command) throw new UsageError(`unknown command "${name}"; try \`latticework help\``);
    return await (await command())(rest);
  } catch (e) {
    if (e instanceof UsageError) {
      process.stderr.write(`latticework: ${e.message.split('\n')[0]}\n`);
      return EXIT.badInput;
    }
    process.stderr.write(`latticework: ${errorMessage(e)}\n`);
    return EXIT.failed;
  }
}
