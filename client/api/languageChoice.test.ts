import { describe, expect, it } from 'vitest';
import type { DocumentLanguageJson } from '../../shared/api/languages.js';
import {
  addableLanguages,
  choiceFrom,
  choiceQuery,
  directionOf,
  offeredMarks,
  ORIGINAL,
  originalLanguage,
  resolveChoice,
  statusTone,
} from './languageChoice.js';
import { staleDiff } from './staleDiff.js';

const LANGUAGES: DocumentLanguageJson[] = [
  { code: 'en', original: true, current: 4, total: 4 },
  { code: 'kk', original: false, current: 3, total: 4 },
  { code: 'ru', original: false, current: 0, total: 4 },
];
const query = (text: string) => new URLSearchParams(text);

describe('the reader’s choice of text', () => {
  it('comes from the address first, then from what the device kept, else the original', () => {
    const kept = JSON.stringify({ lang: 'ru', parallel: true });
    expect(choiceFrom(query('lang=kk'), kept)).toEqual({ lang: 'kk', parallel: false });
    expect(choiceFrom(query('lang=kk&parallel=1'), null)).toEqual({ lang: 'kk', parallel: true });
    expect(choiceFrom(query('lang='), kept)).toEqual(ORIGINAL);
    expect(choiceFrom(query(''), kept)).toEqual({ lang: 'ru', parallel: true });
    expect(choiceFrom(query(''), null)).toEqual(ORIGINAL);
  });

  it('reads the original for a code outside the list or a kept value that is not a choice', () => {
    expect(choiceFrom(query('lang=xx&parallel=1'), null)).toEqual(ORIGINAL);
    expect(choiceFrom(query(''), '{not json')).toEqual(ORIGINAL);
    expect(choiceFrom(query(''), JSON.stringify({ lang: 42 }))).toEqual(ORIGINAL);
  });

  it('reads the original when the document has no such version, or the code is its original', () => {
    expect(resolveChoice({ lang: 'kk', parallel: true }, LANGUAGES)).toEqual({ lang: 'kk', parallel: true });
    expect(resolveChoice({ lang: 'uz', parallel: false }, LANGUAGES)).toEqual(ORIGINAL);
    expect(resolveChoice({ lang: 'en', parallel: true }, LANGUAGES)).toEqual(ORIGINAL);
  });

  it('goes into the address beside the page’s other parameters, and leaves it for the original', () => {
    expect(choiceQuery({ lang: 'kk', parallel: true }, query('x=1'))).toBe('?x=1&lang=kk&parallel=1');
    expect(choiceQuery({ lang: 'kk', parallel: false }, query('lang=ru&parallel=1'))).toBe('?lang=kk');
    expect(choiceQuery(ORIGINAL, query('lang=ru&parallel=1'))).toBe('');
  });
});

describe('a version’s rules as the screens show them', () => {
  it('names the original’s language, en for a document that lists none', () => {
    expect(originalLanguage(LANGUAGES)).toBe('en');
    expect(originalLanguage([{ code: 'kk', original: true, current: 1, total: 1 }])).toBe('kk');
    expect(originalLanguage(undefined)).toBe('en');
  });

  it('offers the marks the server takes: nothing for an empty version, the other mark otherwise', () => {
    expect(offeredMarks('missing')).toEqual([]);
    expect(offeredMarks('draft')).toEqual(['current']);
    expect(offeredMarks('current')).toEqual(['draft']);
    expect(offeredMarks('stale')).toEqual(['current', 'draft']);
  });

  it('shows a stale clause’s original as it changed since the mark, word by word', () => {
    const diff = staleDiff({
      status: 'stale',
      originalThen: 'Calls upon States to act.',
      original: 'Calls upon all States to act.',
    });
    expect(diff).toEqual([
      { op: 'equal', text: 'Calls upon ' },
      { op: 'insert', text: 'all ' },
      { op: 'equal', text: 'States to act.' },
    ]);
    expect(staleDiff({ status: 'current' })).toBeNull();
    expect(staleDiff(undefined)).toBeNull();
    // After a split or merge there is no earlier text: the whole original reads as new.
    expect(staleDiff({ status: 'stale', originalThen: '', original: 'New text.' })).toEqual([
      { op: 'insert', text: 'New text.' },
    ]);
  });

  it('tones each status, writes Arabic right to left, and offers only the codes a document lacks', () => {
    expect(['missing', 'draft', 'current', 'stale'].map((s) => statusTone(s as never))).toEqual([
      'neutral',
      'accent',
      'ok',
      'warn',
    ]);
    expect([directionOf('ar'), directionOf('kk')]).toEqual(['rtl', 'ltr']);
    expect(addableLanguages(LANGUAGES, ['en', 'ru', 'kk', 'uz', 'ar'])).toEqual(['uz', 'ar']);
  });
});
