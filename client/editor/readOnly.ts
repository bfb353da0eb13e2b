import type { Actor } from '../../shared/domain/roles.js';
import type { ClauseStatus } from '../../shared/domain/clauses.js';
import type { Stage } from '../../shared/domain/stages.js';
import { decide, type DenialReason } from '../../shared/domain/permissions.js';

/**
 * Why this person may not edit this clause now, or null when they may: the same `decide()` the server
 * applies to every update, so the editor never offers what the server would refuse.
 */
export function readOnlyReason(
  actor: Pick<Actor, 'role' | 'delegation'>,
  stage: Stage,
  clauseStatus: ClauseStatus,
): DenialReason | null {
  const decision = decide(actor, 'clause.write', { stage, clauseStatus });
  return decision.allowed ? null : decision.reason;
}
