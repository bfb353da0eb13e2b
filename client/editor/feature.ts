import './editor.css';
import { can, type DenialReason } from '../../shared/domain/permissions.js';
import { DEFAULT_TEXT_LIMITS } from '../../shared/domain/limits.js';
import { toMarkup } from '../../shared/editor/markup.js';
import { clauseOrder, getOrder } from '../../shared/editor/ydoc.js';
import type { CollabClose } from '../api/collab.js';
import { startAmendment } from '../components/ClausePanel.js';
import { h } from '../dom.js';
import { currentLanguage, t } from '../i18n/index.js';
import { extendDocumentView, type ClauseSlots, type DocumentPage } from '../views/DocumentView.js';
import { mountClauseEditor, type Caret, type ClauseEditor } from './clauseEditor.js';
import { mountPresenceList } from './presence.js';
import { editingToolbar } from './toolbar.js';
import { readOnlyReason } from './readOnly.js';
import type { Salvage } from './salvage.js';
import { acquire, historyOf, release } from './liveCopy.js';
import { unsavedBox } from './unsaved.js';
import type { TextRefusal } from './textLimit.js';

/**
 * Live co-editing on the document page: every clause body becomes a small editor bound to the live text
 * (read-only, with the reason, where this person may not write now), remote cursors and a presence list
 * by delegation, numbering refreshed when the secretariat inserts, moves or deletes a clause, and the
 * server's refusals explained, with what the person wrote there handed back.
 */
extendDocumentView(coEditing);

/**
 * The caret of the editor that had the focus when the page was torn down to be rebuilt, which happens in
 * the same turn: the rebuilt editor of that clause takes it back, so a typist carries on where they were.
 */
let carried: { documentId: string; clauseId: string; caret: Caret } | undefined;

/** Reasons that hold for the whole document (shown once) rather than for one clause. */
const DOCUMENT_WIDE: ReadonlySet<DenialReason> = new Set(['role_not_allowed', 'stage_not_allowed', 'no_delegation']);
/** Refusals that say the text has closed to this person (as opposed to something wrong with the edit). */
const REFUSAL_REASONS: ReadonlySet<DenialReason> = new Set([...DOCUMENT_WIDE, 'clause_locked']);

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
  live.reasonOf = (clauseId) => (reasons.has(clauseId) ? reasons.get(clauseId)! : 'unknown_clause');
  const wide = [...reasons.values()].find((r): r is DenialReason => r !== null && DOCUMENT_WIDE.has(r));
  if (wide && [...reasons.values()].every((r) => r !== null)) {
    banner.textContent = t('collab:readOnly.banner', { reason: t(`collab:reason.${wide}`) });
    banner.hidden = false;
  }

  let focused: ClauseEditor | undefined;
  let toolbar: HTMLElement | undefined;
  /** The formatting buttons, once some clause is open to this person. */
  const offerToolbar = (): void => {
    if (toolbar || [...reasons.values()].every((r) => r !== null)) return;
    toolbar = editingToolbar(() => focused?.view);
    page.toolbar.append(toolbar);
  };
  offerToolbar();

  const readOnlyText = (reason: DenialReason | null): string | null => (reason === null ? null : t(`collab:reason.${reason}`));
  /** Marks an open clause, and badges a locked one. */
  const showReason = (slots: ClauseSlots, reason: DenialReason | null): void => {
    slots.root.classList.toggle('is-editable', reason === null);
    slots.aside.querySelector('.collab-lock')?.remove();
    if (reason === 'clause_locked') slots.aside.append(h('span', { class: 'badge collab-lock', title: t('collab:reason.clause_locked') }, t('collab:readOnly.locked')));
  };

  /** Tells the typist, where a screen reader announces it, that the clause under their caret has closed. */
  const sayClosed = (clauseId: string): void => {
    const reason = reasons.get(clauseId);
    const slots = page.clauses.get(clauseId);
    if (!reason || !slots) return;
    notice.textContent = t('collab:closedWhileTyping', { ref: slots.clause.ref, reason: t(`collab:reason.${reason}`) });
    notice.dataset.kind = 'refused';
    notice.hidden = false;
  };

  /** Closes (or opens) a clause where it stands: the editor keeps the focus, and a typist is told why. */
  const applyReason = (clauseId: string, reason: DenialReason | null): void => {
    if (reason === reasons.get(clauseId)) return;
    reasons.set(clauseId, reason);
    const editor = editors.get(clauseId);
    editor?.setReadOnly(readOnlyText(reason));
    const slots = page.clauses.get(clauseId);
    if (slots) showReason(slots, reason);
    if (reason !== null && editor?.view.hasFocus()) sayClosed(clauseId);
  };

  // The text limits in force on the server; a counter under a clause from 90 % of its limit on.
  const limits = page.data.limits ?? DEFAULT_TEXT_LIMITS;
  const number = new Intl.NumberFormat(currentLanguage());
  const lengths = new Map<string, number>();
  const counters = new Map<string, HTMLElement>();
  const counterOf = (clauseId: string): HTMLElement => {
    let counter = counters.get(clauseId);
    if (!counter) {
      counter = h('p', { class: 'clause-counter', id: `counter-${clauseId}`, hidden: true });
      page.clauses.get(clauseId)!.root.append(counter);
      counters.set(clauseId, counter);
    }
    return counter;
  };
  const showLength = (clauseId: string, length: number): void => {
    lengths.set(clauseId, length);
    const near = length >= limits.clauseChars * 0.9;
    if (!near && !counters.has(clauseId)) return;
    const counter = counterOf(clauseId);
    const shown = !counter.hidden;
    counter.hidden = !near;
    counter.textContent = t('collab:counter', { count: number.format(length), limit: number.format(limits.clauseChars) });
    counter.classList.toggle('is-full', length >= limits.clauseChars);
    if (shown !== near) editors.get(clauseId)?.refreshAttributes();
  };
  const othersLength = (clauseId: string): number => {
    let sum = 0;
    for (const [id, length] of lengths) if (id !== clauseId) sum += length;
    return sum;
  };
  /** A paste or a keystroke the editor did not take for the limits: the person is told at once. */
  const sayTooLong = (clauseId: string, refusal: TextRefusal): void => {
    const ref = page.clauses.get(clauseId)?.clause.ref ?? '';
    notice.textContent = t(`collab:limit.${refusal.how}.${refusal.limit}`, { ref, count: number.format(refusal.wouldHold), limit: number.format(refusal.max) });
    notice.dataset.kind = 'refused';
    notice.hidden = false;
  };

  const mountAll = (): void => {
    // A resync remounts every editor on the fresh copy: the one with the focus gives its caret to its
    // successor, and the clause the person is looking at stays where it is on the screen.
    const focusedNow = [...editors].find(([, editor]) => editor.caret() !== null);
    const keep = carried?.documentId === page.documentId ? carried : focusedNow ? { clauseId: focusedNow[0], caret: focusedNow[1].caret()! } : undefined;
    const pinned = editors.size > 0 ? pinView(keep?.clauseId) : undefined;
    for (const editor of editors.values()) editor.destroy();
    editors.clear();
    for (const [id, slots] of page.clauses) {
      const reason = reasons.get(id) ?? null;
      const editor = mountClauseEditor(slots.body, {
        doc: session.doc,
        clauseId: id,
        awareness: session.awareness,
        readOnlyReason: readOnlyText(reason),
        label: t('collab:editor.label', { ref: slots.clause.ref, kind: t(`document.kind.${slots.clause.kind}`) }),
        undoHistory: historyOf(live, id),
        onRefusedKey: () => sayClosed(id),
        textLimit: { limits, othersLength: () => othersLength(id), onRefused: (refusal) => sayTooLong(id, refusal), onLength: (length) => showLength(id, length) },
        describedBy: () => (counters.get(id)?.hidden === false ? `counter-${id}` : null),
      });
      editors.set(id, editor);
      editor.view.dom.addEventListener('focus', () => {
        focused = editor;
      });
      showReason(slots, reason);
    }
    watchOrder();
    if (keep) editors.get(keep.clauseId)?.focusAt(keep.caret);
    carried = undefined;
    pinned?.();
  };

  /**
   * Remembers where a clause (the focused one, else the first on screen) is in the viewport; the function
   * returned scrolls it back there after the editors have been rebuilt.
   */
  const pinView = (clauseId: string | undefined): (() => void) | undefined => {
    const roots = [...page.clauses.values()].map((slots) => slots.root);
    const anchor = (clauseId ? page.clauses.get(clauseId)?.root : undefined) ?? roots.find((root) => root.getBoundingClientRect().bottom > 0);
    if (!anchor) return undefined;
    const top = anchor.getBoundingClientRect().top;
    return () => {
      const moved = anchor.getBoundingClientRect().top - top;
      if (moved !== 0) window.scrollBy(0, moved);
    };
  };

  // A status changed in place (a lock, an unlock): that clause's editor opens or closes where it stands.
  page.onClauseStatus((clauseId) => {
    const slots = page.clauses.get(clauseId)!;
    applyReason(clauseId, readOnlyReason(page.user, page.data.stage, slots.clause.status));
    offerToolbar();
    showUnsaved();
  });

  // The server refused a write because the clause (or the whole text) has closed to this person: it is
  // closed here at once, before the status or stage event arrives, so the typist's next keys are not sent
  // only to be refused again.
  const closeRefused = (close: CollabClose): void => {
    if (close.name !== 'FORBIDDEN_WRITE' || !REFUSAL_REASONS.has(close.reason.id as DenialReason)) return;
    const reason = close.reason.id as DenialReason;
    const clauseIds = DOCUMENT_WIDE.has(reason) ? [...page.clauses.keys()] : close.reason.clauseId ? [close.reason.clauseId] : [];
    for (const clauseId of clauseIds) if (page.clauses.has(clauseId)) applyReason(clauseId, reason);
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
    if (session.ready) check();
  };

  const whenSynced = (fn: () => void): void => {
    // Offline after a first sync still counts: the person keeps typing into a page rebuilt meanwhile.
    if (session.ready) fn();
    else {
      const off = session.on('synced', () => {
        off();
        fn();
      });
      cleanups.push(off);
    }
  };
  whenSynced(mountAll);

  /** The person's refused text under each clause it belongs to (the toolbar holds any whose clause is gone). */
  let unsavedBoxes: HTMLElement[] = [];
  const showUnsaved = (): void => {
    for (const box of unsavedBoxes) box.remove();
    unsavedBoxes = [];
    for (const [clauseId, edit] of live.unsaved) {
      const slots = page.clauses.get(clauseId);
      const proposable = slots !== undefined && can(page.user, 'amendment.propose', { stage: page.data.stage, clauseStatus: slots.clause.status });
      const box = unsavedBox({
        clauseId,
        ref: slots?.clause.ref ?? t('collab:unsaved.deletedClause'),
        edit,
        ...(proposable ? { propose: () => startAmendment(page.documentId, clauseId, toMarkup(edit.content)) } : {}),
        dismiss: () => {
          live.unsaved.delete(clauseId);
          box.remove();
          editors.get(clauseId)?.view.focus();
        },
      });
      if (slots) slots.root.append(box);
      else page.toolbar.append(box);
      unsavedBoxes.push(box);
    }
  };
  showUnsaved();

  cleanups.push(
    session.on('reset', () => {
      // A fresh copy comes with a fresh provider and awareness.
      stopPresence();
      stopPresence = mountPresenceList(page.sidebar, session.awareness, page.user);
      whenSynced(mountAll);
    }),
    session.on('closed', (close) => {
      closeRefused(close);
      showClose(notice, close);
    }),
    session.on('salvaged', (salvaged, close) => {
      showClose(notice, close, salvageSummary(salvaged, (clauseId) => page.clauses.get(clauseId)?.clause.ref ?? clauseId));
      showUnsaved();
    }),
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
    for (const box of unsavedBoxes) box.remove();
    for (const counter of counters.values()) counter.remove();
    toolbar?.remove();
    release(page.documentId);
  };
}

/** What became of the person's other edits after a refusal, in their language ('' when there were none). */
function salvageSummary(salvaged: Salvage, refOf: (clauseId: string) => string): string {
  const refs = (ids: string[]): string => ids.map(refOf).join(', ');
  return [
    salvaged.restored.length > 0 ? t('collab:salvage.kept', { refs: refs(salvaged.restored) }) : '',
    salvaged.unsaved.length > 0 ? t('collab:salvage.unsaved', { refs: refs(salvaged.unsaved.map((u) => u.clauseId)) }) : '',
    salvaged.orderLost ? t('collab:salvage.order') : '',
  ]
    .filter(Boolean)
    .join(' ');
}

/** Tells the person why the connection closed (and what became of their edits), in their language. */
function showClose(notice: HTMLElement, close: CollabClose, salvaged = ''): void {
  if (close.action === 'reconnect') {
    const kind = close.name === 'SERVER_RESTARTING' || close.name === 'RATE_LIMITED' ? close.name : 'offline';
    notice.textContent = t(`collab:closed.${kind}`);
    notice.dataset.kind = 'offline';
  } else if (close.action === 'stop') {
    notice.textContent = t('collab:closed.signedOut');
    notice.dataset.kind = 'stop';
  } else {
    const reason = close.reason.id && t(`collab:reason.${close.reason.id}`, { defaultValue: '' });
    notice.textContent = [t(`collab:closed.${close.name ?? 'MALFORMED_MESSAGE'}`, { reason: reason || t('collab:reason.unknown') }), salvaged].filter(Boolean).join(' ');
    notice.dataset.kind = 'refused';
  }
  notice.hidden = false;
}
