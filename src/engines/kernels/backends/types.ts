/** What every backend returns: the program's results, the temporaries it allocated, its time. */
export type Arr = Float64Array | Float32Array;

export interface BackendRun {
  outputs: (Arr | number)[];
  temporaryBytes: number;
  millis: number;
}

/** The program's inputs for one run: arrays and scalars by the Domain IR value of each parameter. */
export interface ProgramInputs {
  arrays: Map<number, Arr>;
  scalars: Map<number, number>;
}

/** Watches the first stencil of a naive run, for the trace's image frames. */
export interface StencilWatcher {
  start(source: Arr): void;
  iteration(iteration: number, written: Arr): void;
}
