import type * as Y from 'yjs';
import { getClauseFragment } from '../../shared/editor/ydoc.js';
import type { ClauseSlots } from '../views/DocumentView.js';
import type { EditingPage } from './editingState.js';
import type { ClauseEditor } from './clauseEditor.js';
import { liveText, type LiveText, type Reach } from './liveText.js';
import { MountQueue, type WhenIdle } from './mountQueue.js';
import { START } from './structureFocus.js';

export interface LazyEditorsOptions {
  page: EditingPage;
  /** Makes the clause's editor on the copy the texts were drawn from. */
  make(clauseId: string, slots: ClauseSlots): ClauseEditor;
  /** The editor's accessible name while the clause is open to this person, else null (read-only). */
  openLabel(clauseId: string): string | null;
  /** A clause's length, from its text or its editor (the text limits count every clause). */
  onLength(clauseId: string, length: number): void;
  whenIdle?: WhenIdle;
}

/**
 * The document page's clause editors, made on demand. Some forty ProseMirror views with their bindings, cursors
 * and plugins take seconds to make on a slow laptop; drawing the same text from the synced copy takes a fraction
 * of that. So every clause first shows its live text (`liveText`), becomes an editor the moment the reader
 * reaches for it (a pointer pressed on it, the focus moved into it) or is asked for it (`ensure`), and the rest
 * become editors in the page's idle slices, one or a few at a time, so a key is never kept waiting for long.
 */
export class LazyEditors {
  private readonly editors = new Map<string, ClauseEditor>();
  private readonly texts = new Map<string, LiveText>();
  private readonly queue: MountQueue;
  private readonly cleanups: (() => void)[] = [];
  private synced = false;

  constructor(private readonly o: LazyEditorsOptions) {
    // A clause whose words the reader has selected (to comment on them, amend or bracket them) keeps its text:
    // its editor would replace the text, and the selection with it.
    this.queue = new MountQueue(
      (id) => this.mount(id),
      o.whenIdle,
      (id) => !holdsSelection(o.page.clauses.get(id)?.body),
    );
    for (const [id, slots] of o.page.clauses) this.followStep(id, slots.root);
  }

  /** The clause's editor, if it is one yet. */
  get(clauseId: string): ClauseEditor | undefined {
    return this.editors.get(clauseId);
  }

  /** The clause's editor, made now if it was not; none for a clause not on the page, or before the copy synced. */
  ensure(clauseId: string): ClauseEditor | undefined {
    if (this.synced && this.o.page.clauses.has(clauseId)) this.queue.take(clauseId);
    return this.editors.get(clauseId);
  }

  /** The editors made so far, by clause id. */
  mounted(): IterableIterator<[string, ClauseEditor]> {
    return this.editors.entries();
  }

  /** Opens (a label) or closes (null) a clause that is not an editor yet, as its editor will show it. */
  setLabel(clauseId: string, label: string | null): void {
    this.texts.get(clauseId)?.setLabel(label);
  }

  /**
   * Draws every clause from the synced copy `doc`, makes the editors of `now` at once and queues the rest.
   * Called again for a fresh copy (after a reset): every editor is made again on it.
   */
  start(doc: Y.Doc, now: string[] = []): void {
    // The page's first drawing is the text it read; an editor torn down leaves its element empty.
    const firstDrawing = !this.synced;
    this.clear();
    this.synced = true;
    // Every clause's fragment read in one Yjs transaction first. A type's first read after the sync turns it
    // into a fragment in a transaction, and each transaction is announced to every editor and undo history
    // already there: read one by one while drawing and mounting, the page would do work in the square of its
    // clauses.
    doc.transact(() => {
      for (const id of this.o.page.clauses.keys()) getClauseFragment(doc, id);
    });
    for (const [id, slots] of this.o.page.clauses) {
      const text = liveText({
        doc,
        clauseId: id,
        element: slots.body,
        shown: firstDrawing ? slots.clause.content : undefined,
        label: this.o.openLabel(id),
        onLength: (length) => this.o.onLength(id, length),
        onReach: (reach) => this.reach(id, reach),
      });
      this.texts.set(id, text);
    }
    this.o.page.mark('editors', 'on-demand');
    for (const id of now) this.queue.take(id);
    this.queue.add(this.o.page.clauses.keys());
  }

  /** Tears every editor and text down (the page leaves, or a fresh copy is coming). */
  clear(): void {
    this.queue.clear();
    for (const editor of this.editors.values()) editor.destroy();
    for (const text of this.texts.values()) text.destroy();
    this.editors.clear();
    this.texts.clear();
    this.synced = false;
  }

  destroy(): void {
    this.clear();
    for (const fn of this.cleanups) fn();
  }

  private mount(clauseId: string): void {
    const slots = this.o.page.clauses.get(clauseId)!;
    this.texts.get(clauseId)?.destroy();
    this.texts.delete(clauseId);
    this.editors.set(clauseId, this.o.make(clauseId, slots));
    if (this.editors.size === this.o.page.clauses.size) this.o.page.mark('editors', 'mounted');
  }

  /** The reader reached for a clause's text: it is an editor now, with the caret where they pressed. */
  private reach(clauseId: string, reach: Reach): void {
    const editor = this.ensure(clauseId);
    if (!editor) return;
    if (reach === 'focus') return editor.focusAt(START);
    const at = editor.view.posAtCoords({ left: reach.x, top: reach.y })?.pos ?? 0;
    editor.focusAt({ anchor: at, head: at });
  }

  /**
   * "Next clause" from an editor (Alt+Page Down) looks for the next clause's editor and, finding none yet,
   * focuses the clause itself: the typist goes on typing there, in its editor made at once.
   */
  private followStep(clauseId: string, root: HTMLElement): void {
    const onFocus = (event: FocusEvent): void => {
      const from = event.relatedTarget;
      if (event.target !== root || !(from instanceof HTMLElement) || !from.classList.contains('clause-editor')) return;
      if (this.editors.has(clauseId) || this.o.openLabel(clauseId) === null) return;
      this.reach(clauseId, 'focus');
    };
    root.addEventListener('focus', onFocus);
    this.cleanups.push(() => root.removeEventListener('focus', onFocus));
  }
}

/** Whether the reader has words selected in `el`. */
function holdsSelection(el: HTMLElement | undefined): boolean {
  const selection = document.getSelection();
  if (!el || !selection || selection.rangeCount === 0 || selection.isCollapsed) return false;
  return el.contains(selection.anchorNode) || el.contains(selection.focusNode);
}
