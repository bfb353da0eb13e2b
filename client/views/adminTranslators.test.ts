// @vitest-environment happy-dom
import { beforeAll, describe, expect, it } from 'vitest';
import { Actions } from '../api/actions.js';
import { initI18n } from '../i18n/index.js';
import { translatesCell, translationLanguagesField } from './adminTranslators.js';

describe('the admin’s translation languages', () => {
  beforeAll(() => initI18n());

  it('offers every language, starts from the account’s, and gives the choice in the list’s order', () => {
    const field = translationLanguagesField('edit', 'edit-label', ['ru']);
    const boxes = [...field.el.querySelectorAll<HTMLInputElement>('input[type="checkbox"]')];
    expect(boxes.map((b) => b.value)).toEqual(['en', 'ru', 'kk', 'uz', 'ar', 'zh', 'fr', 'es']);
    expect(field.el.querySelector('label[for="edit-kk"]')!.textContent).toBe(' Kazakh (kk)');
    expect(field.chosen()).toEqual(['ru']);
    boxes.find((b) => b.value === 'kk')!.checked = true;
    expect(field.chosen()).toEqual(['ru', 'kk']);
  });

  it('lists an account’s languages with a button named for the person', () => {
    const account = {
      id: 'u1',
      username: 'aigul',
      displayName: 'Aigul',
      role: 'observer',
      delegation: null,
      hasPassword: true,
      translationLanguages: ['kk', 'ru'],
      email: null,
      language: null,
    };
    const cell = translatesCell(new Actions(), account, async () => {});
    expect(cell.firstChild!.textContent).toBe('kk, ru');
    expect(cell.querySelector('button')!.getAttribute('aria-label')).toBe('Change the translation languages of Aigul');
  });
});
