import { useEffect, useRef, useState } from 'react';
import { useEngine } from '../../bridge/useEngine.ts';
import type { DynamoConfig } from '../../engines/dynamo/config.ts';
import type { RingPreview } from '../../engines/dynamo/ring/previewEngine.ts';
import type { Ring } from '../../engines/dynamo/ring/ring.ts';

const spawn = () => new Worker(new URL('../../../workers/dynamo-ring.worker.ts', import.meta.url), { type: 'module', name: 'dynamo-ring' });

/** What the starting ring depends on: the cluster, N (the preference lists' length), the nodes added later, the seed. */
const previewKey = (c: DynamoConfig, seed: number) => JSON.stringify([c.cluster, c.quorum.n, c.failures.filter((f) => f.kind === 'add'), seed]);

/**
 * The ring a scenario starts from, laid out in a worker (a ring of 65,536 tokens takes a good
 * part of a second to build, which the page's main thread must never spend). Until the first
 * layout arrives the ring is undefined; after a change, the previous ring stays until the new one is ready.
 */
export function useRingPreview(config: DynamoConfig, seed: number): { ring?: Ring; problem?: string } {
  const { start } = useEngine<DynamoConfig, RingPreview>(spawn);
  const [preview, setPreview] = useState<{ ring?: Ring; problem?: string }>({});
  const latest = useRef({ config, seed });
  latest.current = { config, seed };
  const key = previewKey(config, seed);
  useEffect(() => {
    let live = true;
    void start(latest.current.config, latest.current.seed).then((outcome) => {
      if (!live) return;
      if (outcome.status === 'done') setPreview({ ring: outcome.result.summary });
      else if (outcome.error.kind !== 'cancelled') setPreview({ problem: outcome.error.message });
    });
    return () => {
      live = false;
    };
  }, [key, start]);
  return preview;
}
