import { describe, expect, it } from 'vitest';
import { createRunContext } from '../../runContext.ts';
import type { BackgroundConfig, DynamoConfig } from '../config.ts';
import { defaultConfig } from '../defaults.ts';
import { summarize } from '../measure/summary.ts';
import { dynamoProtocol } from '../protocol.ts';
import { Simulation } from '../simulation.ts';
import { AdmissionController } from './admission.ts';

const run = (cfg: DynamoConfig, seed = 7) => {
  const sim = new Simulation(cfg, seed, dynamoProtocol);
  sim.run(createRunContext(), () => {});
  return summarize(sim, false, seed);
};

/**
 * 8 nodes with FCFS storage engines at ρ about 0.4; node 2 is down for 4 s, so the sloppy quorum
 * leaves hundreds of hints with its neighbours, handed back on recovery at 0.5 ms per key read
 * and again per key written.
 */
function recovery(admission: boolean, keyMs = 0.5): DynamoConfig {
  const cfg = defaultConfig();
  cfg.service = { ...cfg.service, enabled: true, background: { keyMs, admission, targetMs: 10, windowMs: 500, sliceMs: 2, maxSlices: 40 } };
  cfg.latency.default = { kind: 'exponential', meanMs: 0.5 };
  cfg.workload = { ...cfg.workload, keys: 5000, popularity: { kind: 'uniform' }, ratePerSecond: 800, requests: 6000, settleMs: 3000 };
  cfg.failures = [
    { kind: 'crash', node: 2, at: 1000 },
    { kind: 'recover', node: 2, at: 5000 },
  ];
  cfg.trace.maxEvents = 0;
  return cfg;
}

describe('admission control for background tasks (SOSP’07 §6.5)', () => {
  const off = run(recovery(false));
  const on = run(recovery(true));

  it('keeps the foreground tail lower while the hand-off runs', () => {
    expect(off.queueing.background.tasks).toBeGreaterThan(0);
    expect(on.latencyMs.read.p999Ms).toBeLessThan(off.latencyMs.read.p999Ms);
    const worst = (s: typeof on) => Math.max(...s.queueing.background.readP99Ms.map((x) => x ?? 0));
    // The controller's own measure: the worst window's 99th percentile of disk reads.
    expect(worst(on)).toBeLessThan(worst(off));
  });

  it('slows background work, which still completes', () => {
    const cleared = (s: typeof on) => s.queueing.background.hintsClearedMs;
    expect(cleared(off)).not.toBeNull();
    expect(cleared(on)).not.toBeNull();
    expect(cleared(on)!).toBeGreaterThan(cleared(off)!);
    expect(on.hintedHandoff.backlogFinal).toBe(0);
    expect(on.hintedHandoff.hintsDelivered).toBe(off.hintedHandoff.hintsDelivered);
  });

  it('changes nothing when background work costs nothing', () => {
    expect(run(recovery(true, 0))).toEqual(run(recovery(false, 0)));
  });

  it('is deterministic: same scenario and seed, same run', () => {
    expect(run(recovery(true))).toEqual(on);
  });
});

describe('the admission controller’s feedback', () => {
  const cfg: BackgroundConfig = { keyMs: 1, admission: true, targetMs: 10, windowMs: 100, sliceMs: 1, maxSlices: 20 };

  it('halves the allowance above the target, never below one slice, and grows it back by a tenth of the most', () => {
    const c = new AdmissionController(cfg, 1, 40);
    const allowance = () => {
      let n = 0;
      while (c.mayTake(0)) {
        c.take(0);
        n++;
      }
      return n;
    };
    const windows: number[] = [];
    for (let w = 0; w < 8; w++) {
      for (let i = 0; i < 100; i++) c.observe(0, i < 98 ? 1 : 50);
      c.endWindow(w);
      windows.push(allowance());
    }
    expect(windows).toEqual([10, 5, 2, 1, 1, 1, 1, 1]);
    for (let w = 8; w < 12; w++) {
      for (let i = 0; i < 100; i++) c.observe(0, 1);
      c.endWindow(w);
      windows.push(allowance());
    }
    expect(windows.slice(8)).toEqual([3, 5, 7, 9]);
    expect(c.p99[0]).toBe(50);
    expect(c.p99[8]).toBe(1);
  });
});
