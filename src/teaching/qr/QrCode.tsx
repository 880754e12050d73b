import QRCode from 'qrcode';

/**
 * Largest QR version shown. Version 25 is 117 modules a side: at the size drawn here (about a third
 * of a projected 1080p screen) a module stays some 3 pixels wide, which a phone still reads from
 * the back of a hall; a denser code does not scan, so a longer link is offered as a file.
 */
export const MAX_QR_VERSION = 25;

export type QrMatrix = { size: number; dark(row: number, column: number): boolean };

/** The QR code of `text` (byte mode, error correction L), or undefined when it is too long to scan. */
export function qrMatrix(text: string): QrMatrix | undefined {
  try {
    const code = QRCode.create(text, { errorCorrectionLevel: 'L' });
    if (code.version > MAX_QR_VERSION) return undefined;
    const { size, data } = code.modules;
    return { size, dark: (r, c) => data[r * size + c] === 1 };
  } catch {
    return undefined;
  }
}

/** Draws the code as one SVG path with a four-module quiet zone. */
export function QrCode({ matrix, label }: { matrix: QrMatrix; label: string }) {
  const quiet = 4;
  const full = matrix.size + 2 * quiet;
  let path = '';
  for (let r = 0; r < matrix.size; r++)
    for (let c = 0; c < matrix.size; c++) if (matrix.dark(r, c)) path += `M${c + quiet} ${r + quiet}h1v1h-1z`;
  return (
    <svg className="qr-code" viewBox={`0 0 ${full} ${full}`} role="img" aria-label={label} shapeRendering="crispEdges">
      <rect width={full} height={full} fill="#fff" />
      <path d={path} fill="#000" />
    </svg>
  );
}
