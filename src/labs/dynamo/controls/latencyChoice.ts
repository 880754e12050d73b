import type { LatencyConfig } from '../../../engines/dynamo/config.ts';
import type { Distribution } from '../../../engines/dynamo/sim/latency.ts';
import { WARS_PRESETS } from '../../../engines/dynamo/sim/latencyPresets.ts';

/** The latency models offered in the settings: the simple shapes, and PBS's production fits. */
export type LatencyChoice = 'constant' | 'uniform' | 'exponential' | 'pareto' | keyof typeof WARS_PRESETS | 'custom';

export const LATENCY_CHOICES: { value: LatencyChoice; label: string }[] = [
  { value: 'exponential', label: 'exponential' },
  { value: 'constant', label: 'constant' },
  { value: 'uniform', label: 'uniform' },
  { value: 'pareto', label: 'Pareto' },
  { value: 'lnkd-ssd', label: WARS_PRESETS['lnkd-ssd'].title },
  { value: 'lnkd-disk', label: WARS_PRESETS['lnkd-disk'].title },
  { value: 'ymmr', label: WARS_PRESETS.ymmr.title },
  { value: 'custom', label: 'custom (from the scenario file)' },
];

const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

/** Which choice a latency config is. */
export function latencyChoice(l: LatencyConfig): LatencyChoice {
  for (const [id, preset] of Object.entries(WARS_PRESETS)) {
    const p = preset.latency;
    if (same(l.write, p.write) && same(l.ack, p.ack) && same(l.read, p.read) && same(l.response, p.response)) return id as LatencyChoice;
  }
  if (l.write || l.ack || l.read || l.response || l.default.kind === 'mixture') return 'custom';
  return l.default.kind;
}

/** The latency config for a choice, keeping the current parameters where they still apply. */
export function withChoice(l: LatencyConfig, choice: LatencyChoice): LatencyConfig {
  const none = { write: null, ack: null, read: null, response: null };
  const simple = (d: Distribution): LatencyConfig => ({ default: d, ...none });
  switch (choice) {
    case 'constant':
      return simple({ kind: 'constant', ms: 2 });
    case 'uniform':
      return simple({ kind: 'uniform', minMs: 1, maxMs: 3 });
    case 'exponential':
      return simple({ kind: 'exponential', meanMs: 2 });
    case 'pareto':
      return simple({ kind: 'pareto', scaleMs: 1, shape: 3 });
    case 'custom':
      return l;
    default: {
      const p = WARS_PRESETS[choice].latency;
      return { default: p.ack, write: p.write, ack: p.ack, read: p.read, response: p.response };
    }
  }
}
