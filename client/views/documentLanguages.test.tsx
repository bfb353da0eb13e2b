// @vitest-environment happy-dom
import { beforeAll, describe, expect, it, vi } from 'vitest';
import type { ClauseJson, DocumentJson } from '../../shared/api/documents.js';
import { render, type ComponentChild } from 'preact';
import type { ReadingChoice } from '../api/languageChoice.js';
import { selectionIn } from '../components/anchors.js';
import { initI18n } from '../i18n/index.js';
import { Declaration } from './documentClauses.js';
import {
  fixtureDocument,
  fixtureLanguages,
  fixturePageProps,
  fixturePerson,
  fixtureVersionClause,
} from './documentFixtures.js';
import type { ClauseSlots } from './documentExtensions.js';
import { LanguageBar, type LanguageBarProps } from './documentLanguages.js';

const clause = fixtureVersionClause;
const doc = (clauses: ClauseJson[], lang?: string): DocumentJson =>
  fixtureDocument(clauses, { languages: fixtureLanguages, ...(lang ? { lang } : {}) });
const person = fixturePerson;
/** Draws a tree into a new element of the document, as the page would. */
function draw(tree: ComponentChild): HTMLElement {
  const host = document.createElement('div');
  document.body.append(host);
  render(tree, host);
  return host;
}
/** The language bar as drawn, or null when it draws nothing. */
const languageBar = (props: LanguageBarProps): HTMLElement | null =>
  draw(<LanguageBar {...props} />).firstElementChild as HTMLElement | null;
/** The page's clauses drawn in the reader's choice; their elements, by id. */
function clausesIn(data: DocumentJson, choice: ReadingChoice, version?: DocumentJson): Map<string, ClauseSlots> {
  const slots = new Map<string, ClauseSlots>();
  const page = fixturePageProps(data, person('observer'), { choice });
  draw(<Declaration page={page} version={version} parts={[]} register={(s) => slots.set(s.clause.id, s)} />);
  return slots;
}

describe('the document page’s language versions', () => {
  beforeAll(() => initI18n());

  it('offers the original and each version, with coverage, and the parallel view only for a version', () => {
    const choose = vi.fn();
    const bar = languageBar({
      data: doc([]),
      user: person('observer'),
      choice: { lang: null, parallel: false },
      choose,
    })!;
    const select = bar.querySelector<HTMLSelectElement>('#reading-lang')!;
    expect([...select.options].map((o) => [o.value, o.textContent])).toEqual([
      ['', 'English (original)'],
      ['kk', 'Kazakh'],
    ]);
    expect(bar.querySelector('.language-coverage')!.textContent).toBe('kk: 27 of 31 current');
    const parallel = bar.querySelector<HTMLInputElement>('#reading-parallel')!;
    expect(parallel.disabled).toBe(true);
    // An observer neither translates nor adds versions.
    expect(bar.querySelector('.translate-links')).toBeNull();
    expect(bar.querySelector('#add-language')).toBeNull();

    select.value = 'kk';
    select.dispatchEvent(new Event('change'));
    expect(choose).toHaveBeenLastCalledWith({ lang: 'kk', parallel: false });
  });

  it('gives a translator of kk the way into its editor, and the secretariat the versions it may add', () => {
    const choice = { lang: 'kk' as const, parallel: true };
    const translator = languageBar({ data: doc([]), user: person('observer', ['kk']), choice, choose: () => {} })!;
    expect(translator.querySelector('.translate-links a')!.getAttribute('href')).toBe('/documents/doc-1/translate/kk');
    expect(translator.querySelector<HTMLInputElement>('#reading-parallel')!.checked).toBe(true);
    const secretariat = languageBar({ data: doc([]), user: person('secretariat'), choice, choose: () => {} })!;
    const add = secretariat.querySelector<HTMLSelectElement>('#add-language')!;
    expect([...add.options].map((o) => o.value)).toEqual(['ru', 'uz', 'ar', 'zh', 'fr', 'es']);
    // A document with no version shows nothing to a reader who cannot add one.
    const plain = { ...doc([]), languages: [{ code: 'en', original: true, current: 1, total: 1 }] };
    expect(languageBar({ data: plain, user: person('observer'), choice, choose: () => {} })).toBeNull();
  });

  it('puts the version beside the original in the clause’s row, with its status, and marks a version read alone', () => {
    const version = doc([clause('c1', 'Мемлекеттерді шақырады.', { status: 'stale' })], 'kk');
    const parallel = { lang: 'kk' as const, parallel: true };
    const original = clausesIn(doc([clause('c1', 'Calls upon States.')]), parallel, version).get('c1')!;
    const row = original.root.querySelector('.parallel-row')!;
    expect([...row.children].map((c) => c.className)).toEqual(['clause-content', 'clause-version']);
    const cell = row.querySelector<HTMLElement>('.clause-version')!;
    expect(cell.lang).toBe('kk');
    expect(cell.textContent).toContain('Мемлекеттерді шақырады.');
    expect(cell.querySelector('[data-translation-status]')!.textContent).toBe('Stale');

    const read = doc([clause('c1', 'Мемлекеттерді шақырады.', { status: 'current' })], 'kk');
    const alone = clausesIn(read, { lang: 'kk', parallel: false }).get('c1')!;
    expect(alone.root.querySelector('.clause-aside .translation-chip')!.textContent).toBe('Current');
    expect(alone.body.getAttribute('lang')).toBe('kk');
    expect(alone.body.getAttribute('data-translated')).toBe('kk');
    // Words selected in a version are not the original's: no comment or amendment is anchored on them.
    const select = (body: HTMLElement): void => {
      const text = body.querySelector('p')!.firstChild!;
      const range = document.createRange();
      range.setStart(text, 0);
      range.setEnd(text, 5);
      document.getSelection()!.removeAllRanges();
      document.getSelection()!.addRange(range);
    };
    select(alone.body);
    expect(selectionIn(alone.body, 'c1')).toBeNull();
    select(original.body);
    expect(selectionIn(original.body, 'c1')?.quote).toBe('Calls');
  });
});
