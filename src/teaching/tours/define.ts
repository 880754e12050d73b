import type { Json } from '../../scenario/schema.ts';
import type { LabId } from '../../scenario/types.ts';
import { TOUR_FORMAT, TOUR_VERSION, type Highlight, type Tour, type TourStep } from '../format/tour.ts';

/** One step of a built-in tour: an example (with part of its config or view replaced), a caption, a highlight. */
export function on(
  example: `${LabId}/${string}`,
  caption: string,
  highlight?: Highlight & { wait?: boolean },
  patch: { config?: Json; view?: Json } = {},
): TourStep {
  const [lab, id] = example.split('/') as [LabId, string];
  const { wait = true, ...target } = highlight ?? { wait: false };
  return {
    caption,
    example: { lab, id, ...patch },
    ...(highlight ? { highlight: target as Highlight, wait: wait ? 'target' : 'none' } : { wait: 'none' }),
  };
}

export const tour = (title: string, steps: TourStep[]): Tour => ({ format: TOUR_FORMAT, version: TOUR_VERSION, title, steps });
