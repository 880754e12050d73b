import { on, tour } from './define.ts';

/** ParallelAccelerator (ECOOP'17): temporaries, fusion, the speed-up on this machine. */
const small = { size: 200_000, repeats: 2, backends: ['naive', 'fused', 'parallel'], sweep: { sizes: [20_000, 200_000], workers: [1, 2] } };

export const kernelsTour = tour('Array kernels: fusion removes temporaries', [
  on(
    'kernels/black-scholes',
    'Black-Scholes written with dot operators: each `.*` and `./` is a whole-array operation, and naive code allocates a **temporary array** for every one.',
    { target: 'Kernel program', mark: 'd1 =' },
  ),
  on('kernels/black-scholes', 'The Domain IR: one node per array operation, a dashed edge per temporary.', { target: '1 · Domain IR' }),
  on('kernels/black-scholes', 'Fusion merges every element-wise operation into **one parallel loop**: no temporary is left.', { target: '2 · Parallel IR' }),
  on(
    'kernels/no-fusion',
    'Fusion stops at a reduction: `maximum(x)` must see every element before `x ./ m` can start, and the compiler says so.',
    { target: 'Where fusion does not apply' },
  ),
  on(
    'kernels/black-scholes',
    'Now run it **on this machine**: naive, fused and parallel backends, timed at two sizes. Skipping the temporaries is the speed-up.',
    { target: 'Speed-up' },
    { config: small, view: { ran: true, focus: 'speed' } },
  ),
]);
