// @vitest-environment happy-dom
import { afterEach, describe, expect, it } from 'vitest';
import { EditorState, TextSelection } from 'prosemirror-state';
import { EditorView } from 'prosemirror-view';
import { parseMarkup } from '../../shared/editor/markup.js';
import { clauseSchema } from '../../shared/editor/schema.js';
import { clauseKeymap } from './keymap.js';
import { structureKeys } from './structureKeys.js';

let view: EditorView | undefined;
afterEach(() => view?.destroy());

/** An editor on `markup` with the structure keys, the caret at `caret`; returns what each key asked for. */
function editor(
  markup: string,
  caret: number,
): { asked: string[]; press: (key: string, mods?: KeyboardEventInit) => void } {
  const asked: string[] = [];
  const doc = parseMarkup(markup);
  const state = EditorState.create({
    schema: clauseSchema,
    doc,
    selection: TextSelection.create(doc, caret),
    plugins: [
      structureKeys({
        split: (_view, pos) => (asked.push(`split@${pos}`), true),
        merge: () => (asked.push('merge'), true),
        move: (direction) => (asked.push(`move${direction}`), true),
        kind: (kind) => (asked.push(`kind:${kind}`), true),
        remove: () => (asked.push('remove'), true),
      }),
      ...clauseKeymap(),
    ],
  });
  view = new EditorView(document.body.appendChild(document.createElement('div')), { state });
  const press = (key: string, mods: KeyboardEventInit = {}): void => {
    const event = new KeyboardEvent('keydown', { key, bubbles: true, cancelable: true, ...mods });
    view!.someProp('handleKeyDown', (f) => f(view!, event));
  };
  return { asked, press };
}

describe('structure keys', () => {
  it('Enter in a paragraph asks to split at the caret', () => {
    const { asked, press } = editor('Calls upon States', 6);
    press('Enter');
    expect(asked).toEqual(['split@6']);
  });

  it('Enter in a subparagraph makes the next (a), not a clause', () => {
    const { asked, press } = editor('Decides:\n(a) to act', 16);
    press('Enter');
    expect(asked).toEqual([]);
    expect(view!.state.doc.lastChild!.childCount).toBe(2);
  });

  it('Shift+Enter is a paragraph within the clause', () => {
    const { asked, press } = editor('Calls upon States', 6);
    press('Enter', { shiftKey: true });
    expect(asked).toEqual([]);
    expect(view!.state.doc.childCount).toBe(2);
  });

  it('Backspace merges only at the very start of the clause', () => {
    const start = editor('Calls upon States', 1);
    start.press('Backspace');
    expect(start.asked).toEqual(['merge']);
    view!.destroy();
    const inside = editor('Calls upon States', 4);
    inside.press('Backspace');
    expect(inside.asked).toEqual([]);
  });

  it('Alt+arrows move, Ctrl+Alt+digits set the kind, Ctrl+Alt+Backspace deletes', () => {
    const { asked, press } = editor('Calls upon States', 3);
    press('ArrowUp', { altKey: true });
    press('ArrowDown', { altKey: true });
    press('2', { ctrlKey: true, altKey: true });
    press('3', { ctrlKey: true, altKey: true });
    press('Backspace', { ctrlKey: true, altKey: true });
    expect(asked).toEqual(['move-1', 'move1', 'kind:operative', 'kind:heading', 'remove']);
  });
});
