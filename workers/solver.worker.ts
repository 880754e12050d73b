import { exposeEngine } from '../src/bridge/expose.ts';
import { engine } from '../src/engines/solver/engine.ts';

exposeEngine(engine);
