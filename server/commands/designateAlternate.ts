import type { Actor } from '../../shared/domain/roles.js';
import type { AlternateJson } from '../../shared/api/votes.js';
import type { AppContext } from '../context.js';
import { authorize } from '../policies/authorize.js';
import { HttpError } from '../http/errors.js';
import { audit } from './audit.js';
import { alternateOf } from '../queries/alternates.js';

/**
 * The head of delegation designates one delegate of the same delegation as alternate, who may then cast the
 * delegation's ballot and explain its vote in the head's place; `null` withdraws the designation.
 */
export async function designateAlternate(
  ctx: AppContext,
  actor: Actor,
  delegation: string,
  username: string | null,
): Promise<AlternateJson> {
  return ctx.store.transaction(async () => {
    const head = authorize(actor, 'delegation.alternate');
    if (!(await ctx.store.delegations.get(delegation)))
      throw HttpError.of('delegation_not_found', `No delegation ${delegation}.`);
    if (head.delegation !== delegation)
      throw HttpError.of('not_own_delegation', 'A head designates the alternate of their own delegation only.');
    const previous = (await ctx.store.alternates.get(delegation))?.username ?? null;
    if (username === null) {
      await ctx.store.alternates.clear(delegation);
    } else {
      const user = await ctx.store.users.byUsername(username);
      if (!user) throw HttpError.of('user_not_found', `No user ${username}.`, 'username');
      if (user.role !== 'delegate' || user.delegation !== delegation) {
        throw HttpError.of('invalid_input', `username: the alternate must be a delegate of ${delegation}`, 'username');
      }
      await ctx.store.alternates.set(delegation, user.id, head.userId);
    }
    await audit(ctx, head, 'delegation.alternate', {
      subject: `delegation:${delegation}`,
      payload: { delegation, alternate: username, previous },
    });
    const designated = await alternateOf(ctx, delegation);
    ctx.events.emit({ delegation }, 'delegation:alternate', designated);
    return designated;
  });
}
