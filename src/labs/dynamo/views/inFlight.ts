import type { DynamoTrace } from '../../../engines/dynamo/engine.ts';
import { FLAG, REC } from '../../../engines/dynamo/measure/traceRecorder.ts';
import { timeAt } from '../timeline.ts';
import { isBackground } from './messageStyle.ts';
import type { InFlight } from './RingView.tsx';

/** Records to look ahead for messages sent by now and delivered later. */
const LOOKAHEAD = 800;
/** Messages drawn at most, so a busy moment stays readable. */
const MOST = 60;

/** Messages travelling at the player's time, with how far along each is. */
export function messagesInFlight(trace: DynamoTrace, position: number, background: boolean): InFlight[] {
  const e = trace.events;
  if (e.length === 0) return [];
  const now = timeAt(trace, position);
  const out: InFlight[] = [];
  for (let i = position + 1; i < e.length && i <= position + LOOKAHEAD && out.length < MOST; i++) {
    if (e.kind[i] !== REC.message || e.sent[i]! > now || e.time[i]! <= now) continue;
    if (!background && isBackground(e.type[i]!)) continue;
    out.push({
      from: e.from[i]!,
      to: e.to[i]!,
      progress: (now - e.sent[i]!) / Math.max(1e-9, e.time[i]! - e.sent[i]!),
      type: e.type[i]!,
      dropped: (e.flags[i]! & FLAG.DROPPED) !== 0,
    });
  }
  return out;
}
