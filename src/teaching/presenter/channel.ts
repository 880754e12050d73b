/**
 * The main window and a presenter view talk over one BroadcastChannel (same origin, same
 * browser, no server). The main window owns the position; the presenter view shows it and asks
 * to move. Messages are checked on arrival: a channel is a page boundary like any other.
 */
export const CHANNEL = 'latticework-presenter';

export interface StepPreview {
  caption: string;
  lab: string;
}

export type PresenterMessage =
  | { type: 'state'; title: string; index: number; steps: StepPreview[] }
  | { type: 'ended' }
  | { type: 'hello' }
  | { type: 'go'; index: number };

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

export function readMessage(data: unknown): PresenterMessage | undefined {
  if (!isRecord(data)) return undefined;
  switch (data.type) {
    case 'hello':
    case 'ended':
      return { type: data.type };
    case 'go':
      return Number.isInteger(data.index) ? { type: 'go', index: data.index as number } : undefined;
    case 'state': {
      if (typeof data.title !== 'string' || !Number.isInteger(data.index) || !Array.isArray(data.steps)) return undefined;
      const steps = data.steps.filter(isRecord).map((s) => ({ caption: String(s.caption ?? ''), lab: String(s.lab ?? '') }));
      return { type: 'state', title: data.title, index: data.index as number, steps };
    }
    default:
      return undefined;
  }
}

export function openChannel(onMessage: (message: PresenterMessage) => void): { post(message: PresenterMessage): void; close(): void } {
  if (typeof BroadcastChannel === 'undefined') return { post: () => {}, close: () => {} };
  const channel = new BroadcastChannel(CHANNEL);
  channel.onmessage = (e: MessageEvent) => {
    const message = readMessage(e.data);
    if (message) onMessage(message);
  };
  return { post: (message) => channel.postMessage(message), close: () => channel.close() };
}
