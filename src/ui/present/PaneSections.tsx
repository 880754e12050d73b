import { useContext, useEffect, useState, type ReactNode } from 'react';
import { useElementSize } from '../useElementSize.ts';
import { FigureZoomContext } from './presentContext.ts';

/**
 * One screenful of a pane: `render` gets the height one figure's drawing may take, in the figures'
 * (zoomed) px, and a rem in those px (to leave room for HTML beside the figure: a table's rows).
 */
export interface PaneSection {
  id: string;
  label: string;
  render(room: { drawing: number; rem: number }): ReactNode;
}

/**
 * A Figure's caption bar and margins, in rem (theme.css's .figure-bar), and the body's padding
 * above and below its drawing (0.5rem each): zoomed with the body, so it grows with the zoom.
 */
const FIGURE_BAR_REM = 3;
const FIGURE_PADDING_REM = 1;

/** The smallest drawing a section is given, in figure px: below it a chart is no longer worth drawing. */
const MIN_DRAWING = 72;

/**
 * A presentation pane with more figures than one screen holds (Dynamo's metrics): one section at a
 * time, sized to the room, the others one pick away, so the pane never scrolls. The
 * scenario's own section comes first: a pane opened on an example shows what the example is for.
 */
export function PaneSections({ sections, label, initial }: { sections: readonly PaneSection[]; label: string; initial?: string | undefined }) {
  // The section shown first: the one the scenario is about (`initial`), else the first.
  const [chosen, setChosen] = useState(initial ?? sections[0]?.id);
  const [box, size] = useElementSize<HTMLDivElement>();
  const zoom = useContext(FigureZoomContext);
  const index = Math.max(0, sections.findIndex((s) => s.id === chosen));
  const section = sections[index];
  const rem = parseFloat(getComputedStyle(document.documentElement).fontSize) || 16;
  const estimate = Math.floor((size.height - (FIGURE_BAR_REM + FIGURE_PADDING_REM * zoom) * rem) / zoom);
  // The estimate cannot know what a section draws beside its drawing (a title that wraps, a legend
  // row, a table): what still overflows once drawn is taken off the drawing, measured, per section
  // and pane size, so a section never runs past its pane.
  const key = `${section?.id}:${size.width}x${size.height}`;
  const [trim, setTrim] = useState({ key: '', px: 0 });
  const taken = trim.key === key ? trim.px : 0;
  const drawing = Math.max(MIN_DRAWING, estimate - taken);
  useEffect(() => {
    const body = box.current;
    if (!body || size.height === 0) return;
    const excess = body.scrollHeight - body.clientHeight;
    if (excess > 1 && drawing > MIN_DRAWING) setTrim({ key, px: taken + Math.ceil(excess / zoom) });
  }, [box, size.height, drawing, key, taken, zoom]);
  return (
    <div className="pane-sections">
      <label className="pane-sections-pick">
        {label}{' '}
        <select value={section?.id} onChange={(e) => setChosen(e.target.value)}>
          {sections.map((s) => (
            <option key={s.id} value={s.id}>
              {s.label}
            </option>
          ))}
        </select>{' '}
        <span className="muted">
          {index + 1} of {sections.length}
        </span>
      </label>
      <div ref={box} className="pane-sections-body">
        {section && size.height > 0 && section.render({ drawing, rem: rem / zoom })}
      </div>
    </div>
  );
}
