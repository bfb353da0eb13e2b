import { describe, expect, it } from 'vitest';
import { pickLanguage } from './wording.js';

describe('pickLanguage', () => {
  it.each([
    [undefined, 'en'],
    ['', 'en'],
    ['ru', 'ru'],
    ['kk-KZ,ru;q=0.9', 'kk'],
    ['de-DE, ru;q=0.5, en;q=0.4', 'ru'],
    ['en;q=0.2, kk;q=0.8', 'kk'],
    ['ru;q=0, en', 'en'],
    ['fr, de', 'en'],
    ['*', 'en'],
    ['RU-ru', 'ru'],
  ])('%j → %s', (header, language) => {
    expect(pickLanguage(header)).toBe(language);
  });
});
