import { describe, expect, it } from 'vitest';
import type { BracketJson } from '../../shared/api/brackets.js';
import { alternativesOf, parseSponsors, withBracket } from './brackets.js';

const bracket = (id: string, status: BracketJson['status'] = 'open'): BracketJson => ({
  id,
  documentId: 'd',
  clauseId: 'c',
  clauseRef: 'OP1',
  status,
  quote: 'words',
  currentQuote: 'words',
  range: [0, 5],
  alternatives: [],
  resolution: null,
  createdBy: 'secretariat',
  createdByName: 'Secretariat',
  createdAt: '2026-01-01T00:00:00Z',
});

describe('withBracket', () => {
  it('adds a new bracket at the end and replaces a known one where it was', () => {
    const list = [bracket('a'), bracket('b')];
    expect(withBracket(list, bracket('c')).map((b) => b.id)).toEqual(['a', 'b', 'c']);
    const changed = { ...bracket('a'), quote: 'other' };
    expect(withBracket(list, changed)).toEqual([changed, list[1]]);
  });

  it('leaves a resolved bracket out of a list of open ones, and keeps it in a list of all', () => {
    const list = [bracket('a'), bracket('b')];
    expect(withBracket(list, bracket('a', 'resolved')).map((b) => b.id)).toEqual(['b']);
    expect(withBracket(list, bracket('a', 'resolved'), false).map((b) => b.status)).toEqual(['resolved', 'open']);
  });
});

describe('the alternatives form', () => {
  it('reads sponsors as codes, whatever their case and separators, each once', () => {
    expect(parseSponsors('kaz, FRA;deu  kaz')).toEqual(['KAZ', 'FRA', 'DEU']);
    expect(parseSponsors('')).toEqual([]);
    expect(parseSponsors('Kazakhstan')).toBeNull();
  });

  it('sends two or more alternatives with words, and says what is wrong otherwise', () => {
    expect(
      alternativesOf([
        { text: ' ensure ', sponsors: 'kaz' },
        { text: 'promote', sponsors: '' },
        { text: ' ', sponsors: '' },
      ]),
    ).toEqual([{ text: 'ensure', sponsors: ['KAZ'] }, { text: 'promote' }]);
    expect(
      alternativesOf([
        { text: 'ensure', sponsors: '' },
        { text: '', sponsors: 'FRA' },
      ]),
    ).toBe('form.needTwo');
    expect(
      alternativesOf([
        { text: 'a', sponsors: 'K' },
        { text: 'b', sponsors: '' },
      ]),
    ).toBe('form.invalidSponsors');
  });
});
