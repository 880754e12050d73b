import { useEffect, useMemo, useRef, useState, type ReactNode } from 'react';
import { usePlayerRegistration } from './playerHub.ts';

const SPEEDS = [0.25, 0.5, 1, 2, 4, 8, 16] as const;

/** Icons drawn as SVG paths, so they render the same in every font and on every projector. */
const ICONS = {
  start: 'M3 2h2v12H3zM14 2 6 8l8 6z',
  back: 'M12 2 4 8l8 6z',
  play: 'M4 2l10 6-10 6z',
  pause: 'M3 2h3.5v12H3zM9.5 2H13v12H9.5z',
  forward: 'M4 2l8 6-8 6z',
  end: 'M11 2h2v12h-2zM2 2l8 6-8 6z',
} as const;

export const Icon = ({ name }: { name: keyof typeof ICONS }) => (
  <svg width="16" height="16" viewBox="0 0 16 16" aria-hidden="true" className="icon">
    <path d={ICONS[name]} fill="currentColor" />
  </svg>
);
/** Frames per second at speed 1×. */
const BASE_RATE = 2;

interface PlayerProps {
  /** Number of frames in the recorded trace; positions run from 0 to length - 1. */
  length: number;
  position: number;
  onSeek(position: number): void;
  /** A short description of a frame ("E-Put by thread 2"), shown beside the counter. */
  describe?: (position: number) => string;
  /** A remark on the trace itself (which part of the run it holds), on the description's line, at its end. */
  note?: ReactNode;
  label?: string;
}

/**
 * Replays a recorded trace: play, pause, step back and forward, a scrubber and a speed. It never
 * re-runs anything: stepping back is just showing an earlier frame of the same trace.
 */
export function Player({ length, position, onSeek, describe, note, label = 'Replay' }: PlayerProps) {
  const [playing, setPlaying] = useState(false);
  const [speed, setSpeed] = useState<number>(1);
  const last = Math.max(0, length - 1);
  const at = Math.min(Math.max(0, position), last);
  const latest = useRef({ at, last, onSeek });
  latest.current = { at, last, onSeek };

  useEffect(() => {
    if (!playing) return;
    const timer = setInterval(() => {
      const { at: now, last: end, onSeek: seek } = latest.current;
      if (now >= end) setPlaying(false);
      else seek(now + 1);
    }, 1000 / (BASE_RATE * speed));
    return () => clearInterval(timer);
  }, [playing, speed]);

  const controls = useMemo(
    () => ({
      togglePlay: () =>
        setPlaying((p) => {
          const { at: now, last: end, onSeek: seek } = latest.current;
          if (!p && now >= end) seek(0);
          return !p && end > 0;
        }),
      step: (delta: number) => {
        setPlaying(false);
        const { at: now, last: end, onSeek: seek } = latest.current;
        seek(Math.min(end, Math.max(0, now + delta)));
      },
      seekEdge: (edge: 'start' | 'end') => {
        setPlaying(false);
        const { last: end, onSeek: seek } = latest.current;
        seek(edge === 'start' ? 0 : end);
      },
    }),
    [],
  );
  usePlayerRegistration(controls);

  const disabled = length <= 1;
  return (
    <div className="player" role="group" aria-label={label}>
      <button type="button" onClick={() => controls.seekEdge('start')} disabled={disabled || at === 0} aria-label="Go to start" title="Go to start (Home)">
        <Icon name="start" />
      </button>
      <button type="button" onClick={() => controls.step(-1)} disabled={disabled || at === 0} aria-label="Step back" title="Step back (←)">
        <Icon name="back" />
      </button>
      <button type="button" className="player-play" onClick={controls.togglePlay} disabled={disabled} aria-label={playing ? 'Pause' : 'Play'} title="Play or pause (space)">
        <Icon name={playing ? 'pause' : 'play'} />
      </button>
      <button type="button" onClick={() => controls.step(1)} disabled={disabled || at === last} aria-label="Step forward" title="Step forward (→)">
        <Icon name="forward" />
      </button>
      <button type="button" onClick={() => controls.seekEdge('end')} disabled={disabled || at === last} aria-label="Go to end" title="Go to end (End)">
        <Icon name="end" />
      </button>
      <input
        type="range"
        className="player-scrubber"
        min={0}
        max={last}
        value={at}
        disabled={disabled}
        aria-label="Position in the trace"
        onChange={(e) => {
          setPlaying(false);
          onSeek(Number(e.target.value));
        }}
      />
      <span className="player-counter" aria-live="polite">
        {length === 0 ? 'no trace' : `${at} / ${last}`}
      </span>
      <label className="player-speed">
        <span className="sr-only">Speed</span>
        <select value={speed} onChange={(e) => setSpeed(Number(e.target.value))} aria-label="Playback speed">
          {SPEEDS.map((s) => (
            <option key={s} value={s}>
              {s}×
            </option>
          ))}
        </select>
      </label>
      {((describe && length > 0) || note) && (
        <span className="player-line">
          {describe && length > 0 && <span className="player-describe">{describe(at)}</span>}
          {note && <span className="player-note">{note}</span>}
        </span>
      )}
    </div>
  );
}
