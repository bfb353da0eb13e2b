import { afterAll } from 'vitest';
import { io, type Socket } from 'socket.io-client';
import type { ClientToServerEvents, ServerToClientEvents } from '../../shared/protocol/events.js';

export type EventSocket = Socket<ServerToClientEvents, ClientToServerEvents>;

/** A socket.io client following a document, with every event it got. */
export interface Follower {
  socket: EventSocket;
  events: [string, any][];
  /** The document's event sequence its join was answered with. */
  seq: number;
}

/** socket.io clients that join a document and record every event they get; disconnected after the suite. */
export function useFollowers(): { follow(baseUrl: string, cookie: string, documentId: string): Promise<Follower> } {
  const sockets: EventSocket[] = [];
  afterAll(() => sockets.forEach((s) => s.disconnect()));
  return {
    async follow(baseUrl, cookie, documentId) {
      const socket: EventSocket = io(baseUrl, {
        path: '/socket.io',
        transports: ['websocket'],
        extraHeaders: { cookie },
        reconnection: false,
      });
      sockets.push(socket);
      const events: [string, any][] = [];
      socket.onAny((event: string, payload: unknown) => events.push([event, payload]));
      const seq = await new Promise<number>((resolve, reject) => {
        socket.once('connect_error', reject);
        socket.once('connect', () => {
          socket.emit('document:join', { documentId }, (reply) =>
            reply.ok ? resolve(reply.seq) : reject(new Error(reply.error.id)),
          );
        });
      });
      return { socket, events, seq };
    },
  };
}
