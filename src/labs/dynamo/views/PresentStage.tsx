import { useLayoutEffect, useRef, useState, type ReactNode, type RefObject } from 'react';
import type { PaneSize } from '../../../ui/present/PresentLayout.tsx';
import { FigureZoomContext, typeFloor } from '../../../ui/present/presentContext.ts';
import { NODE_LABEL_MIN } from './ringLabels.ts';
import { RING_MIN } from './RingView.tsx';

/** What the ring column measures once drawn: its width and its figure bar's height, in px. */
interface RingColumn {
  width: number;
  bar: number;
}

/** The room the ring's figure takes around its drawing: its frame, and its body's padding (the RingFigure's `size` minus the ring drawn). */
const FRAME_PX = 2;
const BODY_PADDING = 24;

/**
 * The ring's zoom on a projector: its own smallest text (a node's name at its least) reaches the
 * type floor. The pane's zoom serves the tabs' charts, whose smallest text is smaller.
 */
export const ringZoom = (): number => Math.max(1, typeFloor(window.innerWidth) / NODE_LABEL_MIN);

/**
 * The ring's size in its own px: all the height the pane has under the ring's figure bar (as
 * measured), no more than 40% of its width, and never under RING_MIN (the layout that gives less
 * room is a defect the presentation test finds).
 */
export function ringUnits(pane: PaneSize, bar: number, zoom: number): number {
  const tall = (pane.height - bar - FRAME_PX) / zoom;
  const wide = (pane.width * 0.4) / zoom;
  return Math.max(RING_MIN, Math.floor(Math.min(tall, wide)));
}

/** Measures the column's width and its figure bar's height (the bar's buttons wrap or not with the ring's size). */
function useRingColumn(): [RefObject<HTMLDivElement | null>, RingColumn | undefined] {
  const ref = useRef<HTMLDivElement>(null);
  const [column, setColumn] = useState<RingColumn>();
  useLayoutEffect(() => {
    const element = ref.current;
    if (!element) return;
    const measure = () => {
      const bar = element.querySelector('.figure-bar')?.getBoundingClientRect().height ?? 0;
      const width = element.getBoundingClientRect().width;
      setColumn((c) => (c && c.width === Math.round(width) && c.bar === Math.round(bar) ? c : { width: Math.round(width), bar: Math.round(bar) }));
    };
    const observer = new ResizeObserver(measure);
    observer.observe(element);
    const bar = element.querySelector('.figure-bar');
    if (bar) observer.observe(bar);
    measure();
    return () => observer.disconnect();
  }, []);
  return [ref, column];
}

interface PresentStageProps {
  pane: PaneSize;
  /** The ring's figure at a size (RingFigure's `size`: the ring and its body's padding). */
  ring(size: number): ReactNode;
  /** The tab's views at a width in the pane's zoomed px. */
  tab(width: number): ReactNode;
}

/**
 * A Dynamo pane on a projector: the ring in a column of its own, as large as the room under its
 * figure bar allows (measured, not estimated: a notice or a wrapped line above the panes takes
 * height the ring must give back), and one tab's views in the width the column leaves.
 */
export function PresentStage({ pane, ring, tab }: PresentStageProps) {
  const [columnRef, column] = useRingColumn();
  const zoom = ringZoom();
  // Until the column is measured: a bar of one line of text, a column as wide as the ring.
  const bar = column?.bar ?? 2.4 * typeFloor(window.innerWidth);
  const units = ringUnits(pane, bar, zoom);
  const width = column?.width ?? units * zoom + 40;
  return (
    <div className="dyn-present-stage">
      {/* As wide as the ring: its frame, and its zoomed body's padding (0.5rem a side) round the drawing. */}
      <div className="dyn-stage-ring" ref={columnRef} style={{ width: `calc(${units * zoom}px + ${zoom}rem + ${FRAME_PX}px)` }}>
        <FigureZoomContext.Provider value={zoom}>{ring(units + BODY_PADDING)}</FigureZoomContext.Provider>
      </div>
      <div className="dyn-stage-tabs">{tab(Math.floor((pane.width - width - 24) / pane.zoom))}</div>
    </div>
  );
}
