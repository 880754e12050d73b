import { useState } from 'react';
import { download } from '../ui/exportSvg.ts';
import { handoutSvg } from './handout/handoutSvg.ts';
import { QrPanel } from './qr/QrPanel.tsx';
import './handout/handout.css';

interface PresentToolsProps {
  /** The share link of what is on the projector (the tour at its step, or the scenario). */
  link: string | undefined;
  what: 'tour' | 'scenario';
  onDownload(): void;
  /** For the handout: the title and caption of what is on screen. */
  title: string;
  caption: string;
}

const slug = (title: string) => title.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '') || 'handout';

/**
 * Presentation mode's teaching buttons: the handout and the QR code of the share link (a tour's
 * presenter view opens from its caption, so the bar stays one row with Dynamo's six view names).
 */
export function PresentTools({ link, what, onDownload, title, caption }: PresentToolsProps) {
  const [qr, setQr] = useState(false);
  const svgHandout = () => {
    const root = document.querySelector('main.lab');
    if (root) download(new Blob([handoutSvg(root, title, caption)], { type: 'image/svg+xml' }), `${slug(title)}-handout.svg`);
  };
  return (
    <>
      <details className="handout-menu">
        <summary className="quiet" title="This page as a handout: the views, the caption and the numbers">
          Handout
        </summary>
        <div className="handout-items">
          <button type="button" onClick={() => window.print()}>
            Print
          </button>
          <button type="button" onClick={svgHandout}>
            Download SVG
          </button>
        </div>
      </details>
      <button type="button" className="quiet" onClick={() => setQr((o) => !o)} disabled={!link} aria-pressed={qr} title="Show the share link as a QR code">
        QR code
      </button>
      {qr && link && <QrPanel link={link} what={what} onDownload={onDownload} onClose={() => setQr(false)} />}
    </>
  );
}
