/**
 * How thorough a test run is. `npm test` runs every property-based test a few times, so the suite
 * passes quickly on a busy laptop; `npm run test:deep` (LATTICEWORK_DEEP=1) runs the long
 * cross-checks: hundreds of random cases, and the slowest real-network instances.
 */
export const DEEP = process.env.LATTICEWORK_DEEP === '1';

/** The number of random cases for a property: `quick` in `npm test`, `deep` in `npm run test:deep`. */
export const runs = (quick: number, deep: number): number => (DEEP ? deep : quick);
