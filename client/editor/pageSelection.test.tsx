// @vitest-environment happy-dom
import { render } from 'preact';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { TextSelection } from 'prosemirror-state';
import { Awareness } from 'y-protocols/awareness';
import * as Y from 'yjs';
import { parseMarkup } from '../../shared/editor/markup.js';
import { suggestionsIn } from '../../shared/editor/suggestions.js';
import { writeClause } from '../../shared/editor/ydoc.js';
import { mountClauseEditor, type ClauseEditor } from './clauseEditor.js';
import { initI18n } from '../i18n/index.js';
import { suggestModePlugin } from './suggestMode.js';
import { FormattingTools } from './toolbar.js';

beforeAll(() => initI18n());

let editor: ClauseEditor | undefined;
afterEach(() => {
  editor?.destroy();
  editor = undefined;
  document.body.replaceChildren();
});

/** A clause's editor on `markup`, suggesting unless said, its own selection at `caret`, focused. */
function suggesting(markup: string, caret: number, suggest = true): ClauseEditor {
  const doc = new Y.Doc();
  doc.transact(() => writeClause(doc, 'c1', parseMarkup(markup)));
  editor = mountClauseEditor(document.body.appendChild(document.createElement('div')), {
    doc,
    clauseId: 'c1',
    awareness: new Awareness(doc),
    readOnlyReason: null,
    label: 'OP1, operative paragraph',
    keys: [suggestModePlugin({ author: { user: 'u-kaz', delegation: 'KAZ' }, on: () => suggest })],
  });
  const { view } = editor;
  view.dispatch(view.state.tr.setSelection(TextSelection.create(view.state.doc, caret)));
  view.focus();
  return editor;
}

/** Puts the page's caret at `offset` in the clause's first text, as Ctrl+Home or an arrow does, before the page
 *  has told the editor: its `selectionchange` is a task the browser may run after the next key's. */
function moveCaretInPage({ view }: ClauseEditor, offset: number, extendTo = offset): void {
  const text = view.dom.querySelector('p')!.firstChild!;
  const notYet = (event: Event): void => event.stopImmediatePropagation();
  window.addEventListener('selectionchange', notYet, { capture: true });
  document.getSelection()!.setBaseAndExtent(text, offset, text, extendTo);
  window.removeEventListener('selectionchange', notYet, { capture: true });
}

const press = ({ view }: ClauseEditor, key: string): void => {
  const event = new KeyboardEvent('keydown', { key, bubbles: true, cancelable: true });
  view.someProp('handleKeyDown', (f) => f(view, event));
};

const struck = ({ view }: ClauseEditor): string[] =>
  suggestionsIn(view.state.doc)
    .filter((s) => s.kind === 'deletion')
    .map((s) => s.text);

describe('a clause’s keys act where the page shows the caret', () => {
  it('Delete right after the caret went to the start strikes the first letter, not nothing at the end', () => {
    const clause = suggesting('Emphasizes the role.', 21);
    moveCaretInPage(clause, 0);
    press(clause, 'Delete');
    expect(struck(clause)).toEqual(['E']);
  });

  it('Backspace strikes the letter before where the caret was moved to', () => {
    const clause = suggesting('Emphasizes the role.', 1);
    moveCaretInPage(clause, 10);
    press(clause, 'Backspace');
    expect(struck(clause)).toEqual(['s']);
  });

  it('keeps the editor’s own selection when the page’s is outside the clause', () => {
    const clause = suggesting('Emphasizes the role.', 1);
    const outside = document.body.appendChild(document.createElement('p'));
    outside.textContent = 'elsewhere';
    document.getSelection()!.collapse(outside.firstChild!, 3);
    press(clause, 'Delete');
    expect(struck(clause)).toEqual(['E']);
  });

  it('Bold from the toolbar makes bold the words just selected by keys', () => {
    const clause = suggesting('Emphasizes the role.', 1, false);
    const tools = document.body.appendChild(document.createElement('div'));
    render(<FormattingTools view={() => clause.view} typing />, tools);
    moveCaretInPage(clause, 0, 10);
    tools.querySelector<HTMLButtonElement>('.tool-bold')!.click();
    const bold: string[] = [];
    clause.view.state.doc.descendants((node) => {
      if (node.isText && node.marks.some((m) => m.type.name === 'strong')) bold.push(node.text!);
    });
    expect(bold).toEqual(['Emphasizes']);
    render(null, tools);
  });
});
