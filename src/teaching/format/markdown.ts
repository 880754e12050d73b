/**
 * The small markdown subset a caption may use: **bold**, *emphasis*, `code`, and blank-line
 * paragraphs. The parser yields plain text runs with a style; the renderer (Caption.tsx) turns them
 * into React text nodes, so a caption from a link is never HTML: `<script>` stays seven characters.
 */
export type Run = { style: 'text' | 'strong' | 'em' | 'code'; text: string };
export type Paragraph = Run[];

const MARKERS: readonly { open: string; style: Run['style'] }[] = [
  { open: '**', style: 'strong' },
  { open: '`', style: 'code' },
  { open: '*', style: 'em' },
];

/** Splits a caption into paragraphs of styled runs. An unclosed marker is kept as text. */
export function parseCaption(source: string): Paragraph[] {
  return source
    .replace(/\r\n?/g, '\n')
    .split(/\n\s*\n/)
    .map((block) => parseRuns(block.replace(/\s*\n\s*/g, ' ').trim()))
    .filter((runs) => runs.length > 0);
}

function parseRuns(text: string): Run[] {
  const runs: Run[] = [];
  let plain = '';
  let at = 0;
  const flush = () => {
    if (plain) runs.push({ style: 'text', text: plain });
    plain = '';
  };
  while (at < text.length) {
    const marker = MARKERS.find((m) => text.startsWith(m.open, at));
    const close = marker ? closing(text, at, marker.open) : -1;
    if (marker && close >= 0) {
      flush();
      runs.push({ style: marker.style, text: text.slice(at + marker.open.length, close) });
      at = close + marker.open.length;
    } else {
      plain += text[at];
      at += 1;
    }
  }
  flush();
  return runs;
}

/** Where a marker opened at `at` closes; as in markdown, the text inside neither starts nor ends with a space. */
function closing(text: string, at: number, open: string): number {
  const start = at + open.length;
  if (start >= text.length || /\s/.test(text[start]!)) return -1;
  const close = text.indexOf(open, start + 1);
  return close > start && !/\s/.test(text[close - 1]!) ? close : -1;
}

/** The caption without its markers, for a title attribute, a QR label or a presenter's preview. */
export const plainCaption = (source: string): string =>
  parseCaption(source)
    .map((p) => p.map((r) => r.text).join(''))
    .join(' ');
