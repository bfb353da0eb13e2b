import * as Y from 'yjs';
import { SPAN_TEXT_MAX, type AmendmentKind, type AmendmentSpan } from '../../shared/api/amendments.js';
import type { TextLimits } from '../../shared/domain/limits.js';
import { documentTextLength } from '../../shared/editor/textLength.js';
import { getClauseFragment } from '../../shared/editor/ydoc.js';
import { HttpError } from '../http/errors.js';
import { ClauseTextMap } from '../presenters/comment.js';

/**
 * Amendments on a span, read against the live text. A span is a pair of relative positions over its
 * clause's fragment (as a comment's anchor): it follows its words through edits elsewhere in the clause.
 * Offsets count the clause's plain text, paragraphs joined by one newline (`ClauseTextMap`).
 */

/** Where a span is in its clause today. */
export interface PlacedSpan {
  /** Offsets in the clause's text; `from > to` once words typed at a caret, or the span's end, passed its start. */
  from: number;
  to: number;
  /** The span's words today ('' when `from >= to`). */
  words: string;
  /** The paragraph's text both ends lie in, and the ends' indexes in it; null when they lie in two. */
  text: Y.XmlText | null;
  index: number;
  length: number;
  /** The clause's text length as the offsets count it. */
  clauseLength: number;
}

function decode(position: string): Y.RelativePosition {
  return Y.decodeRelativePosition(new Uint8Array(Buffer.from(position, 'base64')));
}

/** The span placed in today's text, or null when either end does not resolve inside the clause (or is malformed). */
export function placeSpan(doc: Y.Doc, clauseId: string, span: Pick<AmendmentSpan, 'start' | 'end'>): PlacedSpan | null {
  try {
    const map = new ClauseTextMap(getClauseFragment(doc, clauseId));
    const start = Y.createAbsolutePositionFromRelativePosition(decode(span.start), doc);
    const end = Y.createAbsolutePositionFromRelativePosition(decode(span.end), doc);
    const from = start ? map.offsetOf(start) : null;
    const to = end ? map.offsetOf(end) : null;
    if (from === null || to === null) return null;
    const sameText = start!.type === end!.type && start!.type instanceof Y.XmlText;
    return {
      from,
      to,
      words: from < to ? map.text.slice(from, to) : '',
      text: sameText ? (start!.type as Y.XmlText) : null,
      index: start!.index,
      length: Math.max(0, end!.index - start!.index),
      clauseLength: map.text.length,
    };
  } catch {
    return null;
  }
}

/** A span as stored: with `at`, where its words began in the amendment's base text. */
export type StoredSpan = AmendmentSpan & { at: number };

/** The stored span of an amendment row, or null for a whole-clause amendment. */
export function spanOf(row: { span: string | null }): StoredSpan | null {
  return row.span ? (JSON.parse(row.span) as StoredSpan) : null;
}

/**
 * Whether an amendment can be applied where it points: always for a whole-clause one; for one on a span,
 * while its span is still found in one paragraph (see `replaceSpanText`).
 */
export function spanStillApplies(doc: Y.Doc, row: { clause_id: string; span: string | null }): boolean {
  const span = spanOf(row);
  if (!span) return true;
  const placed = placeSpan(doc, row.clause_id, span);
  return !!placed && !!placed.text && placed.from <= placed.to;
}

/**
 * Checks a proposed amendment on a span against the live text: 400 `span_invalid` when its positions do not
 * point into this clause at the words quoted, `span_multiline` when it (or its words) would cross a
 * paragraph, `span_empty` when it changes nothing (an empty span deleted, words replaced by themselves); 413
 * `span_text_too_long` past `SPAN_TEXT_MAX`, `clause_too_long` / `document_too_long` past the text limits.
 */
export function checkSpanProposal(
  limits: TextLimits,
  doc: Y.Doc,
  clauseId: string,
  kind: AmendmentKind,
  span: AmendmentSpan,
  words: string,
): PlacedSpan {
  if (words.length > SPAN_TEXT_MAX) {
    throw HttpError.of(
      'span_text_too_long',
      `The proposed words of an amendment on a span are at most ${SPAN_TEXT_MAX} characters; these are ${words.length}.`,
      'text',
    );
  }
  if (/[\n\r]/.test(words)) throw HttpError.of('span_multiline', undefined, 'text');
  const placed = placeSpan(doc, clauseId, span);
  if (!placed || placed.from > placed.to) throw HttpError.of('span_invalid', undefined, 'span');
  if (!placed.text) throw HttpError.of('span_multiline', undefined, 'span');
  if (placed.words !== span.quote) {
    throw HttpError.of('span_invalid', 'span: the quoted words are not the words at these positions today', 'span');
  }
  if ((kind === 'delete' && span.quote === '') || (kind === 'replace' && words === span.quote)) {
    throw HttpError.of('span_empty', undefined, 'span');
  }
  checkSpanLimits(limits, doc, placed, words);
  return placed;
}

/** The clause and document limits with the span's words replaced by `words` (413 as `checkTextLimits`). */
export function checkSpanLimits(limits: TextLimits, doc: Y.Doc, placed: PlacedSpan, words: string): void {
  const grows = words.length - placed.words.length;
  const clause = placed.clauseLength + grows;
  if (grows > 0 && clause > limits.clauseChars) {
    throw HttpError.of(
      'clause_too_long',
      `A clause holds at most ${limits.clauseChars.toLocaleString('en')} characters; with these words it would have ${clause.toLocaleString('en')}.`,
      'text',
    );
  }
  if (grows > 0 && documentTextLength(doc) + grows > limits.documentChars) {
    throw HttpError.of(
      'document_too_long',
      `The document holds at most ${limits.documentChars.toLocaleString('en')} characters.`,
      'text',
    );
  }
}
