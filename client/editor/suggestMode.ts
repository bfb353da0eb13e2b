import type { Mark, MarkType, Node as PMNode } from 'prosemirror-model';
import { Plugin, PluginKey, TextSelection, type EditorState, type Transaction } from 'prosemirror-state';
import { AddMarkStep, RemoveMarkStep } from 'prosemirror-transform';
import type { EditorView } from 'prosemirror-view';
import { ySyncPluginKey } from 'y-prosemirror';
import { clauseSchema } from '../../shared/editor/schema.js';
import { DELETION_MARK, INSERTION_MARK, sameAuthor, suggestionAttrs } from '../../shared/editor/suggestions.js';
import './suggestions.css';

/**
 * Suggestion mode in a clause's editor (docs/negotiation.md, "Suggestion mode"): while it is on, typing
 * inserts words under the person's `suggestion` mark and deleting marks words as a suggested deletion instead
 * of removing them (their own suggested words are really deleted: they are taking them back). Marks carry the
 * suggestion's id, continued while the person keeps typing or deleting at the same place, so one stretch of
 * work is one suggestion. Whatever else would change the text (a paragraph break, a drop) is refused here, as
 * the server would refuse it from someone who must suggest.
 */

/** Who suggests: their user id and delegation, as the marks carry them. */
export interface SuggestAuthor {
  user: string;
  delegation: string | null;
}

export interface SuggestModeOptions {
  author: SuggestAuthor;
  /** Whether the person is suggesting now (their switch, or the document's requirement). */
  on: () => boolean;
  /** A key or a drop that would change the text otherwise than by a suggestion was refused. */
  onRefused?: () => void;
}

const META = new PluginKey('suggestMode');
const insertionType = clauseSchema.marks[INSERTION_MARK]!;
const deletionType = clauseSchema.marks[DELETION_MARK]!;

/** A new suggestion id: 64 random bits in hex. */
export function newSuggestionId(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(8));
  return [...bytes].map((b) => b.toString(16).padStart(2, '0')).join('');
}

/** The id of the author's own suggestion of `type` right beside `pos`, to continue it; else null. */
function idBeside(doc: PMNode, pos: number, type: MarkType, author: SuggestAuthor): string | null {
  const $pos = doc.resolve(pos);
  for (const node of [$pos.nodeBefore, $pos.nodeAfter]) {
    const attrs = suggestionAttrs(node?.isText ? type.isInSet(node.marks)?.attrs : null);
    if (attrs && sameAuthor(attrs, author)) return attrs.id;
  }
  return null;
}

function ownMark(mark: Mark | undefined, author: SuggestAuthor): boolean {
  const attrs = suggestionAttrs(mark?.attrs);
  return attrs !== null && sameAuthor(attrs, author);
}

/**
 * Suggests deleting the text between `from` and `to` into `tr`: the author's own suggested words are deleted,
 * other words marked as a suggested deletion (words someone already suggested deleting are left as they are).
 * Only text is touched: paragraph boundaries in the range stay. Positions are `tr.doc`'s.
 */
export function markDeletion(tr: Transaction, from: number, to: number, author: SuggestAuthor, id: string): void {
  const parts: { from: number; to: number; own: boolean }[] = [];
  tr.doc.nodesBetween(from, to, (node, pos) => {
    if (!node.isText) return true;
    const start = Math.max(from, pos);
    const end = Math.min(to, pos + node.nodeSize);
    if (end <= start || deletionType.isInSet(node.marks)) return false;
    parts.push({ from: start, to: end, own: ownMark(insertionType.isInSet(node.marks), author) });
    return false;
  });
  for (const part of parts.reverse()) {
    if (part.own) tr.delete(part.from, part.to);
    else tr.addMark(part.from, part.to, deletionType.create({ id, ...author }));
  }
}

/** The transaction that suggests `text` in place of the text between `from` and `to` (none: an insertion). */
export function suggestText(
  state: EditorState,
  from: number,
  to: number,
  text: string,
  author: SuggestAuthor,
): Transaction {
  const tr = state.tr.setMeta(META, true);
  const id = idBeside(state.doc, from, insertionType, author) ?? newSuggestionId();
  if (from < to) markDeletion(tr, from, to, author, id);
  const at = tr.mapping.map(to);
  if (text) {
    // The words keep the formatting around them, never anyone's suggestion marks.
    const marks = tr.doc
      .resolve(at)
      .marks()
      .filter((m) => m.type !== insertionType && m.type !== deletionType);
    tr.insert(at, clauseSchema.text(text, [...marks, insertionType.create({ id, ...author })]));
  }
  return tr.setSelection(TextSelection.create(tr.doc, at + text.length)).scrollIntoView();
}

/**
 * The transaction that suggests deleting the selection, or the character before (`back`) or after the caret
 * within its paragraph; null when there is nothing to delete there (the start or end of a paragraph: joining
 * paragraphs is not a suggestion).
 */
export function suggestDeletion(state: EditorState, back: boolean, author: SuggestAuthor): Transaction | null {
  const { $from, $to, empty } = state.selection;
  let from = $from.pos;
  let to = $to.pos;
  if (empty) {
    if (back ? $from.parentOffset === 0 : $from.parentOffset === $from.parent.content.size) return null;
    if (back) from -= 1;
    else to += 1;
  }
  const tr = state.tr.setMeta(META, true);
  const id =
    idBeside(state.doc, back ? to : from, deletionType, author) ??
    idBeside(state.doc, back ? from : to, deletionType, author) ??
    newSuggestionId();
  markDeletion(tr, from, to, author, id);
  // The caret moves past the struck words the way it would have moved over deleted ones.
  const caret = back || !empty ? tr.mapping.map(from, -1) : tr.mapping.map(to);
  return tr.setSelection(TextSelection.create(tr.doc, caret)).scrollIntoView();
}

/** Whether a transaction only formats (emphasis, strong): formatting is not suggested, it is applied. */
function onlyFormats(tr: Transaction): boolean {
  return tr.steps.every(
    (step) =>
      (step instanceof AddMarkStep || step instanceof RemoveMarkStep) &&
      step.mark.type !== insertionType &&
      step.mark.type !== deletionType,
  );
}

/** The plugin: the editor's keys, typing, paste, cut and drop, while `options.on()`. */
export function suggestModePlugin(options: SuggestModeOptions): Plugin {
  const { author, on } = options;
  const refuse = (): boolean => {
    options.onRefused?.();
    return true;
  };
  const run = (view: EditorView, tr: Transaction | null): boolean => {
    if (tr) view.dispatch(tr);
    return true;
  };
  return new Plugin({
    key: META,
    // Anything else that would change the text while suggesting (a command, a composition the browser made) is
    // dropped: the server would refuse it. Changes from the live copy (others' edits, undo) always pass.
    filterTransaction: (tr) =>
      !on() ||
      !tr.docChanged ||
      tr.getMeta(META) === true ||
      tr.getMeta(ySyncPluginKey) !== undefined ||
      onlyFormats(tr),
    props: {
      handleTextInput: (view, from, to, text) => on() && run(view, suggestText(view.state, from, to, text, author)),
      handleKeyDown: (view, event) => {
        if (!on() || event.ctrlKey || event.metaKey || event.altKey) return false;
        if (event.key === 'Backspace' || event.key === 'Delete')
          return run(view, suggestDeletion(view.state, event.key === 'Backspace', author));
        return event.key === 'Enter' ? refuse() : false;
      },
      handlePaste: (view, _event, slice) => {
        if (!on()) return false;
        const text = slice.content.textBetween(0, slice.content.size, ' ', ' ').replace(/\s+/g, ' ');
        const { from, to } = view.state.selection;
        return run(view, suggestText(view.state, from, to, text, author));
      },
      handleDrop: () => on() && refuse(),
      handleDOMEvents: {
        cut: (view, event) => {
          if (!on() || view.state.selection.empty) return false;
          const { from, to } = view.state.selection;
          event.clipboardData?.setData('text/plain', view.state.doc.textBetween(from, to, '\n'));
          event.preventDefault();
          return run(view, suggestDeletion(view.state, false, author));
        },
      },
    },
  });
}
