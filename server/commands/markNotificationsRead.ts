import type { Actor } from '../../shared/domain/roles.js';
import type { AppContext } from '../context.js';
import { now } from '../db/ids.js';

/**
 * A person marks some of their notifications read (`ids`: their own; anyone else's id changes nothing), or
 * all of them. Not a governance action, so not in the ledger; every tab of theirs hears of it
 * (`notifications:read`) and keeps its bell in step. Their unread count after it.
 */
export async function markNotificationsRead(
  ctx: AppContext,
  actor: Actor,
  which: { ids?: string[]; all?: true },
): Promise<{ unread: number }> {
  return ctx.store.transaction(async () => {
    const at = now();
    const { notifications } = ctx.store;
    let ids: string[] | 'all';
    let changed: number;
    if (which.all) {
      ids = 'all';
      changed = await notifications.markAllRead(actor.userId, at);
    } else {
      ids = await notifications.markRead(actor.userId, which.ids ?? [], at);
      changed = ids.length;
    }
    const unread = await notifications.unreadCount(actor.userId);
    if (changed > 0) ctx.events.emit({ user: actor.userId }, 'notifications:read', { ids, readAt: at, unread });
    return { unread };
  });
}
