import type { Caret } from './clauseEditor.js';

/**
 * Where the caret goes after a structure change: the change rebuilds the page (order and kinds are read
 * again), so the request waits for the editor it names, unless that editor is on screen already.
 */
export interface FocusRequest {
  documentId: string;
  clauseId: string;
  caret: Caret;
}

const focusers = new Map<string, (clauseId: string, caret: Caret) => boolean>();
let pending: FocusRequest | undefined;

/** The document page's editors take focus requests through `focus` (true when it had that clause). */
export function registerFocuser(documentId: string, focus: (clauseId: string, caret: Caret) => boolean): () => void {
  focusers.set(documentId, focus);
  return () => {
    if (focusers.get(documentId) === focus) focusers.delete(documentId);
  };
}

/** Puts the caret in a clause now if it is shown, else as soon as a rebuilt page shows it. */
export function requestFocus(request: FocusRequest): void {
  pending = request;
  if (focusers.get(request.documentId)?.(request.clauseId, request.caret)) pending = undefined;
}

/** The request waiting for this document's page, if its clause is among `shown`; taken once. */
export function takeFocusRequest(documentId: string, shown: (clauseId: string) => boolean): FocusRequest | undefined {
  if (!pending || pending.documentId !== documentId || !shown(pending.clauseId)) return undefined;
  const request = pending;
  pending = undefined;
  return request;
}

/** A caret at the start (0) or the end (a position past it, clamped by the editor) of a clause. */
export const START: Caret = { anchor: 0, head: 0 };
export const END: Caret = { anchor: Number.MAX_SAFE_INTEGER, head: Number.MAX_SAFE_INTEGER };
