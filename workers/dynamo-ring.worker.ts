import { exposeEngine } from '../src/bridge/expose.ts';
import { previewEngine } from '../src/engines/dynamo/previewEngine.ts';

exposeEngine(previewEngine);
