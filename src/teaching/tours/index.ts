import type { LabId } from '../../scenario/types.ts';
import type { Tour } from '../format/tour.ts';
import { dynamoTour } from './dynamo.ts';
import { kernelsTour } from './kernels.ts';
import { lvarsTour } from './lvars.ts';
import { smtTour } from './smt.ts';
import { solverTour } from './solver.ts';

/** The built-in tours, one per lab, in the switcher's order; each tells its paper's key idea on the real engine. */
export const BUILTIN_TOURS: readonly { lab: LabId; tour: Tour }[] = [
  { lab: 'lvars', tour: lvarsTour },
  { lab: 'dynamo', tour: dynamoTour },
  { lab: 'solver', tour: solverTour },
  { lab: 'smt', tour: smtTour },
  { lab: 'kernels', tour: kernelsTour },
];

export const builtinTour = (lab: string): Tour | undefined => BUILTIN_TOURS.find((t) => t.lab === lab)?.tour;
