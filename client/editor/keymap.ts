import { baseKeymap, chainCommands, toggleMark } from 'prosemirror-commands';
import { keymap } from 'prosemirror-keymap';
import type { Command, Plugin } from 'prosemirror-state';
import { liftListItem, sinkListItem, splitListItem, wrapInList } from 'prosemirror-schema-list';
import { redo, undo } from 'y-prosemirror';
import { clauseSchema } from '../../shared/editor/schema.js';

const { subparagraph, subparagraphs } = clauseSchema.nodes;
const { em, strong } = clauseSchema.marks;

/** Bold and italic. */
export const toggleStrong: Command = toggleMark(strong!);
export const toggleEm: Command = toggleMark(em!);

/** Turns the paragraph into an (a) subparagraph, or a subparagraph back into a paragraph. */
export const toggleSubparagraphs: Command = (state, dispatch) =>
  liftListItem(subparagraph!)(state, dispatch) || wrapInList(subparagraphs!)(state, dispatch);

/** (a) → (i): nest under the previous subparagraph. */
export const indent: Command = sinkListItem(subparagraph!);
/** (i) → (a), (a) → paragraph. */
export const outdent: Command = liftListItem(subparagraph!);

/**
 * The clause editor's keys. Undo and redo are y-prosemirror's: they undo only this person's own typing,
 * never someone else's. Tab and Shift-Tab nest subparagraphs when the cursor is in one and otherwise leave
 * the key to the browser, so keyboard users can always move on (no keyboard trap).
 */
export function clauseKeymap(): Plugin[] {
  return [
    keymap({
      'Mod-z': undo,
      'Mod-y': redo,
      'Mod-Shift-z': redo,
      'Mod-b': toggleStrong,
      'Mod-i': toggleEm,
      'Mod-Shift-8': toggleSubparagraphs,
      Tab: indent,
      'Shift-Tab': outdent,
      Enter: chainCommands(splitListItem(subparagraph!), baseKeymap.Enter!),
    }),
    keymap(baseKeymap),
  ];
}
