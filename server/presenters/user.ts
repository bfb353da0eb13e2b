import type { SessionUser } from '../../shared/api/auth.js';
import type { Actor } from '../../shared/domain/roles.js';

export function presentUser(actor: Actor): SessionUser {
  return {
    id: actor.userId,
    username: actor.username,
    displayName: actor.displayName,
    role: actor.role,
    delegation: actor.delegation,
    translationLanguages: [...(actor.translates ?? [])],
  };
}
