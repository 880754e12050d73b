import { InputError } from '../../contract.ts';

/** The InputError that `parse` throws (message and position); fails the test when it throws none. */
export function inputErrorOf(parse: () => unknown): { message: string; at?: { line: number; column: number } } {
  try {
    parse();
  } catch (e) {
    if (e instanceof InputError) return { message: e.message, at: e.at };
    throw e;
  }
  throw new Error('expected an InputError');
}
