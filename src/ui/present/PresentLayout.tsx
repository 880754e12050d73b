import { useEffect, useRef, type ReactNode } from 'react';
import { createPortal } from 'react-dom';
import { isTyping } from '../isTyping.ts';
import { useElementSize } from '../useElementSize.ts';
import { FigureZoomContext, typeFloor, usePresentSlot } from './presentContext.ts';

/** The room a pane has, in px, and the zoom of the Figures in it (divide by it to size a figure to the room). */
export interface PaneSize {
  width: number;
  height: number;
  zoom: number;
}

/** One view of a lab on the projector; `render` gets the room it has. */
export interface PresentPane {
  id: string;
  label: string;
  /**
   * The size in px of the smallest text the pane's figures draw (figures laid out in fixed px).
   * The body of every Figure in the pane is then zoomed so that text reaches the type floor; a
   * figure that measures its box lays itself out in the zoomed px and still fills the screen.
   */
  smallestText?: number;
  /** The pane takes the lead's column too (a figure that needs the screen's width, Kernels' fusion graphs). */
  wide?: boolean;
  render(size: PaneSize): ReactNode;
}

interface PresentLayoutProps {
  /** The panes, the one that carries the lab's idea first; keys 1–9 show them. */
  panes: readonly PresentPane[];
  active: string;
  onActive(id: string): void;
  /** Always on screen, in a column on the left (the program, say). */
  lead?: ReactNode;
  /** Always on screen above the panes (a verdict) and below them (the player). */
  head?: ReactNode;
  foot?: ReactNode;
  /** The lead column's share of the width, e.g. "0.8fr" or "24rem". */
  leadWidth?: string;
  className?: string;
}

/**
 * A lab on a projector: one screen, never a page to scroll. The lead, head and foot stay; one pane
 * fills the rest of the screen and the others are one key away (their names, with their keys, sit
 * in the shell's presentation bar). Each lab declares its panes in its own view.
 */
export function PresentLayout({ panes, active, onActive, lead, head, foot, leadWidth = '0.85fr', className }: PresentLayoutProps) {
  const slot = usePresentSlot();
  const [paneRef, size] = useElementSize<HTMLDivElement>();
  const shown = panes.find((p) => p.id === active) ?? panes[0];
  const zoom = shown?.smallestText ? Math.max(1, typeFloor(window.innerWidth) / shown.smallestText) : 1;
  const latest = useRef({ panes, onActive });
  latest.current = { panes, onActive };

  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.ctrlKey || e.metaKey || e.altKey || isTyping(e.target) || !/^[1-9]$/.test(e.key)) return;
      const pane = latest.current.panes[Number(e.key) - 1];
      if (!pane) return;
      e.preventDefault();
      latest.current.onActive(pane.id);
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);

  const tabs = panes.length > 1 && (
    <nav className="present-panes" aria-label="Views">
      {panes.map((p, i) => (
        <button key={p.id} type="button" className={p.id === shown?.id ? 'active' : ''} aria-pressed={p.id === shown?.id} onClick={() => onActive(p.id)} title={`Show ${p.label} (${i + 1})`}>
          <kbd>{i + 1}</kbd>
          {p.label}
        </button>
      ))}
    </nav>
  );

  const withLead = lead && !shown?.wide;
  return (
    <div className={`present-layout${withLead ? ' with-lead' : ''} ${className ?? ''}`} style={withLead ? { gridTemplateColumns: `minmax(0, ${leadWidth}) minmax(0, 2fr)` } : undefined}>
      {slot ? tabs && createPortal(tabs, slot) : tabs}
      {withLead && <div className="present-lead">{lead}</div>}
      <div className="present-stage">
        {head}
        <div className="present-pane" ref={paneRef} data-pane={shown?.id}>
          <FigureZoomContext.Provider value={zoom}>{shown && size.height > 0 && shown.render({ ...size, zoom })}</FigureZoomContext.Provider>
        </div>
        {foot}
      </div>
    </div>
  );
}
