/** Kinds of scheduled events on the agenda (sim/eventQueue.ts). */
export const EV = {
  message: 0,
  operation: 1,
  coordinatorTimeout: 2,
  clientTimeout: 3,
  gossip: 4,
  handoff: 5,
  antiEntropy: 6,
  refresh: 7,
  failure: 8,
  probe: 9,
  sample: 10,
  shutdown: 11,
  suspect: 12,
  forwardRetry: 13,
  /** A threshold read polls again (lattice values). */
  thresholdPoll: 14,
  /** A node finishes serving a replica operation (service/). */
  serviced: 15,
  /** A node's writer thread takes the object buffer (§6.1), and its write to storage is done. */
  flush: 16,
  flushed: 17,
  /** A background task's slice (or, without admission control, the whole task) leaves the storage engine (service/background.ts). */
  backgroundDone: 18,
  /** The admission controller's window ends: it re-decides each node's background slices (§6.5). */
  admissionWindow: 19,
} as const;
