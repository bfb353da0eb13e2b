import type { AdoptionRecord } from '../../shared/api/documents.js';
import type { AppContext } from '../context.js';

/** The document's `document.adopted` ledger entry as `AdoptionRecord`, or undefined when it has none. */
export async function presentAdoption(ctx: AppContext, documentId: string): Promise<AdoptionRecord | undefined> {
  const entry = (await ctx.store.audit.forSubject(`document:${documentId}`)).findLast(
    (e) => e.action === 'document.adopted',
  );
  if (!entry) return undefined;
  const p = entry.payload as Omit<AdoptionRecord, 'at' | 'entry'>;
  return { ...p, at: entry.at, entry: entry.seq };
}
