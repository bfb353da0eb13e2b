import './editor.css';
import type * as Y from 'yjs';
import type { DenialReason } from '../../shared/domain/permissions.js';
import { clauseOrder, getClauseFragment, getOrder } from '../../shared/editor/ydoc.js';
import { createCollabSession, type CollabClose, type CollabSession } from '../api/collab.js';
import { h } from '../dom.js';
import { t } from '../i18n/index.js';
import { extendDocumentView, type DocumentPage } from '../views/DocumentView.js';
import { mountClauseEditor, type Caret, type ClauseEditor } from './clauseEditor.js';
import { mountPresenceList } from './presence.js';
import { editingToolbar } from './toolbar.js';
import { readOnlyReason } from './readOnly.js';
import { ClauseUndoHistory } from './undoHistory.js';

/**
 * Live co-editing on the document page: every clause body becomes a small editor bound to the live text
 * (read-only, with the reason, where this person may not write now), remote cursors and a presence list
 * by delegation, numbering refreshed when the secretariat inserts, moves or deletes a clause, and the
 * server's refusals explained.
 */
extendDocumentView(coEditing);

/**
 * One live copy per document, shared by page re-renders (stage or status changes, inserted clauses rebuild
 * the page), with this person's undo history of each clause, which outlives the editors.
 */
interface LiveCopy {
  session: CollabSession;
  refs: number;
  timer?: ReturnType<typeof setTimeout>;
  /** This person's undo history of each clause, by clause id… */
  histories: Map<string, ClauseUndoHistory>;
  /** …on this copy of the document (a reset replaces `session.doc`, and the histories with it). */
  historiesOf: Y.Doc;
}
const sessions = new Map<string, LiveCopy>();

function acquire(documentId: string): LiveCopy {
  let entry = sessions.get(documentId);
  if (!entry) {
    const session = createCollabSession(documentId);
    entry = { session, refs: 0, histories: new Map(), historiesOf: session.doc };
    sessions.set(documentId, entry);
  }
  clearTimeout(entry.timer);
  entry.refs += 1;
  return entry;
}

function release(documentId: string): void {
  const entry = sessions.get(documentId);
  if (!entry) return;
  entry.refs -= 1;
  if (entry.refs > 0) return;
  entry.timer = setTimeout(() => {
    sessions.delete(documentId);
    dropHistories(entry);
    entry.session.destroy();
  }, 3000);
}

/** The clause's undo history on the current copy (a reset brings a fresh copy, and fresh histories). */
function historyOf(entry: LiveCopy, clauseId: string): ClauseUndoHistory {
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

function dropHistories(entry: LiveCopy): void {
  for (const history of entry.histories.values()) history.dispose();
  entry.histories.clear();
}

/**
 * The caret of the editor that had the focus when the page was torn down to be rebuilt, which happens in
 * the same turn: the rebuilt editor of that clause takes it back, so a typist carries on where they were.
 */
let carried: { documentId: string; clauseId: string; caret: Caret } | undefined;

/** Reasons that hold for the whole document (shown once) rather than for one clause. */
const DOCUMENT_WIDE: ReadonlySet<DenialReason> = new Set(['role_not_allowed', 'stage_not_allowed', 'no_delegation']);

function coEditing(page: DocumentPage): () => void {
  const live = acquire(page.documentId);
  const { session } = live;
  const editors = new Map<string, ClauseEditor>();
  const notice = h('p', { class: 'collab-notice', role: 'status', 'aria-live': 'polite', hidden: true });
  const banner = h('p', { class: 'collab-readonly-banner', hidden: true });
  page.toolbar.append(notice, banner);
  let stopPresence = mountPresenceList(page.sidebar, session.awareness, page.user);
  const cleanups: (() => void)[] = [() => stopPresence()];
  let refreshTimer: ReturnType<typeof setTimeout> | undefined;

  const reasons = new Map<string, DenialReason | null>();
  for (const [id, slots] of page.clauses) reasons.set(id, readOnlyReason(page.user, page.data.stage, slots.clause.status));
  const wide = [...reasons.values()].find((r): r is DenialReason => r !== null && DOCUMENT_WIDE.has(r));
  if (wide && [...reasons.values()].every((r) => r !== null)) {
    banner.textContent = t('collab:readOnly.banner', { reason: t(`collab:reason.${wide}`) });
    banner.hidden = false;
  }

  let focused: ClauseEditor | undefined;
  if (![...reasons.values()].every((r) => r !== null)) page.toolbar.append(editingToolbar(() => focused?.view));

  const mountAll = (): void => {
    for (const editor of editors.values()) editor.destroy();
    editors.clear();
    for (const [id, slots] of page.clauses) {
      const reason = reasons.get(id) ?? null;
      const editor = mountClauseEditor(slots.body, {
        doc: session.doc,
        clauseId: id,
        awareness: session.awareness,
        readOnlyReason: reason === null ? null : t(`collab:reason.${reason}`),
        label: t('collab:editor.label', { ref: slots.clause.ref, kind: t(`document.kind.${slots.clause.kind}`) }),
        undoHistory: historyOf(live, id),
      });
      editors.set(id, editor);
      editor.view.dom.addEventListener('focus', () => {
        focused = editor;
      });
      slots.root.classList.toggle('is-editable', reason === null);
      if (reason === 'clause_locked') {
        slots.aside.querySelector('.collab-lock')?.remove();
        slots.aside.append(h('span', { class: 'badge collab-lock', title: t('collab:reason.clause_locked') }, t('collab:readOnly.locked')));
      }
    }
    watchOrder();
    if (carried?.documentId === page.documentId) editors.get(carried.clauseId)?.focusAt(carried.caret);
    carried = undefined;
  };

  // Insertions, moves and deletions arrive in `order`: re-read the page so numbering and kinds follow.
  let unwatch: (() => void) | undefined;
  const watchOrder = (): void => {
    unwatch?.();
    const order = getOrder(session.doc);
    const known = [...page.clauses.keys()].join(' ');
    const check = (): void => {
      if (clauseOrder(session.doc).join(' ') === known) return;
      clearTimeout(refreshTimer);
      refreshTimer = setTimeout(() => void page.refresh(), 150);
    };
    order.observe(check);
    unwatch = () => order.unobserve(check);
    if (session.provider.synced) check();
  };

  const whenSynced = (fn: () => void): void => {
    if (session.provider.synced) fn();
    else {
      const off = session.on('synced', () => {
        off();
        fn();
      });
      cleanups.push(off);
    }
  };
  whenSynced(mountAll);

  cleanups.push(
    session.on('reset', () => {
      // A fresh copy comes with a fresh provider and awareness.
      stopPresence();
      stopPresence = mountPresenceList(page.sidebar, session.awareness, page.user);
      whenSynced(mountAll);
    }),
    session.on('closed', (close) => showClose(notice, close)),
    session.on('status', (status) => {
      document.querySelector('.document-page')?.setAttribute('data-collab-status', status);
      if (status === 'connected' && notice.dataset.kind === 'offline') notice.hidden = true;
    }),
  );

  return () => {
    clearTimeout(refreshTimer);
    unwatch?.();
    const focusedCaret = [...editors].flatMap(([clauseId, editor]) => {
      const caret = editor.caret();
      return caret ? [{ documentId: page.documentId, clauseId, caret }] : [];
    })[0];
    if (focusedCaret) {
      carried = focusedCaret;
      queueMicrotask(() => (carried = undefined));
    }
    for (const editor of editors.values()) editor.destroy();
    for (const fn of cleanups) fn();
    notice.remove();
    banner.remove();
    page.toolbar.querySelector('.collab-toolbar')?.remove();
    release(page.documentId);
  };
}

/** Tells the person why the connection closed, in their language. */
function showClose(notice: HTMLElement, close: CollabClose): void {
  if (close.action === 'reconnect') {
    notice.textContent = t(close.name === 'SERVER_RESTARTING' ? 'collab:closed.SERVER_RESTARTING' : 'collab:closed.offline');
    notice.dataset.kind = 'offline';
  } else if (close.action === 'stop') {
    notice.textContent = t('collab:closed.signedOut');
    notice.dataset.kind = 'stop';
  } else {
    const reason = close.reason.id && t(`collab:reason.${close.reason.id}`, { defaultValue: '' });
    notice.textContent = t(`collab:closed.${close.name ?? 'MALFORMED_MESSAGE'}`, { reason: reason || t('collab:reason.unknown') });
    notice.dataset.kind = 'refused';
  }
  notice.hidden = false;
}
