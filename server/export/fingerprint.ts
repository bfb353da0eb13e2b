import { createHash } from 'node:crypto';
import * as Y from 'yjs';
import type { ClauseKind } from '../../shared/domain/clauses.js';
import { canonicalJson } from '../../shared/domain/canonicalJson.js';
import type { ExportBlock } from './content.js';

/**
 * The fingerprint of a text: SHA-256 over the canonical JSON of its clauses in document order, each with its
 * kind, its derived number and reference, and its formatted content (paragraphs, labelled subparagraphs,
 * italic and bold runs) exactly as the JSON export writes it under `content`. The ledger records it when the
 * text is adopted; every export carries it; `verify-ledger` recomputes it from storage and `verify-package`
 * from the JSON export of a package. Two texts with the same fingerprint read the same in every format.
 *
 * A document with language versions is equally authentic in each, so its fingerprint covers them too
 * (`accord.text/2`): the original's clauses as above, then each version, by code, with each clause's
 * reference and formatted content, aligned with the original's clauses. A document without versions keeps
 * `accord.text/1`, the input every ledger written before versions existed recorded, so they still verify.
 */

/** Names the fingerprint's input format of a text without language versions. */
export const FINGERPRINT_FORMAT = 'accord.text/1';

/** Names the fingerprint's input format of a text with language versions. */
export const FINGERPRINT_FORMAT_VERSIONS = 'accord.text/2';

/** The formats a recorded fingerprint may name; a change to what a fingerprint covers gets a new name. */
export const FINGERPRINT_FORMATS = [FINGERPRINT_FORMAT, FINGERPRINT_FORMAT_VERSIONS] as const;
export type FingerprintFormat = (typeof FINGERPRINT_FORMATS)[number];

/** What the fingerprint covers of one clause. */
export interface FingerprintClause {
  kind: ClauseKind;
  /** The printed label ("1", "PP1", "Annex I"), null for titles and headings. */
  number: string | null;
  /** "OP1", "PP1", "Title", "H1", "Annex I". */
  ref: string;
  content: readonly ExportBlock[];
}

/**
 * What the fingerprint covers of one language version: its code and, for each of the original's clauses in
 * document order, the reference (the original's) and the version's formatted content (one empty paragraph
 * for a clause not translated).
 */
export interface FingerprintVersion {
  code: string;
  clauses: readonly { ref: string; content: readonly ExportBlock[] }[];
}

/**
 * Everything a text with language versions is fingerprinted over (`accord.text/2`): the original's clauses and
 * its versions. Exports of such a text carry it (the JSON as `fingerprinted`), so that whatever language a
 * file prints, the fingerprint it states is the one the ledger recorded, and can be recomputed from it.
 */
export interface FingerprintInput {
  clauses: FingerprintClause[];
  versions: FingerprintVersion[];
}

/** The exact string that is hashed; versions in the order of their codes, whatever order they are given in. */
export function fingerprintInput(
  clauses: readonly FingerprintClause[],
  versions: readonly FingerprintVersion[] = [],
): string {
  const original = clauses.map(({ kind, number, ref, content }) => ({ kind, number, ref, content }));
  if (versions.length === 0) return canonicalJson({ format: FINGERPRINT_FORMAT, clauses: original });
  return canonicalJson({
    format: FINGERPRINT_FORMAT_VERSIONS,
    clauses: original,
    versions: [...versions]
      .sort((a, b) => (a.code < b.code ? -1 : a.code > b.code ? 1 : 0))
      .map(({ code, clauses: translated }) => ({
        code,
        clauses: translated.map(({ ref, content }) => ({ ref, content })),
      })),
  });
}

/** SHA-256 (hex) of `fingerprintInput`. */
export function fingerprintOf(
  clauses: readonly FingerprintClause[],
  versions: readonly FingerprintVersion[] = [],
): string {
  return createHash('sha256').update(fingerprintInput(clauses, versions)).digest('hex');
}

/** The fingerprint of export clauses (`blocks` is their formatted content) and of the versions given. */
export function textFingerprint(
  clauses: readonly { kind: ClauseKind; number: string | null; ref: string; blocks: readonly ExportBlock[] }[],
  versions: readonly FingerprintVersion[] = [],
): string {
  return fingerprintOf(
    clauses.map((c) => ({ kind: c.kind, number: c.number, ref: c.ref, content: c.blocks })),
    versions,
  );
}

/**
 * The fingerprint of a JSON export (`docs/export-format.md`), recomputed from what it carries: for a text with
 * language versions, `fingerprinted` (`{ clauses, versions: [{ code, clauses: [{ ref, content }] }] }`); else
 * its `clauses` (and `versions`, where given). Throws when they are not what the export writes.
 */
export function jsonFingerprint(json: { clauses?: unknown; versions?: unknown; fingerprinted?: unknown }): string {
  // A text with versions carries what its fingerprint covers; its `clauses` may be a version's.
  const from = (json.fingerprinted ?? json) as { clauses?: unknown; versions?: unknown };
  const clauses = (Array.isArray(from.clauses) ? from.clauses : []) as FingerprintClause[];
  const versions = (Array.isArray(from.versions) ? from.versions : []) as FingerprintVersion[];
  for (const version of versions)
    if (typeof version?.code !== 'string' || !Array.isArray(version.clauses))
      throw new RangeError('A version of the text is not { code, clauses }.');
  return fingerprintOf(clauses, versions);
}

/** The Yjs state vector of a document, base64: which edits the fingerprinted text includes. */
export function stateVectorBase64(doc: Y.Doc): string {
  return Buffer.from(Y.encodeStateVector(doc)).toString('base64');
}
