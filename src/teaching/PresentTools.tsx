import { useState } from 'react';
import { QrPanel } from './qr/QrPanel.tsx';

interface PresentToolsProps {
  /** The share link of what is on the projector (the tour at its step, or the scenario). */
  link: string | undefined;
  what: 'tour' | 'scenario';
  onDownload(): void;
}

/** Presentation mode's teaching buttons: the QR code of the share link, and the presenter view. */
export function PresentTools({ link, what, onDownload }: PresentToolsProps) {
  const [qr, setQr] = useState(false);
  return (
    <>
      {what === 'tour' && (
        <button type="button" className="quiet" onClick={() => window.open(`${location.pathname}?presenter=1`, 'latticework-presenter', 'popup,width=900,height=640')} title="Open a presenter view (next step preview) in a second window">
          Presenter view
        </button>
      )}
      <button type="button" className="quiet" onClick={() => setQr((o) => !o)} disabled={!link} aria-pressed={qr} title="Show the share link as a QR code">
        QR code
      </button>
      {qr && link && <QrPanel link={link} what={what} onDownload={onDownload} onClose={() => setQr(false)} />}
    </>
  );
}
