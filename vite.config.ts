import { configDefaults, defineConfig } from 'vitest/config';
import react from '@vitejs/plugin-react';

// COOP/COEP make the page cross-origin isolated, so SharedArrayBuffer is available to workers.
const isolation = {
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Cross-Origin-Embedder-Policy': 'require-corp',
};

export default defineConfig({
  plugins: [react()],
  server: { headers: isolation, port: 5173, host: 'localhost' },
  preview: { headers: isolation, port: 4173, host: 'localhost' },
  worker: { format: 'es' },
  build: {
    target: 'es2022',
    outDir: process.env.LATTICEWORK_OUT_DIR ?? 'dist',
    chunkSizeWarningLimit: 4096,
  },
  test: {
    include: ['src/**/*.test.ts', 'workers/**/*.test.ts', 'bench/**/*.test.ts'],
    // Long cross-checks (*.deep.test.ts) run only under `npm run test:deep`.
    exclude: process.env.LATTICEWORK_DEEP ? configDefaults.exclude : [...configDefaults.exclude, '**/*.deep.test.ts'],
    environment: 'node',
    // One module registry per worker process, not one per test file: the engines are pure and
    // the tests leave no global state behind (mocks and fake timers are restored), so a second
    // file importing an engine reuses it instead of loading and compiling it again. Measured: half
    // the suite's CPU time (146 s to 71 s, user + system, for 96 files).
    isolate: false,
    // A net for a test that hangs, not a budget: work is bounded in steps, and each test of
    // `npm test` takes well under 5 s on an idle 2-core machine, but ten times longer on one with
    // twenty busy processes (measured: 25 s); the long cross-checks of `npm run test:deep`
    // (hundreds of cases each) get ten minutes.
    testTimeout: process.env.LATTICEWORK_DEEP ? 600e3 : 120e3,
  },
});
