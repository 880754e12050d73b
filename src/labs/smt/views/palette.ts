import { OKABE_ITO } from '../../../ui/chart/palette.tsx';

/**
 * What each colour means across the SAT/SMT lab, in the shared Okabe–Ito palette
 * (src/ui/chart/palette.tsx). Every one also has a second cue in its view (a shape, a dash
 * pattern or a label), so nothing depends on telling hues apart.
 */
export const ROLE = {
  decision: OKABE_ITO.blue,
  implied: OKABE_ITO.skyBlue,
  theory: OKABE_ITO.bluishGreen,
  conflict: OKABE_ITO.vermillion,
  conflictSide: OKABE_ITO.orange,
  learnt: OKABE_ITO.blue,
  deleted: OKABE_ITO.reddishPurple,
  restart: OKABE_ITO.black,
} as const;
