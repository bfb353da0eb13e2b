import type { EmailPreferenceJson } from '../../shared/api/notifications.js';
import type { Actor } from '../../shared/domain/roles.js';
import type { AppContext } from '../context.js';
import type { UserRow } from '../db/repositories/users.js';

/** The person's e-mail preference as they read it. */
export function emailPreference(ctx: AppContext, user: UserRow): EmailPreferenceJson {
  return { enabled: user.email_notifications === 1, address: user.email, serverSends: !!ctx.config.SMTP_URL };
}

/**
 * A person turns their notifications by e-mail on or off. The wish is kept whether or not e-mail can be sent
 * now (no server, no address); e-mails already queued are not sent once it is off: the sender reads it when it
 * takes each one.
 */
export async function setEmailPreference(
  ctx: AppContext,
  actor: Actor,
  enabled: boolean,
): Promise<EmailPreferenceJson> {
  return ctx.store.transaction(async () => {
    const user = (await ctx.store.users.byId(actor.userId))!;
    await ctx.store.users.setEmail(user.id, user.email, enabled);
    return emailPreference(ctx, { ...user, email_notifications: enabled ? 1 : 0 });
  });
}
