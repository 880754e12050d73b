import { parentPort } from 'node:worker_threads';
import type { ToWorker } from '../engines/solver/search/parallel/messages.ts';
import { servePoolWorker } from '../engines/solver/search/parallel/poolWorker.ts';

// A worker thread of the solver's parallel search (solverPool.ts).
const port = parentPort!;
servePoolWorker({ post: (m) => port.postMessage(m), onMessage: (handler) => port.on('message', (m: ToWorker) => handler(m)) });
