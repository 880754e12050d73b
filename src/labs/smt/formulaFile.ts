import type { InputKind } from '../../engines/smt/api.ts';
import { InputError } from '../../engines/contract.ts';
import { MAX_FORMULA_CHARS } from './scenario.ts';

/** The input format of a file, by its extension, else by its first non-blank character. */
export function detectKind(name: string, text: string): InputKind {
  const lower = name.toLowerCase();
  if (/\.(cnf|dimacs)(\.txt)?$/.test(lower)) return 'dimacs';
  if (/\.(smt2?|smtlib2?)$/.test(lower)) return 'smtlib';
  const head = text.replace(/^\s+/, '');
  return head.startsWith('(') || head.startsWith(';') ? 'smtlib' : 'dimacs';
}

/** Reads a formula the user opened or dropped; refuses files a scenario could not carry. */
export async function readFormulaFile(file: File): Promise<{ name: string; kind: InputKind; text: string }> {
  if (file.size > MAX_FORMULA_CHARS * 4) throw new InputError(`“${file.name}” is ${(file.size / 1e6).toFixed(1)} MB; formulas up to ${MAX_FORMULA_CHARS.toLocaleString('en-US')} characters can be opened`);
  const text = await file.text();
  if (text.length > MAX_FORMULA_CHARS) throw new InputError(`“${file.name}” has ${text.length.toLocaleString('en-US')} characters; formulas up to ${MAX_FORMULA_CHARS.toLocaleString('en-US')} can be opened`);
  if (text.includes('\u0000')) throw new InputError(`“${file.name}” is not a text file`);
  return { name: file.name, kind: detectKind(file.name, text), text };
}
