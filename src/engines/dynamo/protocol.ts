import { onAntiEntropy, onMerkle, onMerkleDiff, onMerklePush } from './failures/antiEntropy.ts';
import { onSample } from './measure/audit.ts';
import {
  onClientTimeout,
  onCoordinatorTimeout,
  onForwardRetry,
  onOperation,
  onProbe,
  onReplicaAnswer,
  onReply,
  onRequest,
  onRequestLost,
} from './replication/coordinator.ts';
import { onFailure, onShutdown } from './failures/failures.ts';
import { onGossip, onGossipMessage, onRefresh, onView, onViewRequest } from './membership/gossip.ts';
import { onHandoff, onHandoffAck, onHandoffMessage } from './failures/handoff.ts';
import { MSG } from './sim/messages.ts';
import { onTransfer, onTransferAck } from './membership/rebalance.ts';
import { onGet, onPut, onRepair } from './replication/replica.ts';
import { onThresholdPoll } from './replication/thresholdRead.ts';
import type { Protocol } from './concerns.ts';
import { onFlush, onFlushed } from './service/serve.ts';

/** Dynamo: which module handles which event and which message. */
export const dynamoProtocol: Protocol = {
  onOperation,
  onProbe,
  onCoordinatorTimeout,
  onClientTimeout,
  onForwardRetry,
  onThresholdPoll,
  onGossip,
  onHandoff,
  onAntiEntropy,
  onRefresh,
  onFailure,
  onSample,
  onShutdown,
  onFlush,
  onFlushed,
  onNodeMessage(sim, node, from, msg) {
    switch (msg.type) {
      case MSG.request:
      case MSG.forward:
        return onRequest(sim, node, msg);
      case MSG.put:
        return onPut(sim, node, from, msg);
      case MSG.get:
        return onGet(sim, node, from, msg);
      case MSG.putAck:
      case MSG.getReply:
        return onReplicaAnswer(sim, node, from, msg);
      case MSG.repair:
        return onRepair(sim, node, from, msg);
      case MSG.handoff:
        return onHandoffMessage(sim, node, from, msg);
      case MSG.handoffAck:
        return onHandoffAck(sim, node, msg);
      case MSG.gossip:
      case MSG.gossipReply:
        return onGossipMessage(sim, node, from, msg);
      case MSG.viewRequest:
        return onViewRequest(sim, node, from);
      case MSG.merkle:
        return onMerkle(sim, node, from, msg);
      case MSG.merkleDiff:
        return onMerkleDiff(sim, node, from, msg);
      case MSG.merklePush:
        return onMerklePush(sim, node, from, msg);
      case MSG.transfer:
        return onTransfer(sim, node, from, msg);
      case MSG.transferAck:
        return onTransferAck(sim, node, msg);
    }
  },
  onClientMessage(sim, client, from, msg) {
    switch (msg.type) {
      case MSG.reply:
        return onReply(sim, msg);
      case MSG.putAck:
      case MSG.getReply:
        return onReplicaAnswer(sim, sim.M + client, from, msg);
      case MSG.view:
        return onView(sim, client, msg);
    }
  },
  onLost(sim, msg, from, to) {
    if (msg.type === MSG.request || msg.type === MSG.forward || msg.type === MSG.reply) onRequestLost(sim, msg, from, to);
  },
};
