import { exposeEngine } from '../src/bridge/expose.ts';
import { engine } from '../src/engines/dynamo/index.ts';

exposeEngine(engine);
