import { describe, expect, it } from 'vitest';
import { parseMarkup, toMarkup } from './markup.js';
import { joinClauses, splitClauseAt } from './splitJoin.js';

/** Position just after the first occurrence of `words` in the clause. */
function after(markup: string, words: string): number {
  const clause = parseMarkup(markup);
  let found = -1;
  clause.descendants((node, pos) => {
    if (found < 0 && node.isText && node.text!.includes(words)) found = pos + node.text!.indexOf(words) + words.length;
  });
  return found;
}

describe('splitClauseAt', () => {
  it('cuts a paragraph at the caret, marks kept on both sides', () => {
    const clause = parseMarkup('*Calls upon* States to act, and invites others');
    const { first, second } = splitClauseAt(clause, after('*Calls upon* States to act, and invites others', 'act,'));
    expect(toMarkup(first)).toBe('*Calls upon* States to act,');
    expect(toMarkup(second)).toBe(' and invites others');
  });

  it('at the end leaves an empty clause to type into', () => {
    const clause = parseMarkup('Encourages all.');
    const { first, second } = splitClauseAt(clause, clause.content.size);
    expect(toMarkup(first)).toBe('Encourages all.');
    expect(second.textContent).toBe('');
    expect(second.childCount).toBe(1);
  });

  it('inside a subparagraph keeps the list on both sides', () => {
    const markup = 'Decides:\n(a) to act;\n(b) to report.';
    const clause = parseMarkup(markup);
    const { first, second } = splitClauseAt(clause, after(markup, 'to act;'));
    expect(toMarkup(first)).toBe('Decides:\n(a) to act;');
    expect(second.firstChild!.type.name).toBe('subparagraphs');
    expect(second.textContent).toBe('to report.');
  });

  it('between paragraphs leaves no empty paragraph on either side', () => {
    const markup = 'Decides:\nto act.';
    const clause = parseMarkup(markup);
    const atEndOfFirst = after(markup, 'Decides:');
    const cutAtEnd = splitClauseAt(clause, atEndOfFirst);
    expect([toMarkup(cutAtEnd.first), toMarkup(cutAtEnd.second)]).toEqual(['Decides:', 'to act.']);
    const cutAtStart = splitClauseAt(clause, atEndOfFirst + 2);
    expect([toMarkup(cutAtStart.first), toMarkup(cutAtStart.second)]).toEqual(['Decides:', 'to act.']);
  });

  it('after a list, in the empty paragraph left by leaving it, starts the next clause clean', () => {
    const list = parseMarkup('Decides:\n(a) to act;');
    const clause = list.type.create(null, list.content.addToEnd(list.type.schema.nodes.paragraph!.create()));
    const { first, second } = splitClauseAt(clause, clause.content.size - 1);
    expect(toMarkup(first)).toBe('Decides:\n(a) to act;');
    expect(second.childCount).toBe(1);
    expect(second.textContent).toBe('');
  });

  it('refuses a position outside the clause', () => {
    expect(() => splitClauseAt(parseMarkup('x'), 99)).toThrow(RangeError);
  });
});

describe('joinClauses', () => {
  it('joins the last paragraph and the first into one, caret between them', () => {
    const markup = '*Urges* States to act.';
    const { first, second } = splitClauseAt(parseMarkup(markup), after(markup, 'States'));
    const { joined, joinAt } = joinClauses(first, second);
    expect(toMarkup(joined)).toBe('*Urges* States to act.');
    expect(joined.textBetween(0, joinAt)).toBe('Urges States');
  });

  it('keeps a list after a paragraph', () => {
    const { joined } = joinClauses(parseMarkup('Decides:'), parseMarkup('(a) to act;'));
    expect(joined.childCount).toBe(2);
    expect(joined.lastChild!.type.name).toBe('subparagraphs');
  });

  it('undoes a split', () => {
    const markup = 'Decides:\n(a) to act;\n(b) to report.';
    const clause = parseMarkup(markup);
    const { first, second } = splitClauseAt(clause, after(markup, 'Decides:'));
    expect(toMarkup(joinClauses(first, second).joined)).toBe(markup);
  });
});
