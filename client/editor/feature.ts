import './editor.css';
import type { DenialReason } from '../../shared/domain/permissions.js';
import { DEFAULT_TEXT_LIMITS } from '../../shared/domain/limits.js';
import { clauseOrder, getOrder } from '../../shared/editor/ydoc.js';
import { Actions } from '../api/actions.js';
import type { CollabClose } from '../api/collab.js';
import { refLabel } from '../i18n/clauseRefs.js';
import { t } from '../i18n/index.js';
import { extendDocumentView, onDocumentOpening, type ClauseSlots } from '../views/DocumentView.js';
import { mountClauseEditor, type Caret, type ClauseEditor } from './clauseEditor.js';
import type { EditingControls, EditingPage, Notice } from './editingState.js';
import { closeEditing, editingStore, openEditing, type EditingStore } from './editingStore.js';
import { LazyEditors } from './lazyEditors.js';
import { LengthCounters } from './lengthCounters.js';
import { acquire, historyOf, release, type LiveCopy } from './liveCopy.js';
import { closedNotice, salvageSummary } from './notice.js';
import { EditingClauseAside, EditingClauseFoot, EditingPresence, EditingTools, useEditingClass } from './parts.js';
import { pinView } from './pinView.js';
import { followPresence } from './presence.js';
import { closedBy, readOnlyReason } from './readOnly.js';
import { ClauseStructure } from './structure.js';
import { registerFocuser, takeFocusRequest } from './structureFocus.js';
import { SuggestionMode } from './suggestionMode.js';
import { followTyping } from './toolbar.js';

/**
 * Live co-editing on the document page: every clause body becomes a small editor bound to the live text
 * (read-only, with the reason, where this person may not write now; made on demand, see `LazyEditors`),
 * remote cursors and a presence list by delegation, numbering refreshed when the secretariat inserts, moves or
 * deletes a clause, and the server's refusals explained, with what the person wrote there handed back. The
 * editors are mounted into the clauses' bodies here; what the feature shows around them is its parts
 * (`parts.tsx`), drawn from the page's editing state (`editingStore.ts`) that this code keeps up to date.
 */
extendDocumentView((page) => {
  // A version read alone is read here, and written in the translator's side-by-side editor.
  const store = editingStore(page.documentId);
  if (page.data.lang || !store) return;
  const feature = new CoEditing(page, store);
  return () => feature.destroy();
});

extendDocumentView({
  presence: EditingPresence,
  toolbar: EditingTools,
  clauseAside: EditingClauseAside,
  clauseFoot: EditingClauseFoot,
  useClauseClass: useEditingClass,
});

// The live copy connects once the page has found its document, and syncs while the page is drawn and the other
// features start: the editors mount as soon as both are done. A version read alone has no live copy here, and
// no editing state: the feature's parts draw nothing there.
onDocumentOpening((documentId, choice) => {
  if (choice.lang && !choice.parallel) return () => undefined;
  acquire(documentId);
  openEditing(documentId);
  return () => {
    closeEditing(documentId);
    release(documentId);
  };
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
  /** Why this person may not write each clause now (null: they may), as the store has it too. */
  private readonly reasons = new Map<string, DenialReason | null>();
  private readonly lengths: LengthCounters;
  private readonly cleanups: (() => void)[] = [];
  private stopPresence: () => void;
  private refreshTimer: ReturnType<typeof setTimeout> | undefined;
  private focused: ClauseEditor | undefined;
  /** Whether the clauses have been drawn from a synced copy (a resync keeps the view where it was). */
  private hasDrawn = false;
  private readonly structure: ClauseStructure;
  private readonly suggesting: SuggestionMode;
  private readonly controls: EditingControls;
  private unwatch: (() => void) | undefined;

  constructor(
    private readonly page: EditingPage,
    private readonly store: EditingStore,
  ) {
    this.live = acquire(page.documentId);
    this.structure = new ClauseStructure(page);
    for (const [id, slots] of page.clauses)
      this.reasons.set(id, readOnlyReason(page.user, page.data.stage, slots.clause.status));
    const actions = new Actions();
    this.controls = {
      focusedView: () => this.focused?.view,
      structure: this.structure.mayChangeAny() ? this.structure : null,
      suggest: (on) => this.suggesting.prefer(on),
      require: (required) => this.suggesting.require(required),
      actions,
      dismissUnsaved: (clauseId) => {
        this.live.unsaved.delete(clauseId);
        this.showUnsaved();
        this.editors.ensure(clauseId)?.view.focus();
      },
    };
    store.dispatch({ type: 'drawn', controls: this.controls, reasons: Object.fromEntries(this.reasons) });
    this.suggesting = new SuggestionMode(
      page,
      (text) => this.say(text, 'refused'),
      (suggesting) => store.dispatch({ type: 'suggesting', suggesting }),
      actions,
    );
    this.stopPresence = this.followPresence();
    this.live.reasonOf = (clauseId) => (this.reasons.has(clauseId) ? this.reasons.get(clauseId)! : 'unknown_clause');
    const author = { user: page.user.id, delegation: page.user.delegation ?? null };
    this.live.suggestAs = (required) => (required || this.suggesting.on() ? author : null);
    this.lengths = new LengthCounters({
      limits: page.data.limits ?? DEFAULT_TEXT_LIMITS,
      onCounter: (clauseId, length) => store.dispatch({ type: 'length', clauseId, length }),
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
      followTyping((typing) => store.dispatch({ type: 'typing', typing })),
    );
  }

  /** The one line above the text, where a screen reader announces it. */
  private say(text: string, kind: Notice['kind']): void {
    this.store.dispatch({ type: 'notice', notice: { text, kind } });
  }

  /** "Who is here", from the session's awareness (a fresh copy comes with a fresh one). */
  private followPresence(): () => void {
    return followPresence(this.live.session.awareness, this.page.user, (groups) =>
      this.store.dispatch({ type: 'presence', groups }),
    );
  }

  /** Tells the typist, where a screen reader announces it, that the clause under their caret has closed. */
  private sayClosed(clauseId: string): void {
    const reason = this.reasons.get(clauseId);
    const slots = this.page.clauses.get(clauseId);
    if (!reason || !slots) return;
    this.say(
      t('collab:closedWhileTyping', { ref: refLabel(slots.clause.ref), reason: t(`collab:reason.${reason}`) }),
      'refused',
    );
  }

  /** Closes (or opens) a clause where it stands: the editor keeps the focus, and a typist is told why. */
  private applyReason(clauseId: string, reason: DenialReason | null): void {
    if (reason === this.reasons.get(clauseId)) return;
    this.reasons.set(clauseId, reason);
    this.store.dispatch({ type: 'reason', clauseId, reason });
    const editor = this.editors.get(clauseId);
    editor?.setReadOnly(readOnlyText(reason));
    this.editors.setLabel(clauseId, reason === null ? this.editorLabel(clauseId) : null);
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
          this.say(this.lengths.refusal(this.page.clauses.get(id)?.clause.ref ?? '', refusal), 'refused'),
        onLength: (length) => this.lengths.show(id, length),
      },
      describedBy: () => this.lengths.describedBy(id),
      keys: [...this.structure.keysFor(id), this.suggesting.plugin()],
    });
    editor.view.dom.addEventListener('focus', () => {
      this.focused = editor;
      this.store.dispatch({ type: 'focus', clauseId: id });
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
    this.store.dispatch({ type: 'reasons-shown' });
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

  /** The person's texts the server did not keep, each under its clause (see `EditingClauseFoot`). */
  private showUnsaved(): void {
    this.store.dispatch({ type: 'unsaved', unsaved: Object.fromEntries(this.live.unsaved) });
  }

  private followSession(): void {
    const { session } = this.live;
    this.cleanups.push(
      session.on('reset', () => {
        // A fresh copy comes with a fresh provider and awareness.
        this.stopPresence();
        this.stopPresence = this.followPresence();
        this.whenSynced(() => this.mountAll());
      }),
      session.on('closed', (close) => {
        this.closeRefused(close);
        this.store.dispatch({ type: 'notice', notice: closedNotice(close) });
      }),
      session.on('salvaged', (salvaged, close) => {
        const summary = salvageSummary(salvaged, (clauseId) => this.page.clauses.get(clauseId)?.clause.ref ?? clauseId);
        this.store.dispatch({ type: 'notice', notice: closedNotice(close, summary) });
        this.showUnsaved();
      }),
      session.on('status', (status) => {
        this.page.mark('collab-status', status);
        if (status === 'connected') this.store.dispatch({ type: 'connected' });
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
    this.suggesting.destroy();
    this.store.dispatch({ type: 'gone', controls: this.controls });
    release(this.page.documentId);
  }
}
