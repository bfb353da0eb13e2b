import type { Logger } from '../context.js';
import {
  roomOf,
  silentBroadcaster,
  type Audience,
  type Broadcaster,
  type EventName,
  type Payload,
} from './broadcast.js';

/** A payload, or how to build it once the change has committed (presenting what changed takes reading). */
export type PayloadOrBuild<E extends EventName> = Payload<E> | (() => Promise<Payload<E>>);

/** The part of the store events need: its commit hooks (`Sql`) and the documents' event sequence. */
export interface CommitHooks {
  afterCommit(fn: () => void): void;
  beforeCommit(fn: () => Promise<void>): boolean;
  readonly documents: { countEvent(documentId: string): Promise<void> };
}

/**
 * The one way commands announce what changed. A command calls `emit` inside its transaction, next to the
 * change it announces; the event waits in the transaction's commit hooks and goes out only once the outermost
 * transaction has committed. A transaction (or savepoint) that rolls back drops it: nobody hears of a change
 * that did not happen, and nothing is announced before it is durable. Outside a transaction `emit` delivers at
 * once, as `afterCommit` runs at once: there is nothing to wait for (a sign-out announced after the sessions
 * are deleted, a script).
 *
 * Each event to a document's room is counted in the document's event sequence (`documents.events_seq`) by a
 * write in the same transaction, just before it commits: the count commits with the change or not at all. A
 * screen compares the sequence its reads carried with the one its join was answered with, and reads again only
 * when an event went out between the two (docs/architecture.md, "Events and the first join"). Outside a
 * transaction the count is its own statement, and the event waits for it before it goes out: a join whose
 * answer does not count it yet had its socket in the room already (the answer's sequence is read after the
 * join), and hears it.
 *
 * Events to one room (a document, a delegation, a person) go out in commit order, and in call order within a
 * transaction, even when a payload is built after the commit (`() => Promise<payload>`): each waits for the
 * events queued before it in its room. A payload that fails to build is logged and sends nothing; the next
 * goes on. Until an outlet is attached (socket.io, in `startServer`) nothing is delivered or built.
 */
export class Events {
  private outlet: Broadcaster = silentBroadcaster;
  /** Per room, the last event still on its way (its payload being built): the next waits for it. */
  private readonly queued = new Map<string, Promise<void>>();

  constructor(
    private readonly hooks: CommitHooks,
    private readonly log: Logger,
  ) {}

  /** Where events go from now on. */
  deliverTo(outlet: Broadcaster): void {
    this.outlet = outlet;
  }

  /** Announces `event` to `to` once the current transaction commits (at once when there is none). */
  emit<E extends EventName>(to: Audience, event: E, payload: PayloadOrBuild<E>): void {
    if (!('document' in to)) return this.hooks.afterCommit(() => this.send(to, event, payload));
    const count = (): Promise<void> => this.hooks.documents.countEvent(to.document);
    if (this.hooks.beforeCommit(count)) return this.hooks.afterCommit(() => this.send(to, event, payload));
    // Counted or not, the change has happened: a failed count is logged and the event still goes out.
    const counted = count().catch((error: unknown) => this.log.error(`${event} event not counted`, error));
    this.send(to, event, payload, counted);
  }

  /** Resolves once every event queued so far has gone out or failed (shutdown, tests). */
  async settled(): Promise<void> {
    while (this.queued.size > 0) await Promise.all(this.queued.values());
  }

  /** Sends once the events ahead in the room have gone, and once `counted` has settled, when given. */
  private send<E extends EventName>(to: Audience, event: E, payload: PayloadOrBuild<E>, counted?: Promise<void>): void {
    const outlet = this.outlet;
    if (outlet === silentBroadcaster) return;
    const room = roomOf(to);
    const before = this.queued.get(room);
    const build = typeof payload === 'function' ? (payload as () => Promise<Payload<E>>) : undefined;
    if (!before && !build && !counted) {
      // Nothing ahead of it in its room: out now, as the commit's own hook.
      this.deliver(outlet, to, event, payload as Payload<E>);
      return;
    }
    const next = (before ?? Promise.resolve()).then(async () => {
      try {
        await counted;
        this.deliver(outlet, to, event, build ? await build() : (payload as Payload<E>));
      } catch (error) {
        this.log.error(`${event} event failed`, error);
      }
    });
    this.queued.set(room, next);
    void next.then(() => {
      if (this.queued.get(room) === next) this.queued.delete(room);
    });
  }

  private deliver<E extends EventName>(outlet: Broadcaster, to: Audience, event: E, payload: Payload<E>): void {
    try {
      outlet.emit(to, event, payload);
    } catch (error) {
      this.log.error(`${event} event failed`, error);
    }
  }
}
