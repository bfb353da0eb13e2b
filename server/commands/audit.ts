import type { Actor } from '../../shared/domain/roles.js';
import type { AppContext } from '../context.js';
import type { AuditEntry } from '../db/repositories/audit.js';

/** How an actor appears in the audit log: "kaz-head/KAZ", "chair". */
export function actorLabel(actor: Actor | null): string | null {
  if (!actor) return null;
  return actor.delegation ? `${actor.username}/${actor.delegation}` : actor.username;
}

/** Appends a governance action to the hash chain. Call inside the command's transaction. */
export function audit(
  ctx: AppContext,
  actor: Actor | null,
  action: string,
  target: { documentId?: string | null; subject?: string | null; payload?: Record<string, unknown> },
): Promise<AuditEntry> {
  return ctx.store.audit.append({
    action,
    actorId: actor?.userId ?? null,
    actor: actorLabel(actor),
    documentId: target.documentId ?? null,
    subject: target.subject ?? null,
    payload: target.payload ?? {},
  });
}
