/**
 * What the reads of each document said of its event sequence (`Accord-Events-Seq`, docs/architecture.md,
 * "Events and the first join"): the lowest any read carried since the tab began to follow the document, for
 * a screen to compare with its join's answer, and each read as it lands, for a screen already in the room.
 *
 * A screen reads before it follows (its first drawing needs the answer), so the record starts before the
 * follow does: it is kept from the first read after the last screen following the document let it go. The
 * screen left is destroyed before the next one reads, so the next one's record holds its own reads; a read of
 * the screen left that lands late makes it lower, never higher (one read more, never an event missed).
 */
const lowest = new Map<string, number>();
const followers = new Map<string, number>();
const listeners = new Map<string, Set<(seq: number) => void>>();

const DOCUMENT_PATH = /^\/api\/documents\/([^/?#]+)/;

/** Notes the sequence an answered read of `path` carried (`http.ts`), when it is a read of a document. */
export function noteRead(path: string, header: string | null): void {
  const match = DOCUMENT_PATH.exec(path);
  const seq = header === null ? NaN : Number(header);
  if (!match || !Number.isSafeInteger(seq)) return;
  let documentId: string;
  try {
    documentId = decodeURIComponent(match[1]!);
  } catch {
    return;
  }
  const before = lowest.get(documentId);
  if (before === undefined || seq < before) lowest.set(documentId, seq);
  for (const fn of [...(listeners.get(documentId) ?? [])]) fn(seq);
}

/** The lowest sequence the document's reads carried since the tab began to follow it; undefined if none did. */
export function lowestRead(documentId: string): number | undefined {
  return lowest.get(documentId);
}

/**
 * Calls `fn`, when given, with the sequence of each read of the document that lands from now on, and keeps the record of
 * its reads until the returned function is called by every screen that asked (then it starts afresh).
 */
export function followReads(documentId: string, fn?: (seq: number) => void): () => void {
  followers.set(documentId, (followers.get(documentId) ?? 0) + 1);
  let fns = listeners.get(documentId);
  if (!fns) listeners.set(documentId, (fns = new Set()));
  if (fn) fns.add(fn);
  let followed = true;
  return () => {
    if (!followed) return;
    followed = false;
    if (fn) fns.delete(fn);
    if (fns.size === 0) listeners.delete(documentId);
    const left = (followers.get(documentId) ?? 1) - 1;
    if (left > 0) return void followers.set(documentId, left);
    followers.delete(documentId);
    lowest.delete(documentId);
  };
}
