import type { ServerToClientEvents } from '../../shared/protocol/events.js';
import { delegationRoom, documentRoom, userRoom } from '../../shared/protocol/events.js';

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
