import type { ToWorker } from '../src/engines/solver/search/parallel/messages.ts';
import { servePoolWorker } from '../src/engines/solver/search/parallel/poolWorker.ts';

/** One worker of the solver's parallel search in the browser (workers/solver/pool.ts). */
servePoolWorker({
  post: (m) => self.postMessage(m),
  onMessage: (handler) => {
    self.onmessage = (e: MessageEvent<ToWorker>) => handler(e.data);
  },
});
