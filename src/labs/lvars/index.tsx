import { defineLab } from '../types.tsx';
import { LvarsLab } from './LvarsLab.tsx';
import { defaultScenario, spec } from './scenario.ts';

export const lab = defineLab({ spec, defaultScenario, View: LvarsLab });
