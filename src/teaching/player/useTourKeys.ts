import { useEffect } from 'react';
import { isTyping } from '../../ui/isTyping.ts';

export interface TourKeys {
  next(): void;
  back(): void;
  edge(edge: 'start' | 'end'): void;
  exit(): void;
}

const NEXT = new Set([' ', 'ArrowRight', 'ArrowDown', 'PageDown', 'Enter']);
const BACK = new Set(['ArrowLeft', 'ArrowUp', 'PageUp', 'Backspace']);

/**
 * While a tour plays, the presenter's keys (space, arrows, a clicker's Page Up/Down) move through
 * its steps, not the lab's replay: this listener runs in the capture phase, before the shell's.
 */
export function useTourKeys(keys: TourKeys): void {
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.ctrlKey || e.metaKey || e.altKey || isTyping(e.target)) return;
      if (e.target instanceof HTMLElement && e.target.closest('dialog[open], .teaching-panel')) return;
      if (NEXT.has(e.key)) keys.next();
      else if (BACK.has(e.key)) keys.back();
      else if (e.key === 'Home') keys.edge('start');
      else if (e.key === 'End') keys.edge('end');
      else if (e.key === 'Escape') keys.exit();
      else return;
      e.preventDefault();
      e.stopImmediatePropagation();
    };
    window.addEventListener('keydown', onKey, true);
    return () => window.removeEventListener('keydown', onKey, true);
  }, [keys]);
}
