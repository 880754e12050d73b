/**
 * Okabe and Ito's colour-blind-safe palette (2008). Every categorical colour in these views also
 * has a second cue (a shape, a dash pattern or a label), so nothing depends on telling hues apart.
 */
export const OKABE_ITO = {
  black: '#000000',
  orange: '#E69F00',
  sky: '#56B4E9',
  green: '#009E73',
  yellow: '#F0E442',
  blue: '#0072B2',
  vermillion: '#D55E00',
  purple: '#CC79A7',
} as const;

/** What each colour means across the lab. */
export const ROLE = {
  decision: OKABE_ITO.blue,
  implied: OKABE_ITO.sky,
  theory: OKABE_ITO.green,
  conflict: OKABE_ITO.vermillion,
  conflictSide: OKABE_ITO.orange,
  learnt: OKABE_ITO.blue,
  deleted: OKABE_ITO.purple,
  restart: OKABE_ITO.black,
} as const;
