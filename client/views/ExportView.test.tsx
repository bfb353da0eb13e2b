// @vitest-environment happy-dom
import { act } from 'preact/test-utils';
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import type { SessionUser } from '../../shared/api/auth.js';
import type { DocumentJson } from '../../shared/api/documents.js';
import { Actions } from '../api/actions.js';
import { mount } from '../components/bridge.js';
import { initI18n } from '../i18n/index.js';
import { Export } from './ExportView.js';
import { languageQuery, pickedLanguages } from './exportLanguages.js';

// The page follows its document and reads the conference's key: neither has a server here.
vi.mock('../components/documentEvents.js', () => ({ followDocumentEvents: () => () => {} }));
vi.mock('../api/ledger.js', async (original) => ({
  ...(await original<object>()),
  conferenceKey: () => Promise.resolve({ fingerprint: 'ed25519:8c44-2296', algorithm: 'ed25519', pem: '' }),
}));

const live = {
  id: 'doc',
  title: 'Almaty Declaration',
  symbol: 'WIC/1',
  stage: 'drafting',
  clauses: [{}, {}],
  languages: [
    { code: 'en', original: true, current: 33, total: 33 },
    { code: 'kk', original: false, current: 29, total: 33 },
    { code: 'ru', original: false, current: 31, total: 33 },
  ],
} as unknown as DocumentJson;
const list = { revisions: [], suggestedName: 'Rev.1' };
const user = (role: SessionUser['role']) => ({ id: role, username: role, displayName: role, role }) as SessionUser;
const page = (role: SessionUser['role'], doc = live) =>
  mount(<Export documentId="doc" user={user(role)} live={doc} list={list} actions={new Actions()} />).el;

describe('the export page', () => {
  beforeAll(() => initI18n());
  afterEach(() => vi.unstubAllGlobals());

  it('says what will be exported and that a text not adopted comes out as a draft', () => {
    const el = page('observer');
    expect(el.querySelector('h1')?.textContent).toBe('Export: Almaty Declaration');
    expect(el.querySelector('.export-summary')?.textContent).toContain('WIC/1');
    expect(el.querySelector('.export-note')?.className).toBe('export-note export-note-draft');
    expect(el.querySelectorAll('input[type=radio][name=format]')).toHaveLength(7);
    expect(el.querySelector<HTMLInputElement>('#export-format-pdf')?.checked).toBe(true);
    expect(el.querySelector('.form-error')?.textContent).toBe('');
  });

  it('offers the original first, then each version with its coverage, and beside it nothing by default', () => {
    const el = page('observer');
    const lang = el.querySelector<HTMLSelectElement>('#export-language')!;
    expect([...lang.options].map((o) => o.textContent)).toEqual([
      'English (original)',
      'Kazakh — kk: 29 of 33 current',
      'Russian — ru: 31 of 33 current',
    ]);
    expect(el.querySelector('label[for="export-language"]')?.textContent).toBe('Language of the text');
    const form = el.querySelector('form')!;
    expect(pickedLanguages(new FormData(form), 'en')).toEqual({ lang: 'en', parallel: null });
    lang.value = 'kk';
    el.querySelector<HTMLSelectElement>('#export-parallel')!.value = 'en';
    expect(pickedLanguages(new FormData(form), 'en')).toEqual({ lang: 'kk', parallel: 'en' });
  });

  it('draws no choice of language for a text with its original alone', () => {
    const el = page('observer', {
      ...live,
      languages: [{ code: 'en', original: true, current: 2, total: 2 }],
    } as DocumentJson);
    expect(el.querySelector('#export-language')).toBeNull();
    expect(pickedLanguages(new FormData(el.querySelector('form')!), 'en')).toEqual({ lang: 'en', parallel: null });
  });

  it('asks for a version by its code, and for a facing language only in a PDF and only another one', () => {
    expect(languageQuery({ lang: 'en', parallel: null }, 'pdf', 'en')).toEqual({});
    expect(languageQuery({ lang: 'kk', parallel: null }, 'docx', 'en')).toEqual({ lang: 'kk' });
    expect(languageQuery({ lang: 'ru', parallel: 'en' }, 'pdf', 'en')).toEqual({ lang: 'ru', parallel: 'en' });
    expect(languageQuery({ lang: 'ru', parallel: 'en' }, 'akn', 'en')).toEqual({ lang: 'ru' });
    expect(languageQuery({ lang: 'ru', parallel: 'ru' }, 'pdf', 'en')).toEqual({ lang: 'ru' });
  });

  it('gives the meeting’s papers to those who may print them, and shows the conference key once read', async () => {
    const chair = page('chair');
    expect(chair.querySelector('.export-reports h2')?.textContent).toBe('Meeting records');
    expect(chair.querySelectorAll('.export-reports button')).toHaveLength(4);
    expect(page('head').querySelector('.export-reports')).toBeNull();
    // Read once the page is drawn.
    await vi.waitFor(() =>
      expect(chair.querySelector('[data-key-fingerprint]')?.textContent).toBe('ed25519:8c44-2296'),
    );
  });

  it('downloads the chosen format and languages, and says what came', async () => {
    const asked: string[] = [];
    vi.stubGlobal('fetch', (url: string) => {
      asked.push(url);
      return Promise.resolve(
        new Response('%PDF-', { headers: { 'content-disposition': 'attachment; filename="doc-kk.pdf"' } }),
      );
    });
    const el = page('observer');
    document.body.append(el);
    el.querySelector<HTMLSelectElement>('#export-language')!.value = 'kk';
    await act(async () => {
      el.querySelector('form')!.requestSubmit();
      await new Promise((resolve) => setTimeout(resolve, 10));
    });
    expect(asked).toEqual(['/api/documents/doc/export?format=pdf&lang=kk']);
    expect(el.querySelector('.export-status')?.textContent).toMatch(/^Downloaded doc-kk\.pdf/);
    expect(el.querySelector('.export-page')?.getAttribute('aria-busy')).toBeNull();
    el.remove();
  });
});
