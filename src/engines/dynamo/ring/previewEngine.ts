import { InputError, type Engine } from '../../contract.ts';
import { configProblem, type DynamoConfig } from '../config.ts';
import { previewRing } from './initialRing.ts';
import type { Ring } from './ring.ts';

export interface RingPreview {
  summary: Ring;
}

/**
 * The ring a scenario starts from, as an engine of its own, so that the page lays out a large
 * ring (tens of thousands of tokens, their preference lists) in a worker, never on its main thread.
 */
export const previewEngine: Engine<DynamoConfig, RingPreview> = {
  run(config, seed, ctx) {
    const problem = configProblem(config);
    if (problem) throw new InputError(problem);
    const ring = previewRing(config, seed);
    ctx.tick(ring.tokens.length);
    return { summary: ring };
  },
};
