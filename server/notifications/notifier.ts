import { NOTIFICATIONS_KEPT, type NotificationJson } from '../../shared/api/notifications.js';
import type { AppContext } from '../context.js';
import type { Broadcaster } from '../realtime/broadcast.js';
import { deriveNotifications, type Intent } from './derive.js';
import { presentNotification } from './present.js';
import { recipientsOf } from './recipients.js';

export interface NotifierOptions {
  /** Queue an e-mail for each notification of a person with an address who wants them (`SMTP_URL` is set). */
  mail: boolean;
  /** Notifications kept per person; older ones are pruned. Default `NOTIFICATIONS_KEPT` (500). */
  keep?: number;
  /** Called once e-mails were queued and committed: the sender may read the outbox now. Default: nothing. */
  onMailQueued?: () => void;
}

/**
 * Turns the events after commit into notifications (`derive.ts`): stored per person, one transaction per
 * event, pushed to the person's `{ user }` room once committed, and queued for e-mail when mail is on.
 *
 * It listens as an outlet of `ctx.events`, so it hears each event on the node whose command committed it, once
 * in a cluster. The notifications are written after that commit, in order, one event after another: a command
 * never waits for them, and a failure is logged without touching what the command did. A node that stops
 * between a command's commit and its notifications' leaves those unwritten; nothing else is lost.
 */
export class Notifier {
  private chain: Promise<void> = Promise.resolve();

  constructor(
    private readonly ctx: AppContext,
    private readonly options: NotifierOptions,
  ) {}

  /** The outlet to tee into `ctx.events`. */
  outlet(): Broadcaster {
    return {
      emit: (to, event, payload) => {
        if (!('document' in to)) return;
        const intents = deriveNotifications(event, payload);
        if (intents.length === 0) return;
        this.chain = this.chain.then(() => this.deliverAll(intents));
      },
    };
  }

  /** Resolves once every event heard so far has been turned into notifications (tests, shutdown). */
  async settled(): Promise<void> {
    let seen: Promise<void>;
    do {
      seen = this.chain;
      await seen;
    } while (seen !== this.chain);
  }

  private async deliverAll(intents: Intent[]): Promise<void> {
    for (const intent of intents) {
      try {
        await this.ctx.store.transaction(() => this.deliver(intent));
      } catch (error) {
        this.ctx.log.error(`notifications: ${intent.kind} on ${intent.documentId} failed`, error);
      }
    }
  }

  private async deliver(intent: Intent): Promise<void> {
    const { store, events } = this.ctx;
    const users = await recipientsOf(this.ctx, intent);
    const made: { userId: string; notification: NotificationJson }[] = [];
    let queued = false;
    for (const user of users) {
      const row = await store.notifications.insert({
        userId: user.id,
        kind: intent.kind,
        documentId: intent.documentId,
        params: intent.params,
      });
      await store.notifications.prune(user.id, this.options.keep ?? NOTIFICATIONS_KEPT);
      if (this.options.mail && user.email && user.email_notifications === 1) {
        await store.mailOutbox.enqueue(row.id);
        queued = true;
      }
      made.push({ userId: user.id, notification: presentNotification(row) });
    }
    const unread = await store.notifications.unreadCounts(users.map((u) => u.id));
    for (const { userId, notification } of made) {
      events.emit({ user: userId }, 'notification:added', { notification, unread: unread.get(userId) ?? 0 });
    }
    if (queued && this.options.onMailQueued) store.afterCommit(this.options.onMailQueued);
  }
}
