import { describe, expect, it } from 'vitest';
import type { ClauseSelection } from './anchors.js';
import { spanTarget, spanWords } from './spanForm.js';

const selection: ClauseSelection = {
  clauseId: 'c1',
  start: { paragraph: 0, offset: 10 },
  end: { paragraph: 0, offset: 31 },
  quote: 'psychological support',
};

describe('amendments on selected words', () => {
  it('replaces or deletes the words selected, and inserts at a caret before or after them', () => {
    expect(spanTarget(selection, 'replace')).toEqual(selection);
    expect(spanTarget(selection, 'delete')).toEqual(selection);
    expect(spanTarget(selection, 'insertBefore')).toEqual({ ...selection, end: selection.start, quote: '' });
    expect(spanTarget(selection, 'insertAfter')).toEqual({ ...selection, start: selection.end, quote: '' });
  });

  it('keeps inserted words one space apart from their neighbours, and replacements as typed', () => {
    expect(spanWords('insertBefore', ' timely ')).toBe('timely ');
    expect(spanWords('insertAfter', 'and social')).toBe(' and social');
    expect(spanWords('replace', '  mental health ')).toBe('mental health');
  });
});
