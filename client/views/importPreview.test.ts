// @vitest-environment happy-dom
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { initI18n, setLanguage } from '../i18n/index.js';
import { warningText } from './importPreview.js';

describe('an import warning', () => {
  beforeAll(() => initI18n());
  afterAll(() => setLanguage('en'));

  const comment = {
    id: 'comment_not_imported',
    message: 'In OP2, a Word comment by A. Kim: “Too strong?” was not imported.',
    params: { ref: 'OP2', author: 'A. Kim', quote: 'Too strong?' },
    clause: 3,
  };

  it('is worded in the reader’s language from its id and what it names', async () => {
    expect(warningText(comment)).toBe('In OP2, a Word comment by A. Kim was not imported: “Too strong?”.');
    await setLanguage('ru');
    expect(warningText(comment)).toBe('В пункте OP2 примечание Word от A. Kim не импортировано: «Too strong?».');
    expect(warningText({ id: 'image_not_imported', message: 'x', params: {} })).toBe(
      'Вне текста изображение или рисунок не перенесены.',
    );
    await setLanguage('kk');
    expect(warningText({ id: 'no_title', message: 'x', params: { title: 'Draft' } })).toBe(
      'Мәтінде атау табылмады; жобаның атауы — «Draft».',
    );
  });

  it('names an unnamed author as such, and falls back to the server’s sentence for an id it does not know', async () => {
    await setLanguage('en');
    expect(warningText({ ...comment, params: { ref: 'OP2', author: '', quote: 'Why?' } })).toBe(
      'In OP2, a Word comment by an unnamed author was not imported: “Why?”.',
    );
    expect(warningText({ id: 'something_new', message: 'A sentence from the server.', params: {} })).toBe(
      'A sentence from the server.',
    );
  });
});
