/** Text cut to `max` characters with an ellipsis (the full text goes in a tooltip). */
export const short = (text: string, max: number): string => (text.length <= max ? text : `${text.slice(0, max - 1)}…`);

/** A count for people: thousands separated. */
export const count = (n: number): string => n.toLocaleString('en-US');

/** Milliseconds as seconds or milliseconds, whichever reads better. */
export const duration = (ms: number): string => (ms >= 1000 ? `${(ms / 1000).toFixed(2)} s` : `${ms.toFixed(ms < 10 ? 2 : 0)} ms`);
