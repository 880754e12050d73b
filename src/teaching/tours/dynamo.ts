import { on, tour } from './define.ts';

/** Dynamo (SOSP'07): the ring, quorums and a stale read, a partition and the cart, hinted handoff, lattice merges. */
export const dynamoTour = tour('Dynamo: an always-writeable store', [
  on(
    'dynamo/quorums',
    'Consistent hashing (§4.2): each node owns ranges of the ring, and a key is stored on the next **N = 3** distinct nodes clockwise, its preference list.',
    { target: 'The ring:' },
  ),
  on('dynamo/quorums', 'Node A is one of eight; its tokens are the arcs of its colour. Every number on this page comes from the simulation running now.', { target: 'Node A' }),
  on(
    'dynamo/quorums',
    'With **R = W = 1** (R + W ≤ N), a read can miss the latest write: some reads are stale.',
    { target: "Headline numbers at the player's time", mark: 'stale reads' },
  ),
  on(
    'dynamo/quorums',
    'The same workload with **R = W = 2** (R + W > N): every read quorum meets every write quorum, so no read is stale.',
    { target: "Headline numbers at the player's time", mark: 'stale reads' },
    { config: { quorum: { r: 2, w: 2 } } },
  ),
  on(
    'dynamo/shopping-cart',
    'A partition splits the laptop from the phone. Both keep editing the cart; after the heal the versions are siblings, and the merge (§4.4) brings the **deleted item back**.',
    { target: 'Versions of k0', mark: 'v5 · merge' },
  ),
  on(
    'dynamo/sloppy-quorum',
    'Two nodes crash for 3.5 s. The **sloppy quorum** writes to the next healthy nodes, which hold hints and hand them back on recovery (§4.6).',
    { target: 'Hinted backlog and divergent replicas' },
  ),
  on(
    'dynamo/sloppy-quorum',
    'With a **strict** quorum the same crashes cost availability: writes fail while the preference list is short of W nodes.',
    { target: 'Availability over time' },
    { config: { quorum: { sloppy: false } } },
  ),
  on(
    'dynamo/shopping-cart',
    'Reconcile with a **two-phase set** instead, a lattice: a removal wins over a concurrent add, and the deleted item stays deleted.',
    { target: 'Versions of k0', mark: 'v5 · merge' },
    { config: { versioning: { reconciliation: 'lattice-two-phase-set' } } },
  ),
]);
