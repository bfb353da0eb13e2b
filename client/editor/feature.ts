import './editor.css';
import type { DenialReason } from '../../shared/domain/permissions.js';
import { DEFAULT_TEXT_LIMITS } from '../../shared/domain/limits.js';
import { clauseOrder, getOrder } from '../../shared/editor/ydoc.js';
import type { CollabClose } from '../api/collab.js';
import { h } from '../dom.js';
import { t } from '../i18n/index.js';
import { extendDocumentView, onDocumentOpening, type ClauseSlots, type DocumentPage } from '../views/DocumentView.js';
import { mountClauseEditor, type Caret, type ClauseEditor } from './clauseEditor.js';
import { LazyEditors } from './lazyEditors.js';
import { LengthCounters } from './lengthCounters.js';
import { pinView } from './pinView.js';
import { acquire, historyOf, release, type LiveCopy } from './liveCopy.js';
import { CollabNotice, salvageSummary } from './notice.js';
import { mountPresenceList } from './presence.js';
import { closedBy, DOCUMENT_WIDE, readOnlyReason } from './readOnly.js';
import { editingToolbar } from './toolbar.js';
import { unsavedBoxes } from './unsaved.js';
import { ClauseStructure } from './structure.js';
import { dragHandles, structureBar } from './structureBar.js';
import { registerFocuser, takeFocusRequest } from './structureFocus.js';
import { SuggestionMode } from './suggestionMode.js';
import { refLabel } from '../i18n/clauseRefs.js';

/**
 * Live co-editing on the document page: every clause body becomes a small editor bound to the live text
 * (read-only, with the reason, where this person may not write now; made on demand, see `LazyEditors`),
 * remote cursors and a presence list
 * by delegation, numbering refreshed when the secretariat inserts, moves or deletes a clause, and the
 * server's refusals explained, with what the person wrote there handed back.
 */
extendDocumentView((page) => {
  // A version read alone is read here, and written in the translator's side-by-side editor.
  if (page.data.lang) return;
  const feature = new CoEditing(page);
  return () => feature.destroy();
});

// The live copy connects once the page has found its document, and syncs while the page is drawn and the other
// features start: the editors mount as soon as both are done. A version read alone has no live copy here.
onDocumentOpening((documentId, choice) => {
  if (choice.lang && !choice.parallel) return () => undefined;
  acquire(documentId);
  return () => release(documentId);
});

/**
 * The caret of the editor that had the focus when the page was torn down to be rebuilt, which happens in
 * the same turn: the rebuilt editor of that clause takes it back, so a typist carries on where they were.
 */
let carried: { documentId: string; clauseId: string; caret: Caret } | undefined;

const readOnlyText = (reason: DenialReason | null): string | null =>
  reason === null ? null : t(`collab:reason.${reason}`);

class CoEditing {
  private readonly live: LiveCopy;
  private readonly editors: LazyEditors;
  private readonly notice = new CollabNotice();
  private readonly banner = h('p', { class: 'collab-readonly-banner', hidden: true });
  private readonly reasons = new Map<string, DenialReason | null>();
  private readonly lengths: LengthCounters;
  private readonly cleanups: (() => void)[] = [];
  private stopPresence: () => void;
  private refreshTimer: ReturnType<typeof setTimeout> | undefined;
  private focused: ClauseEditor | undefined;
  private focusedId: string | undefined;
  /** Whether the clauses have been drawn from a synced copy (a resync keeps the view where it was). */
  private hasDrawn = false;
  private toolbar: HTMLElement | undefined;
  private structureTools: HTMLElement | undefined;
  private readonly structure: ClauseStructure;
  private readonly suggesting: SuggestionMode;
  private unwatch: (() => void) | undefined;
  /** The person's refused text under each clause it belongs to (the toolbar holds any whose clause is gone). */
  private unsavedBoxes: HTMLElement[] = [];
  /** The "locked" badge beside each locked clause. */
  private readonly locks = new Map<string, HTMLElement>();

  constructor(private readonly page: DocumentPage) {
    this.live = acquire(page.documentId);
    this.structure = new ClauseStructure(page);
    this.suggesting = new SuggestionMode(page, (text) => this.notice.say(text, 'refused'));
    page.toolbar.append(this.notice.el, this.banner);
    this.stopPresence = mountPresenceList(page.presence, this.live.session.awareness, page.user);
    for (const [id, slots] of page.clauses)
      this.reasons.set(id, readOnlyReason(page.user, page.data.stage, slots.clause.status));
    this.live.reasonOf = (clauseId) => (this.reasons.has(clauseId) ? this.reasons.get(clauseId)! : 'unknown_clause');
    const author = { user: page.user.id, delegation: page.user.delegation ?? null };
    this.live.suggestAs = (required) => (required || this.suggesting.on() ? author : null);
    this.showBanner();
    this.offerToolbar();
    this.lengths = new LengthCounters({
      limits: page.data.limits ?? DEFAULT_TEXT_LIMITS,
      rootOf: (clauseId) => page.clauses.get(clauseId)!.root,
      shownChanged: (clauseId) => this.editors.get(clauseId)?.refreshAttributes(),
    });
    this.editors = new LazyEditors({
      page,
      make: (id, slots) => this.mountEditor(id, slots),
      openLabel: (id) => (this.reasons.get(id) === null ? this.editorLabel(id) : null),
      onLength: (id, length) => this.lengths.show(id, length),
    });
    // A status changed in place (a lock, an unlock): that clause's editor opens or closes where it stands.
    page.onClauseStatus((clauseId) => {
      const slots = page.clauses.get(clauseId)!;
      this.applyReason(clauseId, readOnlyReason(page.user, page.data.stage, slots.clause.status));
      this.offerToolbar();
      this.showUnsaved();
    });
    this.whenSynced(() => this.mountAll());
    this.showUnsaved();
    this.followSession();
    this.cleanups.push(
      registerFocuser(page.documentId, (clauseId, caret) => {
        const editor = this.editors.ensure(clauseId);
        editor?.focusAt(caret);
        return !!editor;
      }),
    );
    if (this.structure.mayChangeAny()) this.cleanups.push(dragHandles(this.structure, page));
  }

  /** A reason that holds for the whole document, when no clause is open to this person, is said once above. */
  private showBanner(): void {
    const reasons = [...this.reasons.values()];
    const wide = reasons.find((r): r is DenialReason => r !== null && DOCUMENT_WIDE.has(r));
    if (!wide || !reasons.every((r) => r !== null)) return;
    this.banner.textContent = t('collab:readOnly.banner', { reason: t(`collab:reason.${wide}`) });
    this.banner.hidden = false;
  }

  /** The formatting buttons, once some clause is open to this person. */
  private offerToolbar(): void {
    if (this.toolbar || [...this.reasons.values()].every((r) => r !== null)) return;
    this.toolbar = editingToolbar(() => this.focused?.view);
    this.page.toolbar.append(this.suggesting.controls, this.toolbar);
    if (!this.structure.mayChangeAny()) return;
    this.structureTools = structureBar(this.structure, this.page, () => this.focusedId);
    this.page.toolbar.append(this.structureTools);
  }

  /** Marks an open clause, and badges a locked one. */
  private showReason(clauseId: string, slots: ClauseSlots, reason: DenialReason | null): void {
    slots.root.classList.toggle('is-editable', reason === null);
    this.locks.get(clauseId)?.remove();
    this.locks.delete(clauseId);
    if (reason !== 'clause_locked') return;
    const badge = h(
      'span',
      { class: 'badge collab-lock', title: t('collab:reason.clause_locked') },
      t('collab:readOnly.locked'),
    );
    slots.aside.append(badge);
    this.locks.set(clauseId, badge);
  }

  /** Tells the typist, where a screen reader announces it, that the clause under their caret has closed. */
  private sayClosed(clauseId: string): void {
    const reason = this.reasons.get(clauseId);
    const slots = this.page.clauses.get(clauseId);
    if (!reason || !slots) return;
    this.notice.say(
      t('collab:closedWhileTyping', { ref: refLabel(slots.clause.ref), reason: t(`collab:reason.${reason}`) }),
      'refused',
    );
  }

  /** Closes (or opens) a clause where it stands: the editor keeps the focus, and a typist is told why. */
  private applyReason(clauseId: string, reason: DenialReason | null): void {
    if (reason === this.reasons.get(clauseId)) return;
    this.reasons.set(clauseId, reason);
    const editor = this.editors.get(clauseId);
    editor?.setReadOnly(readOnlyText(reason));
    this.editors.setLabel(clauseId, reason === null ? this.editorLabel(clauseId) : null);
    const slots = this.page.clauses.get(clauseId);
    if (slots) this.showReason(clauseId, slots, reason);
    if (reason !== null && editor?.view.hasFocus()) this.sayClosed(clauseId);
  }

  private mountEditor(id: string, slots: ClauseSlots): ClauseEditor {
    const { session } = this.live;
    const reason = this.reasons.get(id) ?? null;
    const editor = mountClauseEditor(slots.body, {
      doc: session.doc,
      clauseId: id,
      awareness: session.awareness,
      readOnlyReason: readOnlyText(reason),
      label: this.editorLabel(id),
      undoHistory: historyOf(this.live, id),
      onRefusedKey: () => this.sayClosed(id),
      textLimit: {
        limits: this.page.data.limits ?? DEFAULT_TEXT_LIMITS,
        othersLength: () => this.lengths.othersLength(id),
        onRefused: (refusal) =>
          this.notice.say(this.lengths.refusal(this.page.clauses.get(id)?.clause.ref ?? '', refusal), 'refused'),
        onLength: (length) => this.lengths.show(id, length),
      },
      describedBy: () => this.lengths.describedBy(id),
      keys: [...this.structure.keysFor(id), this.suggesting.plugin()],
    });
    editor.view.dom.addEventListener('focus', () => {
      this.focused = editor;
      this.focusedId = id;
    });
    return editor;
  }

  /** The accessible name of a clause's editor ("OP3, operative paragraph"). */
  private editorLabel(clauseId: string): string {
    const { clause } = this.page.clauses.get(clauseId)!;
    return t('collab:editor.label', { ref: refLabel(clause.ref), kind: t(`document.kind.${clause.kind}`) });
  }

  /**
   * Draws every clause from the synced copy, to become editors on demand. A resync does it again on the fresh
   * copy: the editor with the focus gives its caret to its successor (made at once), and the clause the person
   * is looking at stays where it is on the screen.
   */
  private mountAll(): void {
    const focusedNow = [...this.editors.mounted()].find(([, editor]) => editor.caret() !== null);
    const keep =
      carried?.documentId === this.page.documentId
        ? carried
        : focusedNow
          ? { clauseId: focusedNow[0], caret: focusedNow[1].caret()! }
          : undefined;
    const pinned = this.hasDrawn ? pinView(this.page, keep?.clauseId) : undefined;
    // A structure change names where the caret goes next (the new clause, the merged one).
    const wanted = takeFocusRequest(this.page.documentId, (clauseId) => this.page.clauses.has(clauseId));
    // A fresh copy after a spell offline or a refusal comes while the person is at work on the page: every
    // editor is made again at once, as it was, so nothing under their eyes changes afterwards.
    const now = pinned ? [...this.page.clauses.keys()] : [keep?.clauseId, wanted?.clauseId];
    this.editors.start(
      this.live.session.doc,
      now.filter((id): id is string => id !== undefined && this.page.clauses.has(id)),
    );
    this.hasDrawn = true;
    for (const [id, slots] of this.page.clauses) this.showReason(id, slots, this.reasons.get(id) ?? null);
    // The texts follow the copy as the editors do: an accepted amendment reaches the page like any edit.
    this.page.editing.live = this.page.clauses.size > 0;
    this.page.mark('live-text', 'synced');
    this.watchOrder();
    if (keep) this.editors.get(keep.clauseId)?.focusAt(keep.caret);
    carried = undefined;
    if (wanted) this.editors.get(wanted.clauseId)!.focusAt(wanted.caret);
    pinned?.();
  }

  /**
   * The server refused a write because the clause (or the whole text) has closed to this person: it is closed
   * here at once, before the status or stage event arrives, so the typist's next keys are not sent only to be
   * refused again.
   */
  private closeRefused(close: CollabClose): void {
    const refused = closedBy(close, [...this.page.clauses.keys()]);
    for (const clauseId of refused?.clauseIds ?? []) this.applyReason(clauseId, refused!.reason);
  }

  /** Insertions, moves and deletions arrive in `order`: re-read the page so numbering and kinds follow. */
  private watchOrder(): void {
    this.unwatch?.();
    const { doc } = this.live.session;
    const order = getOrder(doc);
    const known = [...this.page.clauses.keys()].join(' ');
    const check = (): void => {
      if (clauseOrder(doc).join(' ') === known) return;
      clearTimeout(this.refreshTimer);
      this.refreshTimer = setTimeout(() => void this.page.refresh(), 150);
    };
    order.observe(check);
    this.unwatch = () => order.unobserve(check);
    if (this.live.session.ready) check();
  }

  private whenSynced(fn: () => void): void {
    const { session } = this.live;
    // Offline after a first sync still counts: the person keeps typing into a page rebuilt meanwhile.
    if (session.ready) return fn();
    const off = session.on('synced', () => {
      off();
      fn();
    });
    this.cleanups.push(off);
  }

  private showUnsaved(): void {
    for (const box of this.unsavedBoxes) box.remove();
    this.unsavedBoxes = unsavedBoxes(this.page, this.live.unsaved, (clauseId) =>
      this.editors.ensure(clauseId)?.view.focus(),
    );
  }

  private followSession(): void {
    const { session } = this.live;
    this.cleanups.push(
      session.on('reset', () => {
        // A fresh copy comes with a fresh provider and awareness.
        this.stopPresence();
        this.stopPresence = mountPresenceList(this.page.presence, session.awareness, this.page.user);
        this.whenSynced(() => this.mountAll());
      }),
      session.on('closed', (close) => {
        this.closeRefused(close);
        this.notice.closed(close);
      }),
      session.on('salvaged', (salvaged, close) => {
        this.notice.closed(
          close,
          salvageSummary(salvaged, (clauseId) => this.page.clauses.get(clauseId)?.clause.ref ?? clauseId),
        );
        this.showUnsaved();
      }),
      session.on('status', (status) => {
        this.page.mark('collab-status', status);
        if (status === 'connected') this.notice.connected();
      }),
    );
  }

  /** The editor with the focus gives its caret to the page rebuilt in the same turn (see `carried`). */
  private carryCaret(): void {
    const focusedCaret = [...this.editors.mounted()].flatMap(([clauseId, editor]) => {
      const caret = editor.caret();
      return caret ? [{ documentId: this.page.documentId, clauseId, caret }] : [];
    })[0];
    if (!focusedCaret) return;
    carried = focusedCaret;
    queueMicrotask(() => (carried = undefined));
  }

  destroy(): void {
    clearTimeout(this.refreshTimer);
    this.unwatch?.();
    this.carryCaret();
    this.editors.destroy();
    this.page.editing.live = false;
    this.stopPresence();
    for (const fn of this.cleanups) fn();
    this.notice.el.remove();
    this.banner.remove();
    for (const box of this.unsavedBoxes) box.remove();
    this.lengths.destroy();
    this.toolbar?.remove();
    this.structureTools?.remove();
    this.suggesting.destroy();
    release(this.page.documentId);
  }
}
