import type { Actor } from '../../shared/domain/roles.js';
import type { AppContext } from '../context.js';
import type { AuditEntry } from '../db/repositories/audit.js';
import { checkpointIfDue } from '../ledger/checkpoints.js';

/** How an actor appears in the audit log: "kaz-head/KAZ", "chair". */
export function actorLabel(actor: Actor | null): string | null {
  if (!actor) return null;
  return actor.delegation ? `${actor.username}/${actor.delegation}` : actor.username;
}

/**
 * Appends a governance action to the hash chain, and signs the chain's head right after it when a
 * checkpoint is due (`server/ledger/checkpoints.ts`). Call inside the command's transaction: the action,
 * its entry and the checkpoint commit together or not at all.
 */
export async function audit(
  ctx: AppContext,
  actor: Actor | null,
  action: string,
  target: { documentId?: string | null; subject?: string | null; payload?: Record<string, unknown> },
): Promise<AuditEntry> {
  const entry = await ctx.store.audit.append({
    action,
    actorId: actor?.userId ?? null,
    actor: actorLabel(actor),
    documentId: target.documentId ?? null,
    subject: target.subject ?? null,
    payload: target.payload ?? {},
  });
  await checkpointIfDue(ctx.store.audit, ctx.signingKey, entry);
  return entry;
}
