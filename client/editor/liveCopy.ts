import type * as Y from 'yjs';
import { getClauseFragment } from '../../shared/editor/ydoc.js';
import { createCollabSession, type CollabClose, type CollabSession } from '../api/collab.js';
import type { SuggestAuthor } from './suggestMode.js';
import { ClauseUndoHistory } from './undoHistory.js';
import type { UnsavedEdit } from './unsaved.js';

/**
 * The document page's live copies: one collab session per document, acquired by each page that shows it
 * and let go a few seconds after the last has gone (unless it still holds offline typing), with what must
 * outlive a page — undo histories, the texts handed back after a refusal.
 */

/**
 * One live copy per document, shared by page rebuilds (a stage change, an inserted clause), with this
 * person's undo history of each clause, which outlives the editors.
 */
export interface LiveCopy {
  session: CollabSession;
  refs: number;
  timer?: ReturnType<typeof setTimeout>;
  /** This person's undo history of each clause, by clause id… */
  histories: Map<string, ClauseUndoHistory>;
  /** …on this copy of the document (a reset replaces `session.doc`, and the histories with it). */
  historiesOf: Y.Doc;
  /** Why this person may not write the clause now (a key of `collab:reason`), as the page last shown knows it. */
  reasonOf: (clauseId: string) => string | null;
  /** Who this person suggests as, when the page last shown suggests (see `CollabSessionOptions.suggestAs`). */
  suggestAs: (required: boolean) => SuggestAuthor | null;
  /** What this person wrote in clauses the server refused, by clause id (see `handedBack`). */
  unsaved: Map<string, UnsavedEdit>;
}
const sessions = new Map<string, LiveCopy>();

/**
 * Refused texts handed back to the person, by document and clause, until they dismiss them: kept apart from
 * the live copy, which is let go a few seconds after its page is left.
 */
const handedBack = new Map<string, Map<string, UnsavedEdit>>();

export function acquire(documentId: string): LiveCopy {
  let entry = sessions.get(documentId);
  if (!entry) {
    const session = createCollabSession(documentId, {
      mayWrite: (clauseId) => created.reasonOf(clauseId) === null,
      suggestAs: (required) => created.suggestAs(required),
    });
    let unsaved = handedBack.get(documentId);
    if (!unsaved) handedBack.set(documentId, (unsaved = new Map()));
    const created: LiveCopy = {
      session,
      refs: 0,
      histories: new Map(),
      historiesOf: session.doc,
      reasonOf: () => null,
      suggestAs: () => null,
      unsaved,
    };
    session.on('salvaged', (salvaged, close) => {
      for (const { clauseId, content } of salvaged.unsaved)
        created.unsaved.set(clauseId, { content, reason: unsavedReason(created, clauseId, close) });
    });
    sessions.set(documentId, (entry = created));
  }
  clearTimeout(entry.timer);
  entry.refs += 1;
  return entry;
}

/** Lets the live copy go once no page shows it, but not before what was typed offline has reached the server. */
export function release(documentId: string): void {
  const entry = sessions.get(documentId);
  if (!entry) return;
  entry.refs -= 1;
  if (entry.refs > 0) return;
  const letGo = (): void => {
    if (entry.refs > 0 || sessions.get(documentId) !== entry) return;
    if (entry.session.unsent) {
      const off = entry.session.on('synced', () => {
        off();
        letGo();
      });
      return;
    }
    sessions.delete(documentId);
    dropHistories(entry);
    entry.session.destroy();
  };
  entry.timer = setTimeout(letGo, 3000);
}

// Closing the tab would lose what was typed offline, and refused texts not yet dismissed: the browser asks first.
window.addEventListener('beforeunload', (event) => {
  const unsent = [...sessions.values()].some((entry) => entry.session.unsent);
  if (unsent || [...handedBack.values()].some((texts) => texts.size > 0)) event.preventDefault();
});

/** The clause's undo history on the current copy (a reset brings a fresh copy, and fresh histories). */
export function historyOf(entry: LiveCopy, clauseId: string): ClauseUndoHistory {
  if (entry.historiesOf !== entry.session.doc) {
    dropHistories(entry);
    entry.historiesOf = entry.session.doc;
  }
  let history = entry.histories.get(clauseId);
  if (!history) {
    history = new ClauseUndoHistory(getClauseFragment(entry.session.doc, clauseId));
    entry.histories.set(clauseId, history);
  }
  return history;
}

/** Why the server did not take the person's edit of the clause, as a key of `collab:reason`. */
function unsavedReason(entry: LiveCopy, clauseId: string, close: CollabClose): string {
  if (clauseId === close.reason.clauseId) return close.reason.id;
  if (close.name === 'MESSAGE_TOO_LARGE') return 'too_large';
  if (close.name === 'TEXT_TOO_LONG') return close.reason.id;
  return entry.reasonOf(clauseId) ?? 'unknown';
}

function dropHistories(entry: LiveCopy): void {
  for (const history of entry.histories.values()) history.dispose();
  entry.histories.clear();
}
