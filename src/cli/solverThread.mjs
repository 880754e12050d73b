// A worker thread of the solver's parallel search. worker_threads loads plain JavaScript, so this
// runs solverThread.ts from the CLI's bundle (bundle.mjs, as latticework.mjs does).
import { bundledEntry } from './bundle.mjs';

await import(await bundledEntry('solverThread'));
