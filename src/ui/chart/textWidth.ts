/**
 * The width of a line of SVG text, in px, before it is drawn: a figure sizes its boxes to their
 * text (a version's box to its vector clock). In the browser a canvas measures it in the page's own
 * fonts; where there is no canvas (the unit tests, in Node) it is estimated generously, at `EM`
 * of the size a character (`MONO_EM` for monospace, whose characters all have one width).
 */
export interface TextStyle {
  size: number;
  weight?: number;
  mono?: boolean;
}

const EM = 0.66;
const MONO_EM = 0.61;

let context: CanvasRenderingContext2D | null | undefined;

function canvasContext(): CanvasRenderingContext2D | null {
  if (context === undefined) context = typeof document === 'undefined' ? null : document.createElement('canvas').getContext('2d');
  return context;
}

const families = new Map<boolean, string>();

/** The page's font families (its own and the CSS variable --mono, as the SVG text inherits them), read once. */
function family(mono: boolean): string {
  let f = families.get(mono);
  if (f === undefined) {
    const root = getComputedStyle(document.documentElement);
    f = (mono ? root.getPropertyValue('--mono') : root.fontFamily).trim() || (mono ? 'monospace' : 'sans-serif');
    families.set(mono, f);
  }
  return f;
}

export function textWidth(text: string, { size, weight = 400, mono = false }: TextStyle): number {
  const ctx = canvasContext();
  if (!ctx) return text.length * size * (mono ? MONO_EM : EM);
  ctx.font = `${weight} ${size}px ${family(mono)}`;
  return ctx.measureText(text).width;
}
