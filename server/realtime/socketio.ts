import type { Server as HttpServer } from 'node:http';
import { Server, type Socket } from 'socket.io';
import { z } from 'zod';
import type { Actor } from '../../shared/domain/roles.js';
import {
  PROTOCOL_VERSION,
  delegationRoom,
  documentRoom,
  userRoom,
  type JoinAck,
  type ClientToServerEvents,
  type ServerToClientEvents,
} from '../../shared/protocol/events.js';
import { decide } from '../../shared/domain/permissions.js';
import type { AppContext } from '../context.js';
import type { DocumentRow } from '../db/repositories/documents.js';
import { resolveSession } from '../auth/session.js';
import { claimedOrigin, isSameOrigin } from '../http/origin.js';
import { denialMessage } from '../policies/authorize.js';
import { roomOf, type Broadcaster } from './broadcast.js';
import { TokenBucket, type Rate } from '../collab/rateLimit.js';

interface SocketData {
  actor: Actor;
  sessionHash: string;
}

export type AccordIo = Server<ClientToServerEvents, ServerToClientEvents, Record<string, never>, SocketData>;
export type AccordSocket = Socket<ClientToServerEvents, ServerToClientEvents, Record<string, never>, SocketData>;

const joinPayload = z.object({ documentId: z.string().regex(/^[A-Za-z0-9_-]{1,64}$/) });

/**
 * socket.io for server → client events. A connection needs a live session cookie and, when the browser
 * names an origin, this server's origin. Clients join a document's room to follow it; joining is checked
 * like reading the document over HTTP.
 */
export interface SocketIoOptions {
  /**
   * Events one socket may send (joining and leaving documents): a burst, then a steady rate. Beyond it the
   * event is answered `rate_limited` and the socket is disconnected. Default `SOCKET_EVENT_RATE`.
   */
  eventRate?: Rate;
}

/**
 * A socket asks to follow a document's events: joins its room if the person may read it, and says why not
 * otherwise. The answer carries the document's event sequence read after the socket is in the room, not the
 * one of the row read to decide: an event committed between that read and the join (on this node or, through
 * the Redis adapter, another) could reach the room before the socket did and be counted in neither.
 */
async function joinDocument(ctx: AppContext, socket: AccordSocket, payload: unknown, reply: JoinAck): Promise<void> {
  const parsed = joinPayload.safeParse(payload);
  if (!parsed.success)
    return reply({ ok: false, error: { id: 'invalid_input', message: 'documentId: expected a document id' } });
  let doc: DocumentRow | undefined;
  try {
    doc = await ctx.store.documents.get(parsed.data.documentId);
  } catch (error) {
    ctx.log.error('document:join failed', error);
    return reply({ ok: false, error: { id: 'internal', message: 'Something went wrong on the server.' } });
  }
  if (!doc) return reply({ ok: false, error: { id: 'document_not_found', message: 'No such document.' } });
  const decision = decide(socket.data.actor, 'document.read', { stage: doc.stage });
  if (!decision.allowed)
    return reply({ ok: false, error: { id: decision.reason, message: denialMessage(decision.reason) } });
  // A socket that went away while the document was read must not be left behind in the room.
  if (!socket.connected) return;
  const room = documentRoom(doc.id);
  void socket.join(room);
  let seq: number | undefined;
  try {
    seq = await ctx.store.documents.eventsSeq(doc.id);
  } catch (error) {
    ctx.log.error('document:join failed', error);
  }
  if (seq === undefined) {
    void socket.leave(room);
    return reply({ ok: false, error: { id: 'internal', message: 'Something went wrong on the server.' } });
  }
  reply({ ok: true, seq });
}

/**
 * A page joins the document it shows and leaves it when it goes, a few events a minute; a reconnection
 * rejoins at once. Each join reads the database: a script joining in a loop would make every socket cost a
 * query per event.
 */
export const SOCKET_EVENT_RATE: Rate = { burst: 60, perSecond: 5 };

export function attachSocketIo(ctx: AppContext, http: HttpServer, options: SocketIoOptions = {}): AccordIo {
  const io: AccordIo = new Server(http, {
    path: '/socket.io',
    serveClient: false,
    // Other upgrade paths (the collab socket) are handled elsewhere: do not destroy them.
    destroyUpgrade: false,
    maxHttpBufferSize: 64 * 1024,
    // WebSocket only, like the collab door: with no long-polling sessions to keep on one node, any node behind
    // a load balancer can take any connection (no sticky sessions).
    transports: ['websocket'],
    allowRequest: (req, callback) => {
      const origin = claimedOrigin(req);
      callback(null, !origin || isSameOrigin(req, origin, ctx.config.allowedOrigins));
    },
  });

  // socket.io does not await middleware: a failed session lookup is handed to `next`, refusing the handshake.
  io.use(async (socket, next) => {
    let session: Awaited<ReturnType<typeof resolveSession>>;
    try {
      session = await resolveSession(ctx, socket.request.headers.cookie);
    } catch (error) {
      ctx.log.error('socket.io handshake failed', error);
      return next(Object.assign(new Error('internal'), { data: { id: 'internal' } }));
    }
    if (!session) return next(Object.assign(new Error('not_authenticated'), { data: { id: 'not_authenticated' } }));
    // Counted by the person's room, joined here (with nothing awaited between the count and the join) so that
    // two handshakes cannot both take the last place.
    const limit = ctx.config.MAX_CONNECTIONS_PER_USER;
    const room = userRoom(session.actor.userId);
    if (limit > 0 && (io.of('/').adapter.rooms.get(room)?.size ?? 0) >= limit) {
      return next(Object.assign(new Error('too_many_connections'), { data: { id: 'too_many_connections' } }));
    }
    void socket.join(room);
    socket.data.actor = session.actor;
    socket.data.sessionHash = session.sessionHash;
    next();
  });

  io.on('connection', (socket: AccordSocket) => {
    const { actor } = socket.data;
    void socket.join(userRoom(actor.userId));
    if (actor.delegation) void socket.join(delegationRoom(actor.delegation));
    socket.emit('hello', { protocolVersion: PROTOCOL_VERSION });

    const events = new TokenBucket(options.eventRate ?? SOCKET_EVENT_RATE);
    socket.use((packet, next) => {
      if (events.take()) return next();
      const ack = packet[packet.length - 1] as unknown;
      if (typeof ack === 'function')
        ack({ ok: false, error: { id: 'rate_limited', message: 'Too many events on this connection.' } });
      socket.disconnect(true);
    });

    // socket.io does not await listeners: a rejection here would be unhandled, so it is answered instead.
    socket.on('document:join', async (payload, ack) => {
      await joinDocument(ctx, socket, payload, typeof ack === 'function' ? ack : () => {});
    });

    socket.on('document:leave', (payload) => {
      const parsed = joinPayload.safeParse(payload);
      if (parsed.success) void socket.leave(documentRoom(parsed.data.documentId));
    });
  });

  // A session that ended without "everywhere" (one device signed out, or expired) stops receiving events too.
  // It stops with the HTTP server, before storage closes; one sweep runs at a time however slow the storage.
  let sweeping = false;
  const sweep = setInterval(() => {
    if (sweeping) return;
    sweeping = true;
    endEndedSessions(io, ctx)
      .catch((error: unknown) => ctx.log.error('Session sweep failed', error))
      .finally(() => (sweeping = false));
  }, SESSION_SWEEP_MS);
  sweep.unref();
  http.once('close', () => clearInterval(sweep));

  return io;
}

/** How often socket.io sockets are checked for a session that ended, in ms (as the collab sockets are). */
export const SESSION_SWEEP_MS = 30_000;

/** Disconnects every socket whose session no longer exists, telling it why first. */
export async function endEndedSessions(io: AccordIo, ctx: AppContext): Promise<number> {
  let ended = 0;
  for (const socket of [...io.of('/').sockets.values()]) {
    if (await ctx.store.sessions.findUser(socket.data.sessionHash)) continue;
    // Gone while its session was looked up: nothing to tell.
    if (!socket.connected) continue;
    socket.emit('session:ended', { reason: 'expired' });
    socket.disconnect(true);
    ended += 1;
  }
  return ended;
}

/** Delivers command events to socket.io rooms. */
export function socketIoBroadcaster(io: AccordIo): Broadcaster {
  return {
    emit(to, event, payload) {
      // The typed overloads cannot follow a generic event name; the signature above keeps callers typed.
      (io.to(roomOf(to)).emit as (e: string, p: unknown) => boolean)(event, payload);
    },
  };
}

/** Disconnects the sockets of one session (signed out on one device), telling them why first. */
export function disconnectSession(io: AccordIo, sessionHash: string): void {
  for (const socket of io.of('/').sockets.values()) {
    if (socket.data.sessionHash !== sessionHash) continue;
    socket.emit('session:ended', { reason: 'logout' });
    socket.disconnect(true);
  }
}

/** Disconnects every socket of a user (logout everywhere). */
export function disconnectUser(io: AccordIo, userId: string): void {
  io.in(userRoom(userId)).disconnectSockets(true);
}
