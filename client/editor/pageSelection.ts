import { TextSelection } from 'prosemirror-state';
import type { EditorView } from 'prosemirror-view';

/**
 * Brings an editor's selection to the one the page shows, when they differ.
 *
 * A key that moves the caret (Ctrl+Home, an arrow) moves it in the page at once, but the editor learns of it from
 * the page's `selectionchange`, a task the browser may run after the next key's (input goes first on a busy
 * main thread). A key the editor handles itself — a suggested deletion, a paragraph split, Bold — would then act
 * on the caret's old place: Delete right after Ctrl+Home struck nothing at the end of the clause. Called before
 * any key handler, so every one of them acts where the person sees the caret.
 */
export function followPageSelection(view: EditorView): void {
  if (view.composing) return;
  const page = view.dom.ownerDocument.getSelection();
  if (!page?.anchorNode || !page.focusNode) return;
  if (!view.dom.contains(page.anchorNode) || !view.dom.contains(page.focusNode)) return;
  let anchor: number;
  let head: number;
  try {
    anchor = view.posAtDOM(page.anchorNode, page.anchorOffset);
    head = view.posAtDOM(page.focusNode, page.focusOffset);
  } catch {
    // A place the editor cannot map (inside a widget it draws): its own selection is the better guess.
    return;
  }
  const { state } = view;
  if (anchor === state.selection.anchor && head === state.selection.head) return;
  const { doc } = state;
  view.dispatch(state.tr.setSelection(TextSelection.between(doc.resolve(anchor), doc.resolve(head))));
}
