// @vitest-environment happy-dom
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import type { SessionUser } from '../../shared/api/auth.js';
import type { ReadingChoice } from '../api/languageChoice.js';
import { initI18n } from '../i18n/index.js';
import { fixtureClause, fixtureDocument } from './documentFixtures.js';
import type * as DocumentReading from './documentReading.js';
import type { ChosenText } from './documentReading.js';

const reads = vi.hoisted(() => ({ next: [] as { resolve(text: unknown): void; reject(error: unknown): void }[] }));
vi.mock('./documentReading.js', async (original) => ({
  ...(await original<typeof DocumentReading>()),
  readChosenText: () => new Promise((resolve, reject) => reads.next.push({ resolve, reject })),
}));
vi.mock('../session.js', () => ({
  currentUser: (): SessionUser => ({ id: 'u', username: 'u', displayName: 'U', role: 'delegate', delegation: 'KAZ' }),
}));

const { DocumentView } = await import('./DocumentView.js');
const { documentExtensions } = await import('./documentExtensions.js');

const text = (choice: ReadingChoice): ChosenText => ({
  data: fixtureDocument([fixtureClause('op1', 'operative')]),
  choice,
});

/** Records each opening and release, in order. */
function recordOpenings(): string[] {
  const seen: string[] = [];
  documentExtensions.openings.push((documentId, choice) => {
    const name = `${documentId}:${choice.lang ?? 'original'}`;
    seen.push(`open ${name}`);
    return () => seen.push(`release ${name}`);
  });
  return seen;
}

describe('opening a document page', () => {
  beforeAll(() => initI18n());
  afterEach(() => {
    documentExtensions.openings.length = 0;
    reads.next.length = 0;
    localStorage.clear();
    document.body.replaceChildren();
  });

  it('starts what the features open (the live copy) while its text is still being read', async () => {
    const seen = recordOpenings();
    const view = DocumentView('doc-1');
    expect(seen).toEqual(['open doc-1:original']);
    expect(reads.next).toHaveLength(1);
    reads.next[0]!.resolve(text({ lang: null, parallel: false }));
    const shown = await view;
    expect(seen).toEqual(['open doc-1:original']);
    shown.destroy?.();
    expect(seen).toEqual(['open doc-1:original', 'release doc-1:original']);
  });

  it('opens again with the choice the document allowed, before releasing the first', async () => {
    const seen = recordOpenings();
    const view = DocumentView('doc-1', new URLSearchParams('lang=kk'));
    expect(seen).toEqual(['open doc-1:kk']);
    // The document has no Kazakh version: the original is read instead.
    reads.next[0]!.resolve(text({ lang: null, parallel: false }));
    const shown = await view;
    expect(seen).toEqual(['open doc-1:kk', 'open doc-1:original', 'release doc-1:kk']);
    shown.destroy?.();
    expect(seen.at(-1)).toBe('release doc-1:original');
  });

  it('releases what it opened when the text cannot be read', async () => {
    const seen = recordOpenings();
    const view = DocumentView('doc-1');
    reads.next[0]!.reject(new Error('not found'));
    await expect(view).rejects.toThrow('not found');
    expect(seen).toEqual(['open doc-1:original', 'release doc-1:original']);
  });
});
