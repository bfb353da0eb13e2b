// @vitest-environment happy-dom
import { act } from 'preact/test-utils';
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import type { DocumentJson } from '../../shared/api/documents.js';
import { Actions } from '../api/actions.js';
import { mount } from '../components/bridge.js';
import { initI18n } from '../i18n/index.js';
import { fixtureDocument, fixtureLanguages, fixturePerson, fixtureVersionClause } from './documentFixtures.js';
import { TranslatorRow, type TranslatorRowContext } from './translatorRow.js';
import { rowProps, translatorReducer, translatorStart, type TranslatorRowProps } from './translatorState.js';

const clause = fixtureVersionClause;
const version = (stage: DocumentJson['stage'] = 'negotiation'): DocumentJson =>
  fixtureDocument([], { stage, languages: fixtureLanguages, lang: 'kk' });
const person = fixturePerson;
const stale = clause('c1', 'Мемлекеттер.', {
  status: 'stale',
  originalThen: 'Calls upon States.',
  original: 'Calls upon all States.',
});

function draw(props: TranslatorRowProps, marked = async () => {}) {
  const ctx: TranslatorRowContext = {
    documentId: 'doc-1',
    lang: 'kk',
    originalLang: 'en',
    actions: new Actions(),
    marked,
  };
  const row = (p: TranslatorRowProps) => <TranslatorRow props={p} ctx={ctx} live={null} />;
  const mounted = mount(row(props));
  document.body.replaceChildren(mounted.el);
  const el = (): HTMLElement => mounted.el.querySelector<HTMLElement>('.translation-row')!;
  return { el, update: (p: TranslatorRowProps) => act(() => mounted.update(row(p))) };
}
const marks = (el: HTMLElement) => [...el.querySelectorAll<HTMLElement>('[data-mark]')].map((b) => b.dataset.mark);

describe('a row of the translator’s editor', () => {
  beforeAll(() => initI18n());
  afterEach(() => vi.unstubAllGlobals());

  it('shows a stale clause’s diff and both marks, and follows a new status in place', async () => {
    const row = draw({ clause: stale, mayMark: true, readOnly: null });
    expect(row.el().dataset.translationStatus).toBe('stale');
    expect(row.el().querySelector('.stale-diff ins')!.textContent).toContain('all');
    expect(row.el().querySelector('.translation-original')!.getAttribute('lang')).toBe('en');
    expect(row.el().querySelector('.translation-version')!.getAttribute('lang')).toBe('kk');
    expect(marks(row.el())).toEqual(['current', 'draft']);
    const first = row.el().querySelector('[data-mark]');

    await row.update({ clause: clause('c1', 'Мемлекеттер.', { status: 'current' }), mayMark: true, readOnly: null });
    expect(row.el().dataset.translationStatus).toBe('current');
    expect(row.el().querySelector('.stale-diff')).toBeNull();
    expect(marks(row.el())).toEqual(['draft']);
    // The same button, by place: a focus on it stays where it was.
    expect(row.el().querySelector('[data-mark]')).toBe(first);
    expect(row.el().querySelector('.translation-chip')!.textContent).toBe('Current');
  });

  it('offers no mark to a reader who may not set one, nor any on an empty version', () => {
    expect(marks(draw({ clause: clause('c1', '', { status: 'draft' }), mayMark: false, readOnly: 'no' }).el())).toEqual(
      [],
    );
    const empty = draw({ clause: clause('c2', '', { status: 'missing' }), mayMark: true, readOnly: null }).el();
    expect(marks(empty)).toEqual([]);
    expect(empty.querySelector('.translation-chip')!.textContent).toBe('Missing');
  });

  it('marks the version current, then has the page read it again before the button is free', async () => {
    const sent: { method: string; path: string; body: unknown }[] = [];
    vi.stubGlobal('fetch', async (path: string, init: RequestInit = {}) => {
      sent.push({ method: init.method ?? 'GET', path, body: init.body ? JSON.parse(String(init.body)) : undefined });
      return new Response(JSON.stringify({ status: 'current' }), { headers: { 'content-type': 'application/json' } });
    });
    let release = (): void => {};
    const marked = vi.fn(() => new Promise<void>((resolve) => (release = resolve)));
    const row = draw(
      { clause: clause('c1', 'Мемлекеттер.', { status: 'draft' }), mayMark: true, readOnly: null },
      marked,
    );
    const button = row.el().querySelector<HTMLButtonElement>('[data-mark=current]')!;
    await act(() => button.click());
    await vi.waitFor(() => expect(marked).toHaveBeenCalledOnce());
    expect(sent).toEqual([
      expect.objectContaining({ method: 'POST', path: '/api/documents/doc-1/clauses/c1/translations/kk/status' }),
    ]);
    expect(sent[0]!.body).toEqual({ status: 'current' });
    expect(button.disabled).toBe(true);
    await act(async () => release());
    await vi.waitFor(() => expect(button.disabled).toBe(false));
  });
});

describe('the translator’s state', () => {
  beforeAll(() => initI18n());

  it('applies only the latest read’s answer, an older one arriving last is dropped', () => {
    const first = version();
    let s = translatorStart(first);
    s = translatorReducer(s, { type: 'reading', read: 1 });
    s = translatorReducer(s, { type: 'reading', read: 2 });
    const newer = { ...first, title: 'newer' };
    s = translatorReducer(s, { type: 'read', read: 2, data: newer });
    expect(translatorReducer(s, { type: 'read', read: 1, data: { ...first, title: 'older' } }).data).toBe(newer);
  });

  it('lets the version’s translator write and mark it, and tells a reader why the text is read-only', () => {
    const c = clause('c1', '');
    expect(rowProps(version(), person('observer', ['kk']), 'kk', c)).toMatchObject({ mayMark: true, readOnly: null });
    const reader = rowProps(version(), person('observer'), 'kk', c);
    expect(reader.mayMark).toBe(false);
    expect(reader.readOnly).toEqual(expect.any(String));
    expect(reader.readOnly).not.toBe('');
  });
});
