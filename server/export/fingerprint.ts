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
 */

/** Names the fingerprint's input format; a change to what it covers gets a new name. */
export const FINGERPRINT_FORMAT = 'accord.text/1';

/** What the fingerprint covers of one clause. */
export interface FingerprintClause {
  kind: ClauseKind;
  /** The printed label ("1", "PP1", "Annex I"), null for titles and headings. */
  number: string | null;
  /** "OP1", "PP1", "Title", "H1", "Annex I". */
  ref: string;
  content: readonly ExportBlock[];
}

/** The exact string that is hashed. */
export function fingerprintInput(clauses: readonly FingerprintClause[]): string {
  return canonicalJson({
    format: FINGERPRINT_FORMAT,
    clauses: clauses.map(({ kind, number, ref, content }) => ({ kind, number, ref, content })),
  });
}

/** SHA-256 (hex) of `fingerprintInput`. */
export function fingerprintOf(clauses: readonly FingerprintClause[]): string {
  return createHash('sha256').update(fingerprintInput(clauses)).digest('hex');
}

/** The fingerprint of export clauses (`blocks` is their formatted content). */
export function textFingerprint(
  clauses: readonly { kind: ClauseKind; number: string | null; ref: string; blocks: readonly ExportBlock[] }[],
): string {
  return fingerprintOf(clauses.map((c) => ({ kind: c.kind, number: c.number, ref: c.ref, content: c.blocks })));
}

/** The Yjs state vector of a document, base64: which edits the fingerprinted text includes. */
export function stateVectorBase64(doc: Y.Doc): string {
  return Buffer.from(Y.encodeStateVector(doc)).toString('base64');
}
