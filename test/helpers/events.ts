import { afterAll } from 'vitest';
import { io, type Socket } from 'socket.io-client';
import type { ClientToServerEvents, ServerToClientEvents } from '../../shared/protocol/events.js';
import type { AccordSocket } from '../../server/realtime/socketio.js';
import type { TestServer } from './server.js';

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

/** Joins of one person's sockets held on the server (`holdJoins`). */
export interface HeldJoins {
  /** How many joins are held now. */
  count(): number;
  /** Lets the held joins through, and every later one. */
  letThrough(): void;
  /** Lets them through and stops watching new connections. */
  stop(): void;
}

/**
 * Holds every `document:join` of `username`'s sockets connecting from now on, until `letThrough`: a page has
 * read and drawn its state and is not yet in the document's room, for as long as a test needs (no sleeps).
 */
export function holdJoins(server: TestServer, username: string): HeldJoins {
  let holding = true;
  const held: (() => void)[] = [];
  const hold = (socket: AccordSocket): void => {
    if (socket.data.actor.username !== username) return;
    socket.use((packet, next) => {
      if (holding && packet[0] === 'document:join') held.push(() => next());
      else next();
    });
  };
  server.io.on('connection', hold);
  const letThrough = (): void => {
    holding = false;
    for (const release of held.splice(0)) release();
  };
  return {
    count: () => held.length,
    letThrough,
    stop() {
      letThrough();
      server.io.off('connection', hold);
    },
  };
}
