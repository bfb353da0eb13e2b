import type { ServerToClientEvents } from '../../shared/protocol/events.js';
import { delegationRoom, documentRoom, userRoom } from '../../shared/protocol/events.js';

export type EventName = keyof ServerToClientEvents;
export type Payload<E extends EventName> = Parameters<ServerToClientEvents[E]>[0];

/** Where an event goes: everyone on a document, one delegation, or one person. */
export type Audience = { document: string } | { delegation: string } | { user: string };

/**
 * Where events are delivered: the socket.io implementation sends to rooms (and, on several nodes, through
 * the Redis adapter). Commands do not call it: they emit through `ctx.events` (`events.ts`), which delivers
 * here once their transaction has committed, in order per room.
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

/** An outlet that delivers nothing (scripts, and until socket.io is attached). */
export const silentBroadcaster: Broadcaster = { emit() {} };

/** An outlet that delivers each event to every one of `outlets`, in order. */
export function teeBroadcaster(...outlets: Broadcaster[]): Broadcaster {
  return {
    emit(to, event, payload) {
      for (const outlet of outlets) outlet.emit(to, event, payload);
    },
  };
}
