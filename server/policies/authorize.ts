import type { Actor } from '../../shared/domain/roles.js';
import { decide, type Action, type DenialReason, type PolicyContext } from '../../shared/domain/permissions.js';
import { ERRORS } from '../../shared/api/errors.js';
import { HttpError } from '../http/errors.js';

/** Human-readable explanation of a refusal, shared by HTTP errors and the collab close reason. */
export function denialMessage(reason: DenialReason): string {
  return ERRORS[reason].message;
}

/**
 * The one gate every command passes: 403 with the policy's reason id when the permissions table refuses.
 * (Being signed in at all is checked before, at the edge: `auth()` in `server/http/auth.ts`.) Returns the
 * actor for convenience.
 */
export function authorize(actor: Actor, action: Action, context?: PolicyContext): Actor {
  const decision = decide(actor, action, context);
  if (!decision.allowed) throw HttpError.of(decision.reason);
  return actor;
}
