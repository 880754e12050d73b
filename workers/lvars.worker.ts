import { exposeEngine } from '../src/bridge/expose.ts';
import { engine } from '../src/engines/lvars/index.ts';

exposeEngine(engine);
