import { exposeEngine } from '../src/bridge/expose.ts';
import { previewEngine } from '../src/engines/dynamo/ring/previewEngine.ts';

exposeEngine(previewEngine);
