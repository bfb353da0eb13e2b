// @vitest-environment happy-dom
import { beforeAll, describe, expect, it } from 'vitest';
import type { DocumentJson } from '../../shared/api/documents.js';
import { initI18n } from '../i18n/index.js';
import { LanguageChoice, languageQuery } from './exportLanguages.js';

const withVersions = {
  id: 'doc',
  languages: [
    { code: 'en', original: true, current: 33, total: 33 },
    { code: 'kk', original: false, current: 29, total: 33 },
    { code: 'ru', original: false, current: 31, total: 33 },
  ],
} as unknown as DocumentJson;

describe('the export page’s choice of languages', () => {
  beforeAll(() => initI18n());

  it('asks for a version by its code, and for a facing language only in a PDF and only another one', () => {
    expect(languageQuery({ lang: 'en', parallel: null }, 'pdf', 'en')).toEqual({});
    expect(languageQuery({ lang: 'kk', parallel: null }, 'docx', 'en')).toEqual({ lang: 'kk' });
    expect(languageQuery({ lang: 'ru', parallel: 'en' }, 'pdf', 'en')).toEqual({ lang: 'ru', parallel: 'en' });
    expect(languageQuery({ lang: 'ru', parallel: 'en' }, 'akn', 'en')).toEqual({ lang: 'ru' });
    expect(languageQuery({ lang: 'ru', parallel: 'ru' }, 'pdf', 'en')).toEqual({ lang: 'ru' });
  });

  it('offers the original first, then each version with its coverage, and beside it nothing by default', () => {
    const choice = LanguageChoice(withVersions);
    const lang = choice.el!.querySelector<HTMLSelectElement>('#export-language')!;
    expect([...lang.options].map((o) => o.textContent)).toEqual([
      'English (original)',
      'Kazakh — kk: 29 of 33 current',
      'Russian — ru: 31 of 33 current',
    ]);
    expect(choice.el!.querySelector('label[for="export-language"]')!.textContent).toBe('Language of the text');
    expect(choice.picked()).toEqual({ lang: 'en', parallel: null });
    lang.value = 'kk';
    choice.el!.querySelector<HTMLSelectElement>('#export-parallel')!.value = 'en';
    expect(choice.picked()).toEqual({ lang: 'kk', parallel: 'en' });
  });

  it('draws nothing for a text with its original alone', () => {
    const alone = { ...withVersions, languages: [{ code: 'en', original: true, current: 3, total: 3 }] };
    expect(LanguageChoice(alone as DocumentJson).el).toBeNull();
    expect(LanguageChoice(alone as DocumentJson).picked()).toEqual({ lang: 'en', parallel: null });
  });
});
