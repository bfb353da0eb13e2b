import type { Actor } from '../../shared/domain/roles.js';
import type { AlternateJson } from '../../shared/api/votes.js';
import type { AppContext } from '../context.js';
import { HttpError } from '../http/errors.js';

/** Who the delegation's alternate is, if the head designated one. */
export async function alternateOf(ctx: AppContext, delegation: string): Promise<AlternateJson> {
  return { delegation, alternate: (await ctx.store.alternates.get(delegation))?.username ?? null };
}

/**
 * Refuses unless `actor` may speak for the delegation in a vote: its head, or the delegate the head
 * designated as alternate (403 `role_not_allowed`), for their own delegation (403 `not_own_delegation`).
 * Returns the delegation's code.
 */
export async function votingDelegation(ctx: AppContext, actor: Actor, claimed?: string): Promise<string> {
  const delegation = actor.delegation!;
  if (claimed !== undefined && claimed !== delegation) {
    throw HttpError.of('not_own_delegation', 'A delegation votes only for itself.');
  }
  if (actor.role !== 'head' && (await ctx.store.alternates.get(delegation))?.user_id !== actor.userId) {
    throw HttpError.of(
      'role_not_allowed',
      'Only the head of delegation, or the alternate the head designated, votes for the delegation.',
    );
  }
  return delegation;
}
