import { defineCliLab } from '../../cli/labs.ts';
import { engine } from '../../engines/solver/engine.ts';
import { spec } from './scenario.ts';

export const cliLab = defineCliLab(spec, engine);
