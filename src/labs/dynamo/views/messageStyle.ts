import { MSG, type MessageType } from '../../../engines/dynamo/sim/messages.ts';
import type { KeyItem } from '../../../ui/chart/figureKey.tsx';
import { OKABE_ITO, type Category } from '../../../ui/chart/palette.tsx';

/**
 * Message families, each with one colour (Okabe–Ito) and one mark shape in every view (the ring's
 * messages in flight, the Lamport diagram's arrows, the key): the shape tells them apart without colour.
 */
export const FAMILIES = [
  { id: 'client', label: 'client request / reply', color: OKABE_ITO.black, shape: 'circle', types: [MSG.request, MSG.forward, MSG.reply] },
  { id: 'put', label: 'put / ack', color: OKABE_ITO.blue, shape: 'square', types: [MSG.put, MSG.putAck] },
  { id: 'get', label: 'get / reply', color: OKABE_ITO.bluishGreen, shape: 'triangle', types: [MSG.get, MSG.getReply] },
  { id: 'repair', label: 'read repair', color: OKABE_ITO.orange, shape: 'diamond', types: [MSG.repair] },
  { id: 'handoff', label: 'hinted handoff', color: OKABE_ITO.reddishPurple, shape: 'star', types: [MSG.handoff, MSG.handoffAck] },
  { id: 'merkle', label: 'anti-entropy (Merkle)', color: OKABE_ITO.vermillion, shape: 'wye', types: [MSG.merkle, MSG.merkleDiff, MSG.merklePush] },
  { id: 'transfer', label: 'key transfer', color: OKABE_ITO.skyBlue, shape: 'cross', types: [MSG.transfer, MSG.transferAck] },
  { id: 'gossip', label: 'gossip / views', color: OKABE_ITO.yellow, shape: 'triangleDown', types: [MSG.gossip, MSG.gossipReply, MSG.viewRequest, MSG.view] },
] as const satisfies readonly (Category & { id: string; label: string; types: readonly number[] })[];

/** The families' key, for the figures that draw messages (shown under them and drawn into their exports). */
export const FAMILY_KEY: readonly KeyItem[] = FAMILIES.map((f) => ({ label: f.label, fill: f.color, shape: f.shape }));

const byType = new Map<number, (typeof FAMILIES)[number]>();
for (const f of FAMILIES) for (const t of f.types) byType.set(t, f);

export const familyOf = (type: number) => byType.get(type as MessageType) ?? FAMILIES[0];
export const messageColor = (type: number): string => familyOf(type).color;

/** Background traffic: drawn only when asked for. */
export const isBackground = (type: number): boolean => {
  const id = familyOf(type).id;
  return id === 'gossip' || id === 'merkle' || id === 'handoff' || id === 'transfer';
};
