// @vitest-environment happy-dom
import i18next from 'i18next';
import { beforeAll, describe, expect, it, vi } from 'vitest';
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

  it('keeps the library’s advertisement out of every visitor’s console', () => {
    expect(i18next.options.showSupportNotice).toBe(false);
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

describe('t, for strings drawn once per clause', () => {
  beforeAll(async () => {
    localStorage.removeItem('accord.language');
    await initI18n();
  });

  it('fills plain slots with each clause’s values, in the language of the moment, without asking i18next', async () => {
    const label = { ref: 'OP1', kind: 'Operative paragraph', status: 'Open' };
    const asked = vi.spyOn(i18next, 't');
    expect(t('document.clauseLabel', label)).toBe('OP1, Operative paragraph, status: Open');
    for (const ref of ['OP2', 'OP3', 'PP1']) expect(t('document.clauseLabel', { ...label, ref })).toContain(ref);
    expect(t('negotiation:panel.amendmentsButton', { ref: 'OP4', count: 2 })).toBe(
      'Amendments to OP4 awaiting a decision: 2',
    );
    expect(asked).not.toHaveBeenCalled();
    asked.mockRestore();
    await setLanguage('ru');
    expect(t('negotiation:panel.commentsOn', { ref: 'OP4' })).toBe('Комментарии к OP4:');
    await setLanguage('en');
    expect(t('negotiation:panel.commentsOn', { ref: 'OP4' })).toBe('Comments on OP4:');
  });

  it('reads strings as they are now', () => {
    i18next.addResource('en', 'negotiation', 'panel.commentsOn', 'Remarks on {{ref}}:');
    expect(t('negotiation:panel.commentsOn', { ref: 'OP1' })).toBe('Remarks on OP1:');
    i18next.addResource('en', 'negotiation', 'panel.commentsOn', 'Comments on {{ref}}:');
    expect(t('negotiation:panel.commentsOn', { ref: 'OP1' })).toBe('Comments on OP1:');
  });
});

describe('t, read straight from the strings where the answer is certain', () => {
  beforeAll(async () => {
    localStorage.removeItem('accord.language');
    await initI18n();
  });

  /** Every key of every namespace of `language`, with a value for each plain slot of its string. */
  function everyKey(language: string): [string, Record<string, string> | undefined][] {
    const keys: [string, Record<string, string> | undefined][] = [];
    const walk = (ns: string, node: unknown, path: string[]): void => {
      if (typeof node === 'string') {
        const slots = [...node.matchAll(/\{\{\s*([A-Za-z_]\w*)\s*\}\}/g)].map((m) => m[1]!);
        const key = `${ns}:${path.join('.')}`;
        keys.push([key, slots.length ? Object.fromEntries(slots.map((s, i) => [s, `v${i}`])) : undefined]);
      } else if (typeof node === 'object' && node !== null)
        for (const [part, child] of Object.entries(node)) walk(ns, child, [...path, part]);
    };
    for (const [ns, strings] of Object.entries(i18next.store.data[language] ?? {})) walk(ns, strings, []);
    return keys;
  }

  it('answers exactly as i18next does, for every string of every language', async () => {
    for (const language of ['en', 'ru', 'kk'] as const) {
      await setLanguage(language);
      const asked = vi.spyOn(i18next, 't');
      const keys = everyKey(language);
      expect(keys.length).toBeGreaterThan(500);
      const answers = keys.map(([key, options]) => t(key as never, options as never));
      const direct = keys.length - new Set(asked.mock.calls.map(([key]) => key)).size;
      asked.mockRestore();
      keys.forEach(([key, options], i) => expect([key, answers[i]]).toEqual([key, i18next.t(key, options as never)]));
      // Most strings are plain: they were not asked of i18next at all.
      expect(direct).toBeGreaterThan(keys.length * 0.8);
    }
    await setLanguage('en');
  });

  it('answers a count exactly as i18next does, for every string with plural forms, in every language', async () => {
    const COUNTS = [0, 1, 2, 3, 4, 5, 11, 12, 21, 22, 25, 101, 111, 1.5];
    for (const language of ['en', 'ru', 'kk'] as const) {
      await setLanguage(language);
      const plurals = [
        ...new Set(
          everyKey(language)
            .map(([key]) => /^(.+)_(zero|one|two|few|many|other)$/.exec(key)?.[1])
            .filter((key): key is string => key !== undefined),
        ),
      ];
      expect(plurals.length).toBeGreaterThanOrEqual(5);
      const asked = vi.spyOn(i18next, 't');
      const calls = plurals.flatMap((key) =>
        COUNTS.map((count) => {
          // Every plain slot filled, as the screens fill them; `count` is one of them.
          const options = { ref: 'OP1', name: 'N', total: 9, count };
          return [key, options, t(key as never, options as never)] as const;
        }),
      );
      const viaI18next = asked.mock.calls.length;
      asked.mockRestore();
      for (const [key, options, answer] of calls)
        expect([key, options.count, answer]).toEqual([key, options.count, i18next.t(key, options as never)]);
      // Read straight from the strings, not asked of i18next.
      expect(viaI18next).toBeLessThan(calls.length * 0.2);
    }
    await setLanguage('en');
  });

  it('ignores a default for a string it has, and leaves a missing string with a default to i18next', async () => {
    expect(t('common.loading', { defaultValue: 'x' } as never)).toBe('Loading…');
    expect(t('no.such.string' as never, { defaultValue: 'Fallback {{n}}', n: 2 } as never)).toBe(
      i18next.t('no.such.string', { defaultValue: 'Fallback {{n}}', n: 2 } as never),
    );
  });

  it('falls back to English for a string the language lacks, and leaves nesting to i18next', async () => {
    await setLanguage('ru');
    i18next.addResource('en', 'common', 'only.english', 'Only in English');
    expect(t('only.english' as never)).toBe('Only in English');
    i18next.addResource('en', 'common', 'nested.one', 'See $t(common.loading)');
    i18next.addResource('ru', 'common', 'nested.one', 'См. $t(common.loading)');
    expect(t('nested.one' as never)).toBe('См. Загрузка…');
    expect(t('document.brackets', { count: 1 })).toBe(i18next.t('document.brackets', { count: 1 }));
    await setLanguage('en');
  });
});
