import { createPortal } from 'react-dom';
import { QrCode, qrMatrix } from './QrCode.tsx';

/**
 * The share link as a QR code, large enough to scan from the back of a hall. A link too long for
 * a scannable code is said to be so, with a file download instead.
 */
export function QrPanel({ link, what, onDownload, onClose }: { link: string; what: string; onDownload(): void; onClose(): void }) {
  const matrix = qrMatrix(link);
  // On the body, above the tour's ring and caption, and outside the faded presentation bar.
  return createPortal(
    <div className="qr-panel" role="dialog" aria-label="QR code of the share link">
      {matrix ? (
        <>
          <QrCode matrix={matrix} label={`QR code of the link to this ${what}`} />
          <p>Scan to open this {what} on your own device.</p>
        </>
      ) : (
        <>
          <p role="alert" className="qr-too-long">
            The link to this {what} is too long for a QR code ({link.length.toLocaleString('en-US')} characters).
          </p>
          <button type="button" className="primary" onClick={onDownload}>
            Download it as a file
          </button>
        </>
      )}
      <button type="button" className="quiet qr-close" onClick={onClose} aria-label="Close the QR code">
        ✕
      </button>
    </div>,
    document.body,
  );
}
