import { exposeEngine } from '../src/bridge/expose.ts';
import { engine } from '../src/engines/smt/engine.ts';

exposeEngine(engine);
