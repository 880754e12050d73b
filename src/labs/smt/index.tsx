import { defineLab } from '../types.tsx';
import { defaultScenario, spec } from './scenario.ts';
import { SmtLab } from './SmtLab.tsx';

export const lab = defineLab({ spec, defaultScenario, View: SmtLab });
