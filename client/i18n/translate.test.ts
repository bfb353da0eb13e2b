// @vitest-environment happy-dom
import i18next from 'i18next';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import { initI18n, setLanguage, slotted, t } from './index.js';

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

describe('slotted, for strings drawn once per clause', () => {
  beforeAll(async () => {
    localStorage.removeItem('accord.language');
    await initI18n();
  });

  it('fills plain slots as t does, in the language of the moment, and asks i18next once per key', async () => {
    const label = { ref: 'OP1', kind: 'Operative paragraph', status: 'Open' };
    const asked = vi.spyOn(i18next, 't');
    expect(slotted('document.clauseLabel', label)).toBe(t('document.clauseLabel', label));
    for (const ref of ['OP2', 'OP3', 'PP1']) expect(slotted('document.clauseLabel', { ...label, ref })).toContain(ref);
    expect(slotted('negotiation:panel.amendmentsButton', { ref: 'OP4', count: 2 })).toBe(
      'Amendments to OP4 awaiting a decision: 2',
    );
    expect(asked.mock.calls.filter(([key]) => key === 'document.clauseLabel')).toHaveLength(2);
    asked.mockRestore();
    await setLanguage('ru');
    expect(slotted('negotiation:panel.commentsOn', { ref: 'OP4' })).toBe('Комментарии к OP4:');
    await setLanguage('en');
    expect(slotted('negotiation:panel.commentsOn', { ref: 'OP4' })).toBe('Comments on OP4:');
  });

  it('leaves strings with plural forms to t, and a slot it was given no value for as it is', () => {
    expect(slotted('document.brackets', { count: 1 })).toBe(t('document.brackets', { count: 1 }));
    expect(slotted('document.brackets', { count: 3 })).toBe('3 bracketed passages');
    expect(slotted('document.clauseLabel', { ref: 'OP1', kind: 'k' })).toBe('OP1, k, status: {{status}}');
  });

  it('forgets what it looked up when strings change', () => {
    expect(slotted('negotiation:panel.commentsOn', { ref: 'OP1' })).toBe('Comments on OP1:');
    i18next.addResource('en', 'negotiation', 'panel.commentsOn', 'Remarks on {{ref}}:');
    expect(slotted('negotiation:panel.commentsOn', { ref: 'OP1' })).toBe('Remarks on OP1:');
    i18next.addResource('en', 'negotiation', 'panel.commentsOn', 'Comments on {{ref}}:');
  });
});
