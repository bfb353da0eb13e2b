import type { ServerToClientEvents } from '../../shared/protocol/events.js';
import { delegationRoom, documentRoom, userRoom } from '../../shared/protocol/events.js';
import type { Logger } from '../context.js';

type EventName = keyof ServerToClientEvents;
type Payload<E extends EventName> = Parameters<ServerToClientEvents[E]>[0];

/** Where an event goes: everyone on a document, one delegation, or one person. */
export type Audience = { document: string } | { delegation: string } | { user: string };

/**
 * How commands announce what changed. Commands call this after their transaction commits; the socket.io
 * implementation delivers to rooms (and, on several nodes, through the Redis adapter).
 */
export interface Broadcaster {
  emit<E extends EventName>(to: Audience, event: E, payload: Payload<E>): void;
}

/** The socket.io room name of an audience. */
export function roomOf(to: Audience): string {
  if ('document' in to) return documentRoom(to.document);
  if ('delegation' in to) return delegationRoom(to.delegation);
  return userRoom(to.user);
}

/** A broadcaster that delivers nothing (scripts, and until socket.io is attached). */
export const silentBroadcaster: Broadcaster = { emit() {} };

/** Per broadcaster and room, the last payload being built: the next waits for it. */
const building = new WeakMap<Broadcaster, Map<string, Promise<void>>>();

/**
 * Emits an event whose payload takes reading to build (presenting what changed as the lists show it), in the
 * order of the calls for the same audience: each payload is built once the one before has gone out, so a
 * later change is never overtaken by an earlier one's slower build. Called after the change has committed;
 * a failed build is logged and sends nothing. Nothing is built for a broadcaster that delivers nothing.
 */
export function emitInOrder<E extends EventName>(
  ctx: { broadcast: Broadcaster; log: Logger },
  to: Audience,
  event: E,
  build: () => Promise<Payload<E>>,
): void {
  const broadcaster = ctx.broadcast;
  if (broadcaster === silentBroadcaster) return;
  let rooms = building.get(broadcaster);
  if (!rooms) building.set(broadcaster, (rooms = new Map()));
  const room = roomOf(to);
  const next = (rooms.get(room) ?? Promise.resolve())
    .then(async () => broadcaster.emit(to, event, await build()))
    .catch((error: unknown) => ctx.log.error(`${event} event failed`, error));
  rooms.set(room, next);
  void next.then(() => {
    if (rooms.get(room) === next) rooms.delete(room);
  });
}
