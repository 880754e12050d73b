/** The widest window, in typical message delays. */
const SPAN_IN_DELAYS = 30;
/** With no message to show, the window is this many milliseconds before the cursor. */
const EMPTY_SPAN_MS = 10;

export interface Span {
  sent: number;
  time: number;
}

export interface MessageWindow<T> {
  t0: number;
  t1: number;
  /** The messages drawn: the given ones minus those wholly before the window. */
  shown: T[];
  /** The cursor lies beyond the window's end (a quiet stretch of hidden events): draw it at the edge. */
  cursorAfter: boolean;
}

/**
 * The time window of the Lamport diagram, centred on the visible messages: the last ones up to
 * the cursor, spanning no more than a few dozen typical delays (so a quiet period does not squash
 * the arrows into vertical lines). The span is measured back from the last visible message, not
 * from the cursor: when the cursor sits on a hidden event (gossip, anti-entropy) long after the
 * last request, the window stays on the requests instead of shrinking to a sliver around the cursor.
 */
export function messageWindow<T extends Span>(arrows: readonly T[], now: number): MessageWindow<T> {
  if (arrows.length === 0) return { t0: now - EMPTY_SPAN_MS, t1: now + EMPTY_SPAN_MS * 0.04, shown: [], cursorAfter: false };
  const delays = arrows.map((a) => a.time - a.sent).sort((a, b) => a - b);
  const typical = Math.max(1e-3, delays[Math.floor(delays.length / 2)]!);
  const span = SPAN_IN_DELAYS * typical;
  // Messages in flight at the cursor end there.
  const last = Math.max(...arrows.map((a) => Math.min(a.time, now)));
  const earliest = Math.max(last - span, Math.min(...arrows.map((a) => a.sent)));
  const shown = arrows.filter((a) => a.sent >= earliest || a.time >= earliest);
  const first = Math.min(...shown.map((a) => a.sent));
  // The cursor joins the window when it is near enough not to squash the messages.
  const cursorAfter = now - first > 1.5 * span;
  const end = cursorAfter ? last : now;
  const t0 = first - Math.max(1e-3, (end - first) * 0.03);
  const t1 = end + Math.max(1e-3, (end - t0) * 0.04);
  return { t0, t1, shown, cursorAfter };
}
