import { useEffect } from 'react';
import { isTyping } from '../ui/isTyping.ts';
import type { PlayerHub } from '../ui/playerHub.ts';

/** The keyboard map, shown by the help dialog; `present` marks keys that only work on a projector. */
export const SHORTCUTS: readonly { keys: string[]; action: string; present?: boolean }[] = [
  { keys: ['Space'], action: 'Play or pause the replay' },
  { keys: ['←', '→'], action: 'Step the replay back or forward' },
  { keys: ['↑', '↓', 'Page Up', 'Page Down'], action: 'Step back or forward (presentation mode, clickers)', present: true },
  { keys: ['Home', 'End'], action: 'Go to the start or the end of the replay' },
  { keys: ['p'], action: 'Enter or leave presentation mode' },
  { keys: ['1', '…', '9'], action: 'Show another view of the lab (presentation mode)', present: true },
  { keys: ['f'], action: 'Full screen on or off' },
  { keys: ['Escape'], action: 'Leave presentation mode or close a dialog' },
  { keys: ['?'], action: 'Show this help' },
];

interface ShortcutHandlers {
  hub: PlayerHub;
  present: boolean;
  setPresent(on: boolean): void;
  toggleHelp(): void;
}

export function toggleFullscreen(): void {
  if (document.fullscreenElement) void document.exitFullscreen().catch(() => {});
  else void document.documentElement.requestFullscreen?.().catch(() => {});
}

/** One keydown listener for the whole app; typing in an editor or a field is never intercepted. */
export function useShortcuts({ hub, present, setPresent, toggleHelp }: ShortcutHandlers): void {
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.ctrlKey || e.metaKey || e.altKey || isTyping(e.target)) return;
      if (e.target instanceof HTMLElement && e.target.closest('dialog[open]')) return;
      const player = hub.active;
      const onControl = e.target instanceof HTMLElement && e.target.closest('button, a, summary') !== null;
      let handled = true;
      switch (e.key) {
        case '?':
          toggleHelp();
          break;
        case 'p':
          setPresent(!present);
          break;
        case 'f':
          toggleFullscreen();
          break;
        case 'Escape':
          if (!present) return;
          if (document.fullscreenElement) void document.exitFullscreen().catch(() => {});
          setPresent(false);
          break;
        case ' ':
          if (onControl || !player) return;
          player.togglePlay();
          break;
        case 'ArrowRight':
          if (!player) return;
          player.step(1);
          break;
        case 'ArrowLeft':
          if (!player) return;
          player.step(-1);
          break;
        case 'ArrowDown':
        case 'PageDown':
          if (!player || !present) return;
          player.step(1);
          break;
        case 'ArrowUp':
        case 'PageUp':
          if (!player || !present) return;
          player.step(-1);
          break;
        case 'Home':
          if (!player) return;
          player.seekEdge('start');
          break;
        case 'End':
          if (!player) return;
          player.seekEdge('end');
          break;
        default:
          handled = false;
      }
      if (handled) e.preventDefault();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [hub, present, setPresent, toggleHelp]);
}
