import { Router } from 'express';
import { NOTIFICATIONS_PAGE } from '../../shared/api/notifications.js';
import { ROUTES } from '../../shared/api/routes.js';
import type { AppContext } from '../context.js';
import { on } from '../http/endpoint.js';
import { markNotificationsRead } from '../commands/markNotificationsRead.js';
import { emailPreference, setEmailPreference } from '../commands/setEmailPreference.js';
import { presentNotification } from '../notifications/present.js';

/** The notification centre: every signed-in person reads and marks their own notifications, nobody else's. */
export function notificationRoutes(ctx: AppContext): Router {
  const router = Router();

  on(router, ROUTES.notifications, async (req, res) => {
    const { unread, before, limit = NOTIFICATIONS_PAGE } = req.query;
    const { notifications } = ctx.store;
    // One more than a page tells whether an older page exists.
    const rows = await notifications.list(req.actor.userId, {
      before: before === undefined ? undefined : Number(before),
      unread: unread === '1' || unread === 'true',
      limit: limit + 1,
    });
    const page = rows.slice(0, limit);
    res.json({
      notifications: page.map(presentNotification),
      unread: await notifications.unreadCount(req.actor.userId),
      next: rows.length > limit ? String(page.at(-1)!.seq) : null,
      email: emailPreference(ctx, (await ctx.store.users.byId(req.actor.userId))!),
    });
  });

  on(router, ROUTES.markNotificationsRead, async (req, res) => {
    res.json(await markNotificationsRead(ctx, req.actor, req.body));
  });

  on(router, ROUTES.setEmailPreference, async (req, res) => {
    res.json(await setEmailPreference(ctx, req.actor, req.body.enabled));
  });

  return router;
}
