import { useCallback, useEffect, useState } from 'react';
import type { Scenario } from '../../scenario/types.ts';
import { MAX_STEPS, parseTourValue, TOUR_FORMAT, TOUR_VERSION, type Tour, type TourStep } from '../format/tour.ts';

const KEY = 'latticework.tour-draft';

export interface Draft {
  title: string;
  steps: TourStep[];
}

const EMPTY: Draft = { title: 'My lecture', steps: [] };

/** The draft as a tour, or undefined while it has no step. */
export const draftTour = (draft: Draft): Tour | undefined =>
  draft.steps.length === 0 ? undefined : { format: TOUR_FORMAT, version: TOUR_VERSION, title: draft.title, steps: draft.steps };

function load(): Draft {
  try {
    const text = localStorage.getItem(KEY);
    if (!text) return EMPTY;
    const raw: unknown = JSON.parse(text);
    const title = typeof raw === 'object' && raw !== null && 'title' in raw && typeof raw.title === 'string' ? raw.title : EMPTY.title;
    const checked = parseTourValue(raw, 'saved work');
    return checked.ok ? { title: checked.value.title, steps: checked.value.steps } : { ...EMPTY, title };
  } catch {
    return EMPTY;
  }
}

/** The tour being written: steps recorded from the open scenario, captions, order; kept in localStorage. */
export function useTourDraft() {
  const [draft, setDraft] = useState<Draft>(load);
  useEffect(() => {
    try {
      const tour = draftTour(draft);
      if (tour) localStorage.setItem(KEY, JSON.stringify(tour));
      else localStorage.removeItem(KEY);
    } catch {
      // Storage full or refused: the draft stays in memory, and Save still downloads it.
    }
  }, [draft]);

  const editStep = useCallback((index: number, patch: Partial<TourStep>) => {
    setDraft((d) => ({ ...d, steps: d.steps.map((s, i) => (i === index ? { ...s, ...patch } : s)) }));
  }, []);

  return {
    draft,
    full: draft.steps.length >= MAX_STEPS,
    setTitle: (title: string) => setDraft((d) => ({ ...d, title })),
    record: (scenario: Scenario) =>
      setDraft((d) => (d.steps.length >= MAX_STEPS ? d : { ...d, steps: [...d.steps, { caption: '', scenario, wait: 'none' }] })),
    editStep,
    move: (index: number, delta: -1 | 1) =>
      setDraft((d) => {
        const to = index + delta;
        if (to < 0 || to >= d.steps.length) return d;
        const steps = [...d.steps];
        [steps[index], steps[to]] = [steps[to]!, steps[index]!];
        return { ...d, steps };
      }),
    remove: (index: number) => setDraft((d) => ({ ...d, steps: d.steps.filter((_, i) => i !== index) })),
    replace: (tour: Tour) => setDraft({ title: tour.title, steps: tour.steps }),
  };
}
