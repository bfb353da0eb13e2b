import { randomBytes } from 'node:crypto';
import type * as Y from 'yjs';

const versions = new WeakMap<Y.Doc, { token: string; count: number }>();

/**
 * A name for the text a Y.Doc holds now, that changes with every change to it (a deletion included, which a
 * state vector does not show): a token of this copy of the document and a count of its updates. Presentations
 * and renders computed once per version are keyed by it. A document reloaded from storage is a new copy,
 * with a new token.
 */
export function textVersion(doc: Y.Doc): string {
  let version = versions.get(doc);
  if (!version) {
    const fresh = { token: randomBytes(6).toString('base64url'), count: 0 };
    doc.on('update', () => {
      fresh.count += 1;
    });
    versions.set(doc, (version = fresh));
  }
  return `${version.token}.${version.count}`;
}
