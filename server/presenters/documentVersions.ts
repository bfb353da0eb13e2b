import type * as Y from 'yjs';
import type { DocumentJson } from '../../shared/api/documents.js';
import type { AppContext } from '../context.js';
import type { ClauseRow, DocumentRow } from '../db/repositories/documents.js';
import { documentVersion } from '../queries/languages.js';
import { presentDocument } from './document.js';
import { originalTexts, presentLanguages, presentVersionClauses, type VersionsInput } from './languages.js';

/** The versions of a document and its clauses' version rows; 404 `language_not_found` for a `lang` it lacks. */
export async function readVersions(ctx: AppContext, documentId: string, lang?: string): Promise<VersionsInput> {
  const [languages, translations] = await Promise.all([
    ctx.store.languages.forDocument(documentId),
    ctx.store.languages.translations(documentId),
  ]);
  // `?lang=` naming the original is the original itself.
  if (lang !== undefined && !languages.some((l) => l.code === lang && l.original))
    await documentVersion(ctx, documentId, lang);
  return { languages, translations };
}

/** `GET /api/documents/:id[?lang=]`: the document with its versions, its text in `lang` when that is a version. */
export function presentDocumentIn(
  row: DocumentRow,
  doc: Y.Doc,
  clauses: Map<string, ClauseRow>,
  withContent: boolean,
  versions: VersionsInput,
  lang: string | undefined,
): DocumentJson {
  const json = presentDocument(row, doc, clauses, withContent);
  const originals = originalTexts(doc);
  const languages = presentLanguages(
    doc,
    json.clauses.map((c) => c.id),
    versions,
    originals,
  );
  const version = languages.find((l) => l.code === lang && !l.original);
  if (!version) return { ...json, languages };
  return {
    ...json,
    clauses: presentVersionClauses(doc, json.clauses, version.code, versions.translations, withContent, originals),
    languages,
    lang: version.code,
  };
}
