import { exposeEngine } from '../src/bridge/expose.ts';
import { sliceEngine } from '../src/engines/solver/slice.ts';

exposeEngine(sliceEngine);
