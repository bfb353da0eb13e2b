import { baseKeymap, chainCommands } from 'prosemirror-commands';
import { keymap } from 'prosemirror-keymap';
import type { Command, EditorState, Plugin } from 'prosemirror-state';
import { splitListItem } from 'prosemirror-schema-list';
import type { EditorView } from 'prosemirror-view';
import type { BodyKind } from '../../shared/api/clauses.js';
import { clauseSchema } from '../../shared/editor/schema.js';

/** What the structure keys ask for; each answers whether it took the key. */
export interface StructureKeyHandlers {
  /** Enter in a paragraph: cut the clause at the caret (`pos`), the rest becoming the next clause. */
  split(view: EditorView, pos: number): boolean;
  /** Backspace at the very start: merge with the clause before. */
  merge(): boolean;
  /** Alt+↑ / Alt+↓: the clause one place up or down. */
  move(direction: -1 | 1): boolean;
  /** Ctrl+Alt+1…4: preambular, operative, heading, annex paragraph. */
  kind(kind: BodyKind): boolean;
  /** Ctrl+Alt+Backspace: delete the clause (a toast offers to undo). */
  remove(): boolean;
}

/** Kinds in the order of their shortcuts, Ctrl+Alt+1 to Ctrl+Alt+4. */
export const KIND_KEYS: readonly BodyKind[] = ['preamble', 'operative', 'heading', 'annex'];

/** True when the caret is inside a subparagraph, where Enter and Backspace keep their list meaning. */
function inSubparagraph(state: EditorState): boolean {
  const { $from } = state.selection;
  for (let d = $from.depth; d > 0; d--) if ($from.node(d).type === clauseSchema.nodes.subparagraph) return true;
  return false;
}

/** True when the caret stands before the first character of the clause's first paragraph. */
function atClauseStart(state: EditorState): boolean {
  const { selection } = state;
  return (
    selection.empty &&
    selection.$from.depth === 1 &&
    selection.$from.parentOffset === 0 &&
    selection.$from.index(0) === 0
  );
}

/**
 * The keys that change a declaration's structure from inside a clause, for those who may: Enter in a
 * paragraph starts the next clause (UN style: the next operative paragraph after an operative one), while in
 * a subparagraph it makes the next (a)/(i) as before; Shift+Enter is a new paragraph within the clause;
 * Backspace at the start merges with the clause before; Alt+↑/↓ move it; Ctrl+Alt+1…4 change its kind.
 * Placed before the clause keymap, so these win where they apply and leave every other key to it.
 */
export function structureKeys(handlers: StructureKeyHandlers): Plugin {
  const bindings: Record<string, Command> = {
    Enter: (state, _dispatch, view) =>
      !!view && !inSubparagraph(state) && state.selection.empty && handlers.split(view, state.selection.from),
    'Shift-Enter': chainCommands(splitListItem(clauseSchema.nodes.subparagraph!), baseKeymap.Enter!),
    Backspace: (state) => atClauseStart(state) && handlers.merge(),
    'Alt-ArrowUp': () => handlers.move(-1),
    'Alt-ArrowDown': () => handlers.move(1),
    'Mod-Alt-Backspace': () => handlers.remove(),
  };
  KIND_KEYS.forEach((kind, i) => (bindings[`Mod-Alt-${i + 1}`] = () => handlers.kind(kind)));
  return keymap(bindings);
}
