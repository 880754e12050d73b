import { MSG, type MessageType } from '../../../engines/dynamo/sim/messages.ts';

/** Message families, each with one colour in every view (ring, Lamport diagram, legend). */
export const FAMILIES = [
  { id: 'client', label: 'client request / reply', color: '#3d4451', types: [MSG.request, MSG.forward, MSG.reply] },
  { id: 'put', label: 'put / ack', color: '#1f5fd1', types: [MSG.put, MSG.putAck] },
  { id: 'get', label: 'get / reply', color: '#178a45', types: [MSG.get, MSG.getReply] },
  { id: 'repair', label: 'read repair', color: '#d9730d', types: [MSG.repair] },
  { id: 'handoff', label: 'hinted handoff', color: '#8b3fd9', types: [MSG.handoff, MSG.handoffAck] },
  { id: 'merkle', label: 'anti-entropy (Merkle)', color: '#9a5b13', types: [MSG.merkle, MSG.merkleDiff, MSG.merklePush] },
  { id: 'transfer', label: 'key transfer', color: '#0e8a80', types: [MSG.transfer, MSG.transferAck] },
  { id: 'gossip', label: 'gossip / views', color: '#a3a9b3', types: [MSG.gossip, MSG.gossipReply, MSG.viewRequest, MSG.view] },
] as const;

const byType = new Map<number, (typeof FAMILIES)[number]>();
for (const f of FAMILIES) for (const t of f.types) byType.set(t, f);

export const familyOf = (type: number) => byType.get(type as MessageType) ?? FAMILIES[0];
export const messageColor = (type: number): string => familyOf(type).color;

/** Background traffic: drawn only when asked for. */
export const isBackground = (type: number): boolean => {
  const id = familyOf(type).id;
  return id === 'gossip' || id === 'merkle' || id === 'handoff' || id === 'transfer';
};
