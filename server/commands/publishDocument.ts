import type { Actor } from '../../shared/domain/roles.js';
import type { PublicationJson } from '../../shared/api/gallery.js';
import type { AppContext } from '../context.js';
import { authorize } from '../policies/authorize.js';
import { audit } from './audit.js';
import { loadDocument } from '../queries/documents.js';
import { publication } from '../queries/publication.js';

/**
 * The chair opens or closes the document's public gallery (`/public/:id`, no account). Publishing what is
 * already public (or withdrawing what is not) changes nothing and writes no ledger entry; each real move is
 * in the ledger, and the event tells the document's room and the gallery itself (which ends its streams
 * when the document is withdrawn).
 */
export async function publishDocument(
  ctx: AppContext,
  actor: Actor,
  documentId: string,
  makePublic: boolean,
): Promise<PublicationJson> {
  return ctx.store.transaction(async () => {
    const doc = await loadDocument(ctx, documentId);
    const chair = authorize(actor, 'document.publish', { stage: doc.stage });
    const before = await publication(ctx, doc.id);
    if (before.public === makePublic) return before;
    if (makePublic) await ctx.store.publications.publish(doc.id, chair.userId);
    else await ctx.store.publications.unpublish(doc.id);
    await audit(ctx, chair, makePublic ? 'document.publish' : 'document.unpublish', {
      documentId: doc.id,
      subject: `document:${doc.id}`,
      payload: { public: makePublic },
    });
    const after = await publication(ctx, doc.id);
    ctx.events.emit({ document: doc.id }, 'document:publication', after);
    return after;
  });
}
