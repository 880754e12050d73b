import { useContext, useRef, useState, type CSSProperties, type ReactNode } from 'react';
import { KeyList, type KeyItem } from './chart/figureKey.tsx';
import { download, serializeSvg, svgToPng } from './exportSvg.ts';
import { errorMessage } from '../errors.ts';
import { FigureZoomContext } from './present/presentContext.ts';

interface FigureProps {
  title: string;
  /** File name without extension for exports, e.g. "lvars-hasse". */
  exportName: string;
  /** Extra controls shown in the caption bar, before the export buttons. */
  actions?: ReactNode;
  className?: string;
  /** The figure's key: listed under it, and drawn into its exported SVG and PNG. */
  figureKey?: readonly KeyItem[];
  children: ReactNode;
}

/** A titled frame around one d3 view, with SVG and PNG export of the first <svg> inside (and its key, if it has one). */
export function Figure({ title, exportName, actions, className, figureKey, children }: FigureProps) {
  const body = useRef<HTMLDivElement>(null);
  const [problem, setProblem] = useState<string>();
  const zoom = useContext(FigureZoomContext);

  const exportAs = async (format: 'svg' | 'png') => {
    const svg = body.current?.querySelector('svg');
    if (!svg) {
      setProblem('Nothing to export yet.');
      return;
    }
    try {
      const { text, width, height } = serializeSvg(svg, '#ffffff', figureKey);
      const blob = format === 'svg' ? new Blob([text], { type: 'image/svg+xml' }) : await svgToPng(text, width, height);
      download(blob, `${exportName}.${format}`);
      setProblem(undefined);
    } catch (e) {
      setProblem(`Export failed: ${errorMessage(e)}`);
    }
  };

  return (
    <figure className={`figure ${className ?? ''}`} aria-label={title}>
      <figcaption className="figure-bar">
        <span className="figure-title">{title}</span>
        <span className="figure-actions">
          {actions}
          <button type="button" className="quiet" onClick={() => void exportAs('svg')} title={`Download ${title} as SVG`}>
            SVG
          </button>
          <button type="button" className="quiet" onClick={() => void exportAs('png')} title={`Download ${title} as PNG`}>
            PNG
          </button>
        </span>
      </figcaption>
      {problem && (
        <p role="alert" className="figure-problem">
          {problem}
        </p>
      )}
      <div className={zoom > 1 ? 'figure-body zoomed' : 'figure-body'} ref={body} style={zoom > 1 ? ({ zoom, '--zoom': zoom } as CSSProperties) : undefined}>
        {children}
        {figureKey && <KeyList items={figureKey} label={`Key to ${title}`} />}
      </div>
    </figure>
  );
}
