import { useEffect, useRef } from 'react';
import type { Tour } from '../format/tour.ts';
import { openChannel, type PresenterMessage } from './channel.ts';

type Playing = { tour: Tour; index: number } | undefined;

const stateOf = (playing: Playing): PresenterMessage =>
  playing
    ? {
        type: 'state',
        title: playing.tour.title,
        index: playing.index,
        steps: playing.tour.steps.map((s) => ({ caption: s.caption, lab: s.scenario?.lab ?? s.example?.lab ?? '' })),
      }
    : { type: 'ended' };

/** The main window's side: tells presenter views where the tour is, and moves when one asks. */
export function usePresenterSync(playing: Playing, onGo: (index: number) => void): void {
  const latest = useRef({ playing, onGo });
  latest.current = { playing, onGo };
  const channel = useRef<ReturnType<typeof openChannel>>(undefined);

  useEffect(() => {
    const open = openChannel((message) => {
      if (message.type === 'hello') open.post(stateOf(latest.current.playing));
      else if (message.type === 'go' && latest.current.playing) latest.current.onGo(message.index);
    });
    channel.current = open;
    return () => {
      open.close();
      channel.current = undefined;
    };
  }, []);

  useEffect(() => channel.current?.post(stateOf(playing)), [playing]);
}
