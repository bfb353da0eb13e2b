import { describe, expect, it } from 'vitest';
import { EditorState, TextSelection } from 'prosemirror-state';
import { clauseSchema } from '../../shared/editor/schema.js';
import { suggestionsIn } from '../../shared/editor/suggestions.js';
import { parseMarkup } from '../../shared/editor/markup.js';
import { suggestDeletion, suggestText } from './suggestMode.js';

const KAZ = { user: 'u-kaz', delegation: 'KAZ' };
const FRA = { user: 'u-fra', delegation: 'FRA' };

function state(markup: string, anchor = 1, head = anchor): EditorState {
  const doc = parseMarkup(markup);
  return EditorState.create({ schema: clauseSchema, doc, selection: TextSelection.create(doc, anchor, head) });
}

/** The suggestions of a state's text, without their random ids. */
const suggestions = (s: EditorState) => suggestionsIn(s.doc).map(({ id: _id, ...rest }) => rest);

describe('suggestion mode in the editor', () => {
  it('types words under the person’s insertion mark, continuing one suggestion while they type on', () => {
    let s = state('Calls upon States.', 12);
    s = s.apply(suggestText(s, 12, 12, 'all ', KAZ));
    s = s.apply(suggestText(s, 16, 16, 'the ', KAZ));
    expect(s.doc.textContent).toBe('Calls upon all the States.');
    expect(suggestions(s)).toEqual([{ kind: 'insertion', user: 'u-kaz', delegation: 'KAZ', text: 'all the ' }]);
    expect(s.selection.head).toBe(20);
  });

  it('marks deleted words instead of removing them, and the caret moves past them', () => {
    let s = state('Calls upon States.', 12);
    s = s.apply(suggestDeletion(s, true, KAZ)!);
    s = s.apply(suggestDeletion(s, true, KAZ)!);
    expect(s.doc.textContent).toBe('Calls upon States.');
    expect(suggestions(s)).toEqual([{ kind: 'deletion', user: 'u-kaz', delegation: 'KAZ', text: 'n ' }]);
    expect(s.selection.head).toBe(10);
  });

  it('really deletes the person’s own suggested words, and strikes someone else’s', () => {
    let s = state('Calls upon States.', 12);
    s = s.apply(suggestText(s, 12, 12, 'all ', KAZ));
    s = s.apply(suggestDeletion(s, true, KAZ)!);
    expect(s.doc.textContent).toBe('Calls upon allStates.');
    const other = s.apply(suggestDeletion(s, true, FRA)!);
    expect(other.doc.textContent).toBe('Calls upon allStates.');
    expect(suggestions(other).map((x) => [x.kind, x.delegation, x.text])).toEqual([
      ['insertion', 'KAZ', 'all'],
      ['deletion', 'FRA', 'l'],
    ]);
  });

  it('typing over a selection suggests a replacement: both parts under one id', () => {
    let s = state('Calls upon States.', 12, 18);
    s = s.apply(suggestText(s, 12, 18, 'Governments', KAZ));
    const found = suggestionsIn(s.doc);
    expect(found.map((x) => [x.kind, x.text])).toEqual([
      ['deletion', 'States'],
      ['insertion', 'Governments'],
    ]);
    expect(found[0]!.id).toBe(found[1]!.id);
  });

  it('does not join paragraphs: nothing to delete at a paragraph’s start', () => {
    expect(suggestDeletion(state('Calls upon States.', 1), true, KAZ)).toBeNull();
  });
});
