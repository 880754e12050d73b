import { createContext, useContext, useEffect, useState } from 'react';

/**
 * Presentation mode's shared pieces. The shell's presentation bar has a slot where the open lab's
 * layout puts the names of its panes (so the bar is the only chrome, and nothing floats over the
 * content); the type floor is the smallest size a lecturer can point at from the back of a hall.
 */
export const PresentSlotContext = createContext<HTMLElement | null>(null);

export const usePresentSlot = () => useContext(PresentSlotContext);

/** How much a Figure's body is zoomed (a presentation pane of figures drawn in small fixed px). */
export const FigureZoomContext = createContext(1);

/** 20 px on a 1920-wide screen, in proportion on any other (13.3 px at 1280). */
export const TYPE_FLOOR_AT_1920 = 20;

export function typeFloor(width: number): number {
  return (TYPE_FLOOR_AT_1920 * width) / 1920;
}

/**
 * The size, in px, of text a lecturer points at (code, chart and graph labels): in presentation
 * mode the type floor for this window's width, rounded up, and never below `normal`.
 */
export function usePresentFont(present: boolean, normal: number): number {
  const [width, setWidth] = useState(() => (typeof window === 'undefined' ? 1920 : window.innerWidth));
  useEffect(() => {
    if (!present) return;
    const onResize = () => setWidth(window.innerWidth);
    window.addEventListener('resize', onResize);
    return () => window.removeEventListener('resize', onResize);
  }, [present]);
  return present ? Math.max(normal, Math.ceil(typeFloor(width))) : normal;
}
