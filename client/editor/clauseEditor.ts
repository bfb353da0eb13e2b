import type * as Y from 'yjs';
import { EditorState, TextSelection, type Plugin } from 'prosemirror-state';
import { EditorView } from 'prosemirror-view';
import type { Awareness } from 'y-protocols/awareness';
import { initProseMirrorDoc, yCursorPlugin, ySyncPlugin, yUndoPlugin } from 'y-prosemirror';
import { clauseSchema } from '../../shared/editor/schema.js';
import { getClauseFragment, getVersionFragment } from '../../shared/editor/ydoc.js';
import { clauseKeymap } from './keymap.js';
import { remoteCursors } from './remoteCursors.js';
import { cleanPastedHtml } from './paste.js';
import { followPageSelection } from './pageSelection.js';
import { textLimitPlugin, type TextLimitOptions } from './textLimit.js';

export interface ClauseEditorOptions {
  /** The document's live copy. */
  doc: Y.Doc;
  clauseId: string;
  /** A language version's text (`clause/<id>/<lang>`) instead of the original's; omitted for the original. */
  lang?: string;
  /** Shared by every clause editor of the page: remote cursors show in the clause they are in. */
  awareness: Awareness;
  /** Why the clause is read-only for this person (already translated), or null when they may edit. */
  readOnlyReason: string | null;
  /** Accessible name of the editable text, e.g. "OP3, operative paragraph". */
  label: string;
  /** This person's undo history of the clause, when it should outlive the editor. */
  undoHistory?: Y.UndoManager;
  /** A key that would type was pressed while the clause is read-only (it typed nothing). */
  onRefusedKey?: () => void;
  /** The text limits to keep to (see `textLimitPlugin`). */
  textLimit?: TextLimitOptions;
  /** Keys taking precedence over the clause keymap (the structure keys, for those who may use them). */
  keys?: Plugin[];
  /** Ids of elements describing the editor (a character counter), or none. */
  describedBy?: () => string | null;
}

/** Where the caret (or selection) is in a clause's text. */
export interface Caret {
  anchor: number;
  head: number;
}

export interface ClauseEditor {
  view: EditorView;
  /** Makes the clause editable (null) or read-only with the reason shown. */
  setReadOnly(reason: string | null): void;
  /** Re-reads what the editor's attributes depend on (a counter shown or hidden). */
  refreshAttributes(): void;
  /** The caret while this editor has the focus, else null. */
  caret(): Caret | null;
  /** Takes the focus with the caret at `caret` (clamped to the text as it now is). */
  focusAt(caret: Caret): void;
  destroy(): void;
}

/**
 * One clause's editor: a small ProseMirror view on the shared schema, bound to the clause's
 * `Y.XmlFragment` (y-prosemirror), with remote cursors labelled by person and delegation, per-person undo,
 * and paste through the schema. Mounted into `element`, which keeps its class (`clause-content`), so the
 * text keeps the declaration's typography while being edited.
 */
export function mountClauseEditor(element: HTMLElement, options: ClauseEditorOptions): ClauseEditor {
  const fragment = options.lang
    ? getVersionFragment(options.doc, options.clauseId, options.lang)
    : getClauseFragment(options.doc, options.clauseId);
  const { doc, mapping } = initProseMirrorDoc(fragment, clauseSchema);
  let reason = options.readOnlyReason;
  element.replaceChildren();
  const view = new EditorView(
    { mount: element },
    {
      state: EditorState.create({
        schema: clauseSchema,
        doc,
        plugins: [
          ySyncPlugin(fragment, { mapping }),
          yCursorPlugin(options.awareness, remoteCursors(options.awareness)),
          yUndoPlugin({ undoManager: options.undoHistory }),
          ...(options.textLimit ? [textLimitPlugin(options.textLimit)] : []),
          ...(options.keys ?? []),
          ...sharedKeymap(),
        ],
      }),
      editable: () => reason === null,
      // y-prosemirror hands awareness changes to its views on a timer (its `setMeta`), and leaving the page
      // destroys every view before that timer fires: the first editor's teardown clears the shared cursor,
      // which queues a transaction for each other editor. A destroyed view has nothing left to update.
      dispatchTransaction(tr) {
        if (!view.isDestroyed) view.updateState(view.state.apply(tr));
      },
      transformPastedHTML: cleanPastedHtml,
      // Runs before every plugin's key handler (the view's own props come first).
      handleKeyDown: (editorView) => {
        followPageSelection(editorView);
        return false;
      },
      // Read-only, a focused editor keeps the keys a typist goes on pressing: the browser would scroll the
      // page with each space. They type nothing, and the page says why.
      handleDOMEvents: {
        keydown: (_view, event) => {
          if (reason === null || !typesSomething(event)) return false;
          event.preventDefault();
          options.onRefusedKey?.();
          return true;
        },
      },
      attributes: () => ({
        role: 'textbox',
        'aria-multiline': 'true',
        'aria-label': options.label,
        'aria-readonly': reason === null ? 'false' : 'true',
        ...(options.describedBy?.() ? { 'aria-describedby': options.describedBy()! } : {}),
        // Still focusable when read-only (not a tab stop): a clause closed under the typist's caret keeps the
        // focus instead of throwing it to the page body.
        ...(reason === null ? {} : { title: reason, tabindex: '-1' }),
        class: `clause-content clause-editor${reason === null ? '' : ' is-readonly'}`,
      }),
    },
  );
  return {
    view,
    setReadOnly(next) {
      const hadFocus = view.hasFocus();
      reason = next;
      view.setProps({});
      if (hadFocus && document.activeElement !== view.dom) view.dom.focus({ preventScroll: true });
    },
    refreshAttributes() {
      view.setProps({});
    },
    caret() {
      return view.hasFocus() ? { anchor: view.state.selection.anchor, head: view.state.selection.head } : null;
    },
    focusAt({ anchor, head }) {
      const end = view.state.doc.content.size;
      const at = (pos: number) => view.state.doc.resolve(Math.min(Math.max(pos, 0), end));
      view.dispatch(view.state.tr.setSelection(TextSelection.between(at(anchor), at(head))));
      // ProseMirror focuses only an editable view.
      if (reason === null) view.focus();
      else view.dom.focus({ preventScroll: true });
    },
    destroy() {
      view.destroy();
    },
  };
}

/** The clause keymap holds no state: one instance serves every editor of the page (building it is not free). */
let clauseKeys: Plugin[] | undefined;
const sharedKeymap = (): Plugin[] => (clauseKeys ??= clauseKeymap());

/** Keys that would type, delete or break a line (shortcuts and navigation keys keep their meaning). */
function typesSomething(event: KeyboardEvent): boolean {
  if (event.ctrlKey || event.metaKey) return false;
  return event.key.length === 1 || event.key === 'Enter' || event.key === 'Backspace' || event.key === 'Delete';
}
