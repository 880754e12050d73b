import { defineCliLab } from '../../cli/labs.ts';
import { engine } from '../../engines/smt/engine.ts';
import { spec } from './scenario.ts';

export const cliLab = defineCliLab(spec, engine);
