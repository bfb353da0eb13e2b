import { afterEach, describe, expect, it, vi } from 'vitest';
import { ROUTES } from '../../shared/api/routes.js';
import { followReads, lowestRead, noteRead } from './eventsSeq.js';
import { call } from './http.js';

describe('what the reads of a document said of its events', () => {
  afterEach(() => vi.unstubAllGlobals());

  it('keeps the lowest sequence of each document’s reads until the last screen following it lets go', () => {
    const heard = vi.fn();
    const first = followReads('doc one', heard);
    const second = followReads('doc one');
    noteRead('/api/documents/doc%20one?include=content', '7');
    noteRead('/api/documents/doc%20one/votes', '5');
    noteRead('/api/documents/doc%20one/floor', '9');
    noteRead('/api/documents/other', '1');
    expect(lowestRead('doc one')).toBe(5);
    expect(heard.mock.calls).toEqual([[7], [5], [9]]);
    first();
    first();
    expect(lowestRead('doc one')).toBe(5);
    second();
    expect(lowestRead('doc one')).toBeUndefined();
    expect(lowestRead('other')).toBe(1);
  });

  it('ignores what is no read of a document, or says no number', () => {
    noteRead('/api/documents', '3');
    noteRead('/api/votes/v1', '3');
    noteRead('/api/documents/bad%E0', '3');
    noteRead('/api/documents/plain', null);
    noteRead('/api/documents/plain', 'soon');
    expect(lowestRead('plain')).toBeUndefined();
    expect(lowestRead('bad%E0')).toBeUndefined();
  });

  it('is told by every answered read of a document that call() makes, not by a refused one', async () => {
    const answer = (status: number, seq: string) =>
      new Response(JSON.stringify(status === 200 ? { votes: [] } : { error: { id: 'x', message: 'x' } }), {
        status,
        headers: { 'content-type': 'application/json', 'accord-events-seq': seq },
      });
    const fetch = vi.fn().mockResolvedValueOnce(answer(200, '12')).mockResolvedValueOnce(answer(403, '4'));
    vi.stubGlobal('fetch', fetch);
    const unfollow = followReads('called');
    await call(ROUTES.votes, { params: { id: 'called' } });
    await expect(call(ROUTES.votes, { params: { id: 'called' } })).rejects.toThrow();
    expect(lowestRead('called')).toBe(12);
    unfollow();
  });
});
