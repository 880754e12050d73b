import { useCallback, useEffect, useState } from 'react';
import type { Scenario } from '../scenario/types.ts';
import { decodeTourLink, TOUR_KEY, tourLink } from './format/tourLink.ts';
import type { Tour } from './format/tour.ts';
import { usePresenterSync } from './presenter/usePresenterSync.ts';
import { BUILTIN_TOURS, builtinTour } from './tours/index.ts';

export interface Playing {
  tour: Tour;
  source: 'link' | 'example';
  index: number;
  /** A built-in tour is shared by its short name (`#builtin-tour=dynamo`), which makes a sparse QR code. */
  builtin?: string;
}

/** The link that reopens a tour at its current step. */
export function playingLink(pageUrl: string, playing: Playing): string {
  const page = pageUrl.split('#')[0] ?? pageUrl;
  const tour = playing.builtin ? `${page}#builtin-tour=${playing.builtin}` : tourLink(page, playing.tour);
  return `${tour}&step=${playing.index + 1}`;
}

/** `#tour=<payload>[&step=N]` (a shared tour) or `#builtin-tour=<lab>[&step=N]` (one of ours). */
function tourFromFragment(hash: string): { playing?: Playing; problem?: string } | undefined {
  const params = new URLSearchParams(hash.replace(/^#/, ''));
  const step = Math.max(0, Number.parseInt(params.get('step') ?? '1', 10) - 1 || 0);
  const builtin = params.get('builtin-tour');
  if (builtin !== null) {
    const tour = builtinTour(builtin);
    return tour ? { playing: { tour, source: 'example', builtin, index: Math.min(step, tour.steps.length - 1) } } : { problem: `There is no built-in tour "${builtin}".` };
  }
  if (!params.has(TOUR_KEY)) return undefined;
  const decoded = decodeTourLink(hash);
  if (!decoded.ok) return { problem: decoded.error.message };
  return { playing: { tour: decoded.value, source: 'link', index: Math.min(step, decoded.value.steps.length - 1) } };
}

/**
 * The teaching layer's state: the tour playing (from a link, a file, the built-in tours or the
 * editor), its step, and the scenario on screen. Presenter views follow it over BroadcastChannel.
 */
export function useTeaching(alert: (message: string) => void) {
  const [playing, setPlaying] = useState<Playing>();
  const [onScreen, setOnScreen] = useState<Scenario>();
  /** Side-by-side compare: A is pinned first, B is the scenario open when the compare starts. */
  const [pinned, setPinned] = useState<Scenario>();
  const [comparing, setComparing] = useState<{ a: Scenario; b: Scenario }>();

  const route = useCallback(
    (hash: string) => {
      const found = tourFromFragment(hash);
      if (!found) return;
      if (found.problem) alert(`${found.problem} Your own work is unchanged.`);
      if (found.playing) setPlaying(found.playing);
      history.replaceState(history.state, '', location.pathname + location.search);
    },
    [alert],
  );

  useEffect(() => {
    route(location.hash);
    const onHash = () => route(location.hash);
    window.addEventListener('hashchange', onHash);
    return () => window.removeEventListener('hashchange', onHash);
  }, [route]);

  const setIndex = useCallback((index: number) => setPlaying((p) => (p ? { ...p, index: Math.min(p.tour.steps.length - 1, Math.max(0, index)) } : p)), []);
  usePresenterSync(playing, setIndex);

  return {
    playing,
    onScreen: playing ? onScreen : undefined,
    setOnScreen,
    play: (tour: Tour, source: 'link' | 'example', index = 0) => {
      const builtin = BUILTIN_TOURS.find((t) => t.tour === tour)?.lab;
      setPlaying({ tour, source, index, ...(builtin ? { builtin } : {}) });
    },
    setIndex,
    exit: () => setPlaying(undefined),
    pinned,
    pin: setPinned,
    comparing,
    compare: (b: Scenario) => pinned && setComparing({ a: pinned, b }),
    exitCompare: () => setComparing(undefined),
  };
}
