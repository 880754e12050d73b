import type { Distribution } from './latency.ts';

/**
 * Production latency fits from PBS (Bailis et al., "Probabilistically Bounded Staleness for
 * Practical Partial Quorums", VLDB 2012): one-way delays of the WARS model, W (write to a
 * replica), A (its acknowledgement), R (read request), S (read response), in milliseconds.
 * Each is a mixture: a Pareto body (scale x_m, shape α) and an exponential tail (rate λ, so
 * mean 1/λ).
 */
export interface WarsLatency {
  write: Distribution;
  ack: Distribution;
  read: Distribution;
  response: Distribution;
}

const mix = (paretoWeight: number, scaleMs: number, shape: number, lambda: number): Distribution => ({
  kind: 'mixture',
  parts: [
    { weight: paretoWeight, dist: { kind: 'pareto', scaleMs, shape } },
    { weight: +(1 - paretoWeight).toFixed(6), dist: { kind: 'exponential', meanMs: +(1 / lambda).toPrecision(6) } },
  ],
});

/** LinkedIn, Voldemort on SSDs: W = A = R = S. */
const lnkdSsd = mix(0.9122, 0.235, 10, 1.66);
/** Yammer, Riak: A = R = S share one fit. */
const ymmrArs = mix(0.982, 1.5, 3.8, 0.0217);

export const WARS_PRESETS: Record<'lnkd-ssd' | 'lnkd-disk' | 'ymmr', { title: string; latency: WarsLatency }> = {
  'lnkd-ssd': { title: 'LinkedIn SSD (PBS)', latency: { write: lnkdSsd, ack: lnkdSsd, read: lnkdSsd, response: lnkdSsd } },
  'lnkd-disk': {
    title: 'LinkedIn disk (PBS)',
    latency: { write: mix(0.38, 1.05, 1.51, 0.183), ack: lnkdSsd, read: lnkdSsd, response: lnkdSsd },
  },
  ymmr: { title: 'Yammer (PBS)', latency: { write: mix(0.939, 3, 3.35, 0.0028), ack: ymmrArs, read: ymmrArs, response: ymmrArs } },
};
