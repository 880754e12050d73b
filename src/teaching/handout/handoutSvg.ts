import { serializeSvg } from '../../ui/exportSvg.ts';
import { plainCaption } from '../format/markdown.ts';

const WIDTH = 960;
const MARGIN = 32;
const FONT = 'font-family:system-ui,sans-serif';

const escapeXml = (text: string) => text.replace(/[<>&"']/g, (c) => `&#${c.charCodeAt(0)};`);

/** Greedy line breaking at about `chars` characters a line. */
export function wrap(text: string, chars: number): string[] {
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(/\s+/).filter(Boolean)) {
    if (line && line.length + 1 + word.length > chars) {
      lines.push(line);
      line = word;
    } else line = line ? `${line} ${word}` : word;
  }
  if (line) lines.push(line);
  return lines;
}

/** The numbers a lab shows as a definition list (headline numbers, a result's facts): "label: value". */
function numbers(root: ParentNode): string[] {
  const out: string[] = [];
  for (const dt of root.querySelectorAll('dl dt')) {
    const dd = dt.nextElementSibling;
    if (dd?.tagName === 'DD') out.push(`${dt.textContent?.trim() ?? ''}: ${dd.textContent?.replace(/\s+/g, ' ').trim() ?? ''}`);
    if (out.length >= 24) break;
  }
  return out;
}

/**
 * The page as one SVG document: the scenario's title, the caption, its numbers, and every figure
 * the lab shows (each figure's own SVG, styles inlined by serializeSvg), stacked in page order.
 * Text is escaped; nothing from the page is copied as markup except the figures' own SVG.
 */
export function handoutSvg(root: ParentNode, title: string, caption: string): string {
  const parts: string[] = [];
  let y = MARGIN + 28;
  const text = (content: string, size: number, weight = 400) => {
    parts.push(`<text x="${MARGIN}" y="${y}" style="${FONT};font-size:${size}px;font-weight:${weight}" fill="#111827">${escapeXml(content)}</text>`);
    y += size * 1.4;
  };
  text(title, 26, 700);
  for (const line of wrap(plainCaption(caption), 80)) text(line, 17);
  y += 8;
  for (const fact of numbers(root)) text(fact, 14);
  for (const figure of root.querySelectorAll('figure')) {
    const svg = figure.querySelector('svg');
    if (!(svg instanceof SVGSVGElement) || svg.getBoundingClientRect().width === 0) continue;
    const { text: doc, width, height } = serializeSvg(svg);
    const scale = Math.min(1, (WIDTH - 2 * MARGIN) / width);
    y += 16;
    text(figure.getAttribute('aria-label') ?? '', 18, 600);
    const body = doc.replace(/^<\?xml[^>]*>\s*/, '').replace(/^<svg/, `<svg x="${MARGIN}" y="${y}" width="${width * scale}" height="${height * scale}"`);
    parts.push(body);
    y += height * scale + 8;
  }
  const height = Math.ceil(y + MARGIN);
  return `<?xml version="1.0" encoding="UTF-8"?>\n<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" width="${WIDTH}" height="${height}" viewBox="0 0 ${WIDTH} ${height}"><rect width="100%" height="100%" fill="#fff"/>${parts.join('')}</svg>`;
}
