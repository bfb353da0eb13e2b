import { expect } from 'vitest';
import * as Y from 'yjs';
import { getClauseFragment } from '../../shared/editor/ydoc.js';
import type { TestServer } from './server.js';

/** A Y.XmlText's characters without its formatting (toString() would add <em> tags). */
export const plainOf = (text: Y.XmlText): string =>
  text
    .toDelta()
    .map((d: { insert: string }) => d.insert)
    .join('');

/** The first paragraph's text of a clause in `doc`. */
export const firstText = (doc: Y.Doc, clauseId: string): Y.XmlText =>
  (getClauseFragment(doc, clauseId).get(0) as Y.XmlElement).get(0) as Y.XmlText;

/** The anchor or span a request names: two encoded relative positions and the words between them. */
export interface SpanJson {
  start: string;
  end: string;
  quote: string;
}

/**
 * A span over `words` of the clause's first paragraph, read from the server's live copy and built as the
 * browser builds it: the start sticks to the first word, the end to the last. With `caret`, a caret before
 * the words (an insertion point) instead.
 */
export async function spanOver(
  server: TestServer,
  documentId: string,
  clauseId: string,
  words: string,
  caret = false,
): Promise<SpanJson> {
  const text = firstText((await server.ctx.registry.get(documentId))!, clauseId);
  const index = plainOf(text).indexOf(words);
  expect(index).toBeGreaterThanOrEqual(0);
  const encode = (rpos: Y.RelativePosition): string => Buffer.from(Y.encodeRelativePosition(rpos)).toString('base64');
  const end = caret ? index : index + words.length;
  return {
    start: encode(Y.createRelativePositionFromTypeIndex(text, index)),
    end: encode(Y.createRelativePositionFromTypeIndex(text, end, -1)),
    quote: caret ? '' : words,
  };
}
