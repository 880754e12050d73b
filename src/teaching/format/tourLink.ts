import { linkPayload, MAX_LINK_CHARS, packJson, unpackPayload, type Decoded } from '../../scenario/codec.ts';
import { parseTourText, type Tour } from './tour.ts';

/**
 * A tour link: `#tour=<link version>.<payload>`, the scenario codec's packing (CRC-32 ‖ DEFLATE,
 * base64url) under its own fragment key, so a tour is never mistaken for a scenario.
 */
export const TOUR_KEY = 'tour';

export const encodeTour = (tour: Tour): string => packJson(tour);

export function tourLink(pageUrl: string, tour: Tour): string {
  return `${pageUrl.split('#')[0]}#${TOUR_KEY}=${encodeTour(tour)}`;
}

/** True when the link fits what Latticework accepts; otherwise share the tour as a file. */
export const tourFitsLink = (tour: Tour): boolean => encodeTour(tour).length <= MAX_LINK_CHARS;

/** Decodes `#tour=…` (a fragment, a whole URL or a bare payload). Never throws. */
export function decodeTourLink(input: string): Decoded<Tour> {
  const trimmed = input.trim();
  const payload = trimmed.includes('#') || trimmed.includes('=') ? linkPayload(trimmed, TOUR_KEY) : trimmed;
  const unpacked = unpackPayload(payload);
  if (!unpacked.ok) return { ok: false, error: { ...unpacked.error, message: unpacked.error.message.replace(/^This link/, 'This tour link') } };
  return parseTourText(unpacked.value.bytes, 'link', unpacked.value.unchecked);
}
