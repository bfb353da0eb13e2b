import { createAdapter } from '@socket.io/redis-adapter';
import type { Redis } from 'ioredis';
import type { AccordIo } from '../realtime/socketio.js';
import type { ClusterRelay } from './relay.js';

/**
 * socket.io across nodes: `@socket.io/redis-adapter`, so that a room emit on one node (a tally for the chair,
 * a comment, a stage change) reaches the room's sockets on every node. The adapter publishes without waiting
 * for the answer; while Redis is away a publish must fail quietly (events of that moment reach this node's
 * own sockets only; clients reload state when they reconnect) rather than end the process.
 */
export function useRedisAdapter(io: AccordIo, relay: ClusterRelay): Redis[] {
  const pub = relay.pub.duplicate({ enableOfflineQueue: false, connectionName: 'accord-io-pub' });
  const sub = relay.sub.duplicate({ connectionName: 'accord-io-sub' });
  for (const client of [pub, sub]) client.on('error', () => undefined);
  const publish = pub.publish.bind(pub) as (channel: string | Buffer, message: string | Buffer) => Promise<number>;
  (pub as unknown as { publish: typeof publish }).publish = (channel, message) =>
    publish(channel, message).catch(() => 0);
  io.adapter(createAdapter(pub, sub, { key: 'accord:io' }));
  return [pub, sub];
}
