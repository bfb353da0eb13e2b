import type { EmailPreferenceJson } from '../../shared/api/notifications.js';
import type { Actor } from '../../shared/domain/roles.js';
import type { AppContext } from '../context.js';
import type { UserRow } from '../db/repositories/users.js';
import { HttpError } from '../http/errors.js';

/** The person's e-mail preference as they read it; null when nothing can be e-mailed to them. */
export function emailPreference(ctx: AppContext, user: UserRow): EmailPreferenceJson | null {
  if (!ctx.config.SMTP_URL || !user.email) return null;
  return { address: user.email, enabled: user.email_notifications === 1 };
}

/**
 * A person turns their notifications by e-mail on or off (409 `email_unavailable` when the server sends no
 * e-mail or the account has no address). E-mails already queued are not sent once it is off: the sender reads
 * the preference when it takes each one.
 */
export async function setEmailPreference(
  ctx: AppContext,
  actor: Actor,
  enabled: boolean,
): Promise<EmailPreferenceJson> {
  return ctx.store.transaction(async () => {
    const user = (await ctx.store.users.byId(actor.userId))!;
    if (!emailPreference(ctx, user)) throw HttpError.of('email_unavailable');
    await ctx.store.users.setEmail(user.id, user.email, enabled);
    return emailPreference(ctx, (await ctx.store.users.byId(user.id))!)!;
  });
}
