import { defineConfig } from '@playwright/test';

/**
 * End-to-end tests drive the built app (vite build + vite preview, with the COOP/COEP headers)
 * in Debian's Chromium. E2E_PORT and E2E_DIST let several checkouts test side by side.
 */
const port = Number(process.env.E2E_PORT ?? 4317);
export const e2eDist = process.env.E2E_DIST ?? 'dist-e2e';
export const chromiumPath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
/**
 * `npm test` runs the end-to-end tests without the tag @deep; `npm run test:deep`
 * (LATTICEWORK_DEEP=1) runs only those: the exhaustive sweeps (every example at both projector
 * sizes, every step of every tour, every Dynamo example), of which `npm test` keeps a sample.
 */
const deep = process.env.LATTICEWORK_DEEP === '1';

export default defineConfig({
  testDir: 'e2e',
  globalSetup: './e2e/ensureChromium.ts',
  ...(deep ? { grep: /@deep/ } : { grepInvert: /@deep/ }),
  // Nets for a hang, not budgets: engines are bounded in steps, and at load 20 on two cores the
  // slowest example (three 30-node Dynamo simulations, a deep test) took over 3 minutes.
  timeout: deep ? 600_000 : 180_000,
  expect: { timeout: 45_000 },
  // One worker by default: the tests are CPU-bound (app start, engine worker, the real run), and on
  // two cores a second worker measured slower (fresh clone: 66 tests in 12.0 min against about 10 with
  // one) and made waits race. E2E_WORKERS=N runs N at once (tests are independent: own contexts).
  fullyParallel: true,
  workers: Number(process.env.E2E_WORKERS ?? 1),
  retries: 0,
  reporter: [['list']],
  outputDir: 'test-results',
  use: {
    baseURL: `http://localhost:${port}/`,
    viewport: { width: 1440, height: 900 },
    acceptDownloads: true,
    // Tracing records every action's DOM and screen: measured 25% of the suite's CPU time. E2E_TRACE=1
    // keeps a failed test's trace; a failure always keeps its screenshot and error context.
    trace: process.env.E2E_TRACE === '1' ? 'retain-on-failure' : 'off',
    screenshot: 'only-on-failure',
    launchOptions: {
      executablePath: chromiumPath,
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
        '--no-first-run',
        '--disable-quic',
      ],
    },
  },
  webServer: {
    command: `npx vite build --outDir ${e2eDist} --emptyOutDir --logLevel warn && npx vite preview --outDir ${e2eDist} --port ${port} --strictPort`,
    url: `http://localhost:${port}/`,
    reuseExistingServer: false,
    timeout: 180_000,
    stdout: 'ignore',
    stderr: 'pipe',
  },
});
