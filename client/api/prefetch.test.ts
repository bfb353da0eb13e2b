// @vitest-environment happy-dom
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { ROUTES } from '../../shared/api/routes.js';
import { call } from './http.js';
import { readingKey } from './languageChoice.js';
import { documentRead } from '../../shared/protocol/pages.js';
import { prefetchPage, takePrefetched } from './prefetch.js';

const DOC = '/api/documents/almaty-declaration?include=content';

describe('reads started before the page that needs them', () => {
  let fetched: string[];
  beforeEach(() => {
    fetched = [];
    localStorage.clear();
    vi.stubGlobal(
      'fetch',
      vi.fn((path: string) => {
        fetched.push(path);
        return Promise.resolve(
          new Response(JSON.stringify({ read: fetched.length }), { headers: { 'content-type': 'application/json' } }),
        );
      }),
    );
  });
  afterEach(() => {
    vi.unstubAllGlobals();
    vi.restoreAllMocks();
  });

  it("starts a document page's read of its text, which the page's own request then takes, once", async () => {
    prefetchPage('/documents/almaty-declaration', '');
    expect(fetched).toEqual([DOC]);
    const read = () => call(ROUTES.document, documentRead('almaty-declaration'));
    expect(await read()).toEqual({ read: 1 });
    expect(fetched).toEqual([DOC]);
    // Taken once: a later read of the page asks again.
    expect(await read()).toEqual({ read: 2 });
    expect(fetched).toEqual([DOC, DOC]);
  });

  it("reads the version the reader chose, from the address or kept on this device, and no other page's", () => {
    prefetchPage('/documents/almaty-declaration', '?lang=kk');
    localStorage.setItem(readingKey('other'), JSON.stringify({ lang: 'ru', parallel: true }));
    prefetchPage('/documents/other/', '');
    prefetchPage('/documents/almaty-declaration/compilation', '');
    prefetchPage('/documents', '');
    prefetchPage('/projector/almaty-declaration', '');
    // A malformed address starts nothing, and throws nothing into the entry's start.
    expect(() => prefetchPage('/documents/%E0%A4%A', '')).not.toThrow();
    expect(fetched).toEqual([
      '/api/documents/almaty-declaration?include=content&lang=kk',
      '/api/documents/other?include=content',
      '/api/documents/other?include=content&lang=ru',
    ]);
  });

  it('takes the read of the original the server hinted when a version kept on this device is read instead', () => {
    localStorage.setItem(readingKey('almaty-declaration'), JSON.stringify({ lang: 'ru', parallel: false }));
    prefetchPage('/documents/almaty-declaration', '');
    const version = `${DOC}&lang=ru`;
    expect(fetched).toEqual([DOC, version]);
    for (const path of fetched) expect(takePrefetched(path)).toBeDefined();
  });

  it('lets a read wait 10 s for its page; an older one is asked for afresh', async () => {
    let now = 1_000;
    vi.spyOn(performance, 'now').mockImplementation(() => now);
    prefetchPage('/documents/almaty-declaration', '');
    now += 10_001;
    expect(takePrefetched(DOC)).toBeUndefined();
    prefetchPage('/documents/almaty-declaration', '');
    now += 9_000;
    expect(takePrefetched(DOC)).toBeDefined();
    expect(takePrefetched(DOC)).toBeUndefined();
  });

  it('leaves a failed read to the page that asks, without an unhandled rejection', async () => {
    vi.stubGlobal(
      'fetch',
      vi.fn(() => Promise.reject(new TypeError('Failed to fetch'))),
    );
    prefetchPage('/documents/almaty-declaration', '');
    await expect(call(ROUTES.document, documentRead('almaty-declaration'))).rejects.toMatchObject({ id: 'network' });
  });
});
