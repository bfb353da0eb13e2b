import type { Actor } from '../../shared/domain/roles.js';
import type { ClauseStatus } from '../../shared/domain/clauses.js';
import type { Stage } from '../../shared/domain/stages.js';
import { decide, type DenialReason } from '../../shared/domain/permissions.js';
import type { CollabClose } from '../api/collab.js';

/** Reasons that hold for the whole document (shown once) rather than for one clause. */
export const DOCUMENT_WIDE: ReadonlySet<DenialReason> = new Set([
  'role_not_allowed',
  'stage_not_allowed',
  'no_delegation',
]);
/** Refusals that say the text has closed to this person (as opposed to something wrong with the edit). */
const REFUSAL_REASONS: ReadonlySet<DenialReason> = new Set([...DOCUMENT_WIDE, 'clause_locked']);

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

/**
 * The clauses (of `shown`) a refused write says have closed to this person, and why; null when the refusal
 * is about the edit itself (too long, malformed) rather than the text being closed.
 */
export function closedBy(close: CollabClose, shown: string[]): { reason: DenialReason; clauseIds: string[] } | null {
  if (close.name !== 'FORBIDDEN_WRITE' || !REFUSAL_REASONS.has(close.reason.id as DenialReason)) return null;
  const reason = close.reason.id as DenialReason;
  if (DOCUMENT_WIDE.has(reason)) return { reason, clauseIds: shown };
  const { clauseId } = close.reason;
  return { reason, clauseIds: clauseId && shown.includes(clauseId) ? [clauseId] : [] };
}
