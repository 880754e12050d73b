import type { GeneratedSpec } from './model/generate.ts';
import type { Units } from './model/problem.ts';

/**
 * The solver's input, as a scenario stores it. A network is generated from parameters, inlined
 * as .nnet text (small ones), or referred to by name and content hash (a file the user opened: it
 * does not travel in a link; the view asks for it and checks the hash).
 */
export type NetworkRef =
  | { kind: 'generated'; spec: GeneratedSpec }
  | { kind: 'inline'; name: string; text: string }
  | { kind: 'file'; name: string; format: 'nnet' | 'onnx'; sha256: string; size: number };

/**
 * `symbolic` and `interval` split the input box; `bab` splits ReLU activations (β-CROWN style);
 * `auto` takes input splitting for a few inputs and activation splitting for many (AUTO_INPUT_LIMIT).
 */
export type Strategy = 'reluplex' | 'symbolic' | 'interval' | 'bab' | 'auto';

/** The most workers a parallel search takes (search/parallel/pool.ts). */
export const MAX_WORKERS = 16;

/** The most inputs for which `auto` splits the input box (ACAS Xu has 5; MNIST 784). */
export const AUTO_INPUT_LIMIT = 16;

export interface SolverConfig {
  network: NetworkRef;
  /** The property as VNN-LIB text. */
  property: string;
  /** Whether X and Y in the property are the network's own (normalised) values or original units. */
  units: Units;
  strategy: Strategy;
  timeoutSeconds: number;
  /** Look for a counterexample by gradient descent before searching (modern strategies). */
  attack: boolean;
  /** Reluplex: how often one ReLU pair may be repaired before the solver splits on it (the paper uses 5). */
  splitThreshold: number;
  /** Reluplex: bound tightening on the network's equations only, or also symbolic propagation at each split. */
  tightening: 'interval' | 'symbolic';
  /**
   * Input splitting: how many workers share the search (search/parallel/pool.ts); 1 when absent.
   * The verdict is the same for any number; node counts and the recorded tree are not.
   */
  workers?: number;
}

/** A run request: the config, plus the bytes of a network that is a file reference. */
export interface SolverRequest extends SolverConfig {
  networkData?: { text?: string; bytes?: Uint8Array };
  /**
   * Replaying a run that its time budget ended: stop at the same budget check (the summary's
   * `checkpoints`), so the replay is identical whatever the machine's speed.
   */
  stopAtCheckpoint?: number;
}
