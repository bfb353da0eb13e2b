import { Plugin, type EditorState } from 'prosemirror-state';
import type { Slice } from 'prosemirror-model';
import { ySyncPluginKey } from 'y-prosemirror';
import type { TextLimits } from '../../shared/domain/limits.js';

/**
 * The text limits in the editor. The server refuses any update that would take a clause or the document
 * over them (and the person's text comes back to them); the editor counts the same characters (the text's,
 * without line breaks and (a)/(i) labels: `textContent`), so a paste that would not fit is refused at once,
 * with a message, and typing stops at the limit instead of being sent only to be refused.
 */

/** A change the editor did not make, and why. */
export interface TextRefusal {
  /** Which limit: the clause's own, or the document's. */
  limit: 'clause' | 'document';
  how: 'paste' | 'typing';
  /** Characters the clause (or the document) would have held. */
  wouldHold: number;
  /** The limit it would have passed. */
  max: number;
}

export interface TextLimitOptions {
  limits: TextLimits;
  /** Characters of every other clause of the document together. */
  othersLength(): number;
  onRefused(refusal: TextRefusal): void;
  /** The clause's length after each change (and once at the start), for a counter. */
  onLength(length: number): void;
}

export function textLimitPlugin(o: TextLimitOptions): Plugin {
  /** The limit a clause of `length` characters would pass (only growth is refused), or null. */
  const passed = (before: number, after: number, how: TextRefusal['how']): TextRefusal | null => {
    if (after <= before) return null;
    if (after > o.limits.clauseChars) return { limit: 'clause', how, wouldHold: after, max: o.limits.clauseChars };
    const document = o.othersLength() + after;
    if (document > o.limits.documentChars)
      return { limit: 'document', how, wouldHold: document, max: o.limits.documentChars };
    return null;
  };
  const checkInsert = (state: EditorState, slice: Slice): boolean => {
    const { from, to } = state.selection;
    const before = state.doc.textContent.length;
    const after =
      before -
      state.doc.textBetween(from, to, '', '').length +
      slice.content.textBetween(0, slice.content.size, '', '').length;
    const refusal = passed(before, after, 'paste');
    if (refusal) o.onRefused(refusal);
    return refusal !== null;
  };
  return new Plugin({
    props: {
      handlePaste: (view, _event, slice) => checkInsert(view.state, slice),
      // A text dragged within the clause moves; one dropped from elsewhere is added.
      handleDrop: (view, _event, slice, moved) => !moved && checkInsert(view.state, slice),
    },
    // Typing, and anything else this person does; the text others write (y-prosemirror's own transactions)
    // always comes in.
    filterTransaction(tr, state) {
      if (!tr.docChanged || tr.getMeta(ySyncPluginKey) !== undefined) return true;
      const refusal = passed(state.doc.textContent.length, tr.doc.textContent.length, 'typing');
      if (refusal) o.onRefused(refusal);
      return refusal === null;
    },
    view(view) {
      o.onLength(view.state.doc.textContent.length);
      return {
        update(next, previous) {
          if (next.state.doc !== previous.doc) o.onLength(next.state.doc.textContent.length);
        },
      };
    },
  });
}
