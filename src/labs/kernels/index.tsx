import { defineLab } from '../types.tsx';
import { KernelsLab } from './KernelsLab.tsx';
import { defaultScenario, spec } from './scenario.ts';

export const lab = defineLab({ spec, defaultScenario, View: KernelsLab });
