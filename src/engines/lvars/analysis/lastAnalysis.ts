import { analyze, type Analysis } from './analyze.ts';

/**
 * The analysis of the last program this engine ran, kept for the next run. Analysis is a pure
 * function of the program's text (parse, types, levels, lattice laws seeded by the lattice's
 * name), so a run that changes only the explore settings (a new seed, mode or budget) gets the
 * very same answer without parsing, inferring and checking again. One entry: a lab runs one
 * program at a time. A program that fails to parse throws and is not kept.
 */
let last: { source: string; analysis: Analysis } | undefined;

export function analyzeLast(source: string): Analysis {
  if (last?.source !== source) last = { source, analysis: analyze(source) };
  return last.analysis;
}
