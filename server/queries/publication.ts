import type { PublicationJson } from '../../shared/api/gallery.js';
import type { AppContext } from '../context.js';

/** Whether a document is in the public gallery, since when and by whom. */
export async function publication(ctx: AppContext, documentId: string): Promise<PublicationJson> {
  const row = await ctx.store.publications.get(documentId);
  return {
    documentId,
    public: row !== undefined,
    since: row?.published_at ?? null,
    by: row?.published_by_username ?? null,
  };
}
