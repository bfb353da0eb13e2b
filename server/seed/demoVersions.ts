import { parseMarkup } from '../../shared/editor/markup.js';
import { clauseToPlainText } from '../../shared/editor/text.js';
import type { AppContext } from '../context.js';
import { textFingerprint } from '../queries/languages.js';
import type { DeclarationSeed, VersionSeed } from './demoDocument.js';

/**
 * The demo's language versions: their text goes into the document as it is created (`createDocument`'s
 * `versions`), then each clause's status is set as a translator would have left it. A current clause is marked
 * against the original's seeded wording; a stale one against the earlier wording its file gives, so the original
 * reads as changed since; a draft is marked draft; a missing one has no text and no mark.
 */

/** Each version's clause texts for `createDocument`, null where the version is missing. */
export function versionTexts(versions: readonly VersionSeed[]): { code: string; texts: (string | null)[] }[] {
  return versions.map((v) => ({
    code: v.code,
    texts: v.clauses.map((c) => (c.status === 'missing' ? null : c.text)),
  }));
}

/** Marks every clause's version as its file says (in the caller's transaction), by `by`. */
export async function markDemoVersions(
  ctx: AppContext,
  documentId: string,
  clauseIds: readonly string[],
  declaration: DeclarationSeed,
  versions: readonly VersionSeed[],
  by: string,
): Promise<void> {
  for (const version of versions) {
    if (version.clauses.length !== clauseIds.length)
      throw new RangeError(
        `The ${version.code} version has ${version.clauses.length} clauses, the text ${clauseIds.length}.`,
      );
    for (const [i, clause] of version.clauses.entries()) {
      if (clause.status === 'missing') continue;
      if (clause.status === 'draft') {
        await ctx.store.languages.mark(documentId, clauseIds[i]!, version.code, {
          status: 'draft',
          fingerprint: null,
          originalText: null,
          by,
        });
        continue;
      }
      const against = clauseToPlainText(
        parseMarkup(clause.status === 'stale' ? clause.originalThen : declaration.clauses[i]!.text),
      );
      await ctx.store.languages.mark(documentId, clauseIds[i]!, version.code, {
        status: 'current',
        fingerprint: textFingerprint(against),
        originalText: against,
        by,
      });
    }
  }
}
