import type * as Y from 'yjs';
import type { TextLimits } from '../../shared/domain/limits.js';
import { clauseToPlainText } from '../../shared/editor/text.js';
import { parseMarkup } from '../../shared/editor/markup.js';
import { clauseTextLength, documentTextLength } from '../../shared/editor/textLength.js';
import { getClauseFragment } from '../../shared/editor/ydoc.js';
import { HttpError } from '../http/errors.js';

/**
 * The text limits (`config.textLimits`) on the HTTP paths that write text: an amendment's proposed text, a
 * clause inserted through the API, an accepted amendment, an import. A clause's text must fit the clause
 * limit; a change that would take the document over its limit is refused, unless it makes the document no
 * longer (a document over the limit from before the limit may still shrink). Both answer 413 with an id
 * saying which limit, and nothing is written.
 */
export interface TextChange {
  /** The clause whose text is replaced (its current text no longer counts), if any. */
  replaces?: string;
  /** The new clause text, in the light markup; absent when a clause is removed. */
  markup?: string;
}

/** Checks `change` against `limits` on `doc` as it is now; returns the new text's length. */
export function checkTextLimits(limits: TextLimits, doc: Y.Doc, change: TextChange): number {
  const length = change.markup === undefined ? 0 : clauseToPlainText(parseMarkup(change.markup)).length;
  if (length > limits.clauseChars) {
    throw HttpError.of(
      'clause_too_long',
      `A clause holds at most ${limits.clauseChars.toLocaleString('en')} characters; this text has ${length.toLocaleString('en')}.`,
      'text',
    );
  }
  const replaced = change.replaces === undefined ? 0 : clauseTextLength(getClauseFragment(doc, change.replaces));
  if (length > replaced) {
    const after = documentTextLength(doc) - replaced + length;
    if (after > limits.documentChars) {
      throw HttpError.of(
        'document_too_long',
        `The document holds at most ${limits.documentChars.toLocaleString('en')} characters; with this text it would hold ${after.toLocaleString('en')}.`,
        'text',
      );
    }
  }
  return length;
}

/** What an amendment does to the text, for `checkTextLimits`; undefined for a deletion, which only shrinks it. */
export function amendmentTextChange(
  kind: 'replace' | 'insert_after' | 'delete',
  clauseId: string,
  markup: string | null | undefined,
): TextChange | undefined {
  if (kind === 'replace') return { replaces: clauseId, markup: markup ?? '' };
  if (kind === 'insert_after') return { markup: markup ?? '' };
  return undefined;
}

/**
 * A new document's clauses (their plain text, each named by its reference: "PP2", "OP3") against the limits:
 * 413 `clause_too_long` naming the first clause past the clause limit, else `document_too_long`.
 */
export function checkNewDocumentText(limits: TextLimits, clauses: readonly { ref: string; text: string }[]): void {
  let total = 0;
  for (const { ref, text } of clauses) {
    total += text.length;
    if (text.length > limits.clauseChars) {
      throw HttpError.of(
        'clause_too_long',
        `${ref} has ${text.length} characters; a clause holds at most ${limits.clauseChars}.`,
      );
    }
  }
  if (total > limits.documentChars) {
    throw HttpError.of(
      'document_too_long',
      `The text has ${total} characters; a document holds at most ${limits.documentChars}.`,
    );
  }
}
