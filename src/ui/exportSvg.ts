/**
 * Turns a live d3 view into a standalone SVG document (styles inlined, so it looks the same
 * outside the page) or a PNG, and downloads either.
 */

import { appendKey, type KeyItem } from './chart/figureKey.tsx';

const SVG_NS = 'http://www.w3.org/2000/svg';

/** Presentation properties copied from the computed style of every element. */
const STYLE_PROPS = [
  'fill', 'fill-opacity', 'stroke', 'stroke-width', 'stroke-opacity', 'stroke-dasharray', 'stroke-linecap',
  'stroke-linejoin', 'opacity', 'font-family', 'font-size', 'font-weight', 'font-style', 'text-anchor',
  'dominant-baseline', 'alignment-baseline', 'letter-spacing', 'visibility', 'display', 'marker-end',
  'marker-start', 'paint-order',
] as const;

/**
 * The SVG document of a live view, styles inlined; with a `key`, the figure's key is drawn in rows
 * under the drawing (the drawing nests in a taller document), so the file stands alone.
 */
export function serializeSvg(svg: SVGSVGElement, background = '#ffffff', key: readonly KeyItem[] = []): { text: string; width: number; height: number } {
  const box = svg.getBoundingClientRect();
  const width = Math.max(1, Math.round(box.width));
  const drawn = Math.max(1, Math.round(box.height));
  const clone = svg.cloneNode(true) as SVGSVGElement;
  const sources = [svg, ...svg.querySelectorAll('*')];
  const targets = [clone, ...clone.querySelectorAll('*')];
  sources.forEach((source, i) => {
    const target = targets[i];
    if (!(target instanceof SVGElement) || !(source instanceof SVGElement)) return;
    const computed = getComputedStyle(source);
    const inline = STYLE_PROPS.map((p) => `${p}:${computed.getPropertyValue(p)}`).join(';');
    target.setAttribute('style', inline);
    target.removeAttribute('class');
  });
  clone.setAttribute('width', String(width));
  clone.setAttribute('height', String(drawn));
  if (!clone.getAttribute('viewBox')) clone.setAttribute('viewBox', `0 0 ${width} ${drawn}`);
  const doc = key.length ? document.createElementNS(SVG_NS, 'svg') : clone;
  if (doc !== clone) doc.append(clone);
  const height = drawn + appendKey(doc, key, width, drawn);
  doc.setAttribute('xmlns', SVG_NS);
  doc.setAttribute('xmlns:xlink', 'http://www.w3.org/1999/xlink');
  doc.setAttribute('width', String(width));
  doc.setAttribute('height', String(height));
  if (doc !== clone) doc.setAttribute('viewBox', `0 0 ${width} ${height}`);
  const bg = document.createElementNS(SVG_NS, 'rect');
  bg.setAttribute('width', '100%');
  bg.setAttribute('height', '100%');
  bg.setAttribute('fill', background);
  doc.insertBefore(bg, doc.firstChild);
  const text = `<?xml version="1.0" encoding="UTF-8"?>\n${new XMLSerializer().serializeToString(doc)}`;
  return { text, width, height };
}

export async function svgToPng(svgText: string, width: number, height: number, scale = 2): Promise<Blob> {
  const url = URL.createObjectURL(new Blob([svgText], { type: 'image/svg+xml' }));
  try {
    const image = new Image();
    image.decoding = 'sync';
    await new Promise<void>((resolve, reject) => {
      image.onload = () => resolve();
      image.onerror = () => reject(new Error('the SVG could not be drawn'));
      image.src = url;
    });
    const canvas = document.createElement('canvas');
    canvas.width = Math.round(width * scale);
    canvas.height = Math.round(height * scale);
    const context = canvas.getContext('2d');
    if (!context) throw new Error('no 2-D canvas available');
    context.scale(scale, scale);
    context.drawImage(image, 0, 0, width, height);
    return await new Promise<Blob>((resolve, reject) =>
      canvas.toBlob((blob) => (blob ? resolve(blob) : reject(new Error('PNG encoding failed'))), 'image/png'),
    );
  } finally {
    URL.revokeObjectURL(url);
  }
}

export function download(blob: Blob, filename: string): void {
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = filename;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
