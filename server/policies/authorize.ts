import type { Actor } from '../../shared/domain/roles.js';
import { decide, type Action, type DenialReason, type PolicyContext } from '../../shared/domain/permissions.js';
import { ERRORS } from '../../shared/api/errors.js';
import { HttpError } from '../http/errors.js';

/** Human-readable explanation of a refusal, shared by HTTP errors and the collab close reason. */
export function denialMessage(reason: DenialReason): string {
  return ERRORS[reason].message;
}

/**
 * The one gate every route passes: 401 without a session, 403 with the policy's reason id otherwise.
 * Returns the actor for convenience.
 */
export function authorize(actor: Actor | undefined, action: Action, context?: PolicyContext): Actor {
  if (!actor) throw HttpError.of('not_authenticated');
  const decision = decide(actor, action, context);
  if (!decision.allowed) throw HttpError.of(decision.reason);
  return actor;
}

/** 401 unless signed in; for reads every signed-in person may make. */
export function requireActor(actor: Actor | undefined): Actor {
  if (!actor) throw HttpError.of('not_authenticated');
  return actor;
}
