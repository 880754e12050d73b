import type { LabEntry } from '../registry.ts';

export const entry: LabEntry = {
  id: 'dynamo',
  title: 'Dynamo',
  summary: 'A deterministic simulation of Amazon’s Dynamo: the ring, quorums, versions and failures',
  about: {
    text: "A deterministic simulation of Dynamo: keys on a consistent-hashing ring with virtual nodes, replicas on the preference list, sloppy quorums of R and W out of N, vector clocks and reconciliation, hinted handoff and anti-entropy through crashes and partitions. Replay the messages, the versions of a key and the metrics at any moment of the run.",
    reference: "G. DeCandia, D. Hastorun, M. Jampani, G. Kakulapati, A. Lakshman, A. Pilchin, S. Sivasubramanian, P. Vosshall, W. Vogels. Dynamo: Amazon's Highly Available Key-value Store. SOSP 2007.",
  },
  order: 2,
  load: () => import('./index.tsx').then((m) => m.lab),
};
