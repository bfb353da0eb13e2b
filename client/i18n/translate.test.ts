// @vitest-environment happy-dom
import i18next from 'i18next';
import { beforeAll, describe, expect, it } from 'vitest';
import { initI18n, setLanguage, t } from './index.js';

describe('t, with the words it has found kept', () => {
  beforeAll(async () => {
    localStorage.removeItem('accord.language');
    await initI18n();
  });

  it('answers by language, key and options, and again the same', async () => {
    const label = { ref: 'OP1', kind: 'Operative paragraph', status: 'Open' };
    expect(t('document.clauseLabel', label)).toBe('OP1, Operative paragraph, status: Open');
    expect(t('document.clauseLabel', label)).toBe('OP1, Operative paragraph, status: Open');
    expect(t('document.clauseLabel', { ...label, ref: 'OP2' })).toBe('OP2, Operative paragraph, status: Open');
    expect(t('document.brackets', { count: 2 })).toBe('2 bracketed passages');
    expect(t('document.brackets', { count: 3 })).toBe('3 bracketed passages');
    await setLanguage('ru');
    expect(t('common.loading')).toBe('Загрузка…');
    await setLanguage('en');
    expect(t('common.loading')).toBe('Loading…');
  });

  it('forgets what it found when strings are added', () => {
    expect(t('common.loading')).toBe('Loading…');
    i18next.addResource('en', 'common', 'common.loading', 'Fetching…');
    expect(t('common.loading')).toBe('Fetching…');
    i18next.addResource('en', 'common', 'common.loading', 'Loading…');
  });

  it('passes through what it does not keep: several options, or not only plain values', () => {
    const value = { toString: () => 'OP9' };
    expect(t('document.clauseLabel', { ref: value, kind: 'k', status: 's' } as never)).toBe('OP9, k, status: s');
    expect(t('document.clauseLabel', { ref: { toString: () => 'OP8' }, kind: 'k', status: 's' } as never)).toBe(
      'OP8, k, status: s',
    );
  });
});
