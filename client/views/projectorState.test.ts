import { describe, expect, it } from 'vitest';
import type { EndorsementList } from '../../shared/api/votes.js';
import { data, doc, vote } from './votingFixtures.js';
import {
  projectorReducer,
  projectorStart,
  shownVote,
  showingAdoption,
  type ProjectorRead,
  type ProjectorState,
} from './projectorState.js';
import type { VotingData } from './votingCommon.js';

const now = (clauseId: string | null, at: string | null) => ({ documentId: 'd', clauseId, by: 'chair', at });
const read = (over: Partial<VotingData> = {}): ProjectorRead => ({
  data: { ...data(), now: now(null, null), ...over },
  version: null,
  endorsements: null,
  key: null,
});
const start = (over: Partial<VotingData> = {}): ProjectorState => projectorStart(read(over));
const closed = (id: string, closedAt: string) =>
  vote(id, {
    status: 'closed',
    closedAt,
    result: { outcome: 'adopted', yes: 2, no: 0, abstain: 0, registered: 2 } as never,
  });

describe('the projector’s state', () => {
  it('starts with the focus where the chair last put it', () => {
    expect(start({ now: now('c2', '2026-12-06T09:00:00.000Z') }).focusSince).toBe('2026-12-06T09:00:00.000Z');
    expect(start().focusSince).toBe('');
  });

  it('ticks who voted in place, without choices, and reads again for a vote it has not heard of', () => {
    const s = start({ votes: [vote('v1')] });
    const ticked = projectorReducer(s, { type: 'vote:progress', voteId: 'v1', voted: ['DEU'] });
    expect(ticked.data.votes[0]!.voted).toEqual(['DEU']);
    expect(ticked.stale).toBe(false);
    const unknown = projectorReducer(s, { type: 'vote:progress', voteId: 'v9', voted: ['DEU'] });
    expect(unknown.data.votes).toEqual(s.data.votes);
    expect(unknown.stale).toBe(true);
  });

  it('shows a vote as it opens and reads again to name its subject; a close is announced once', () => {
    const opened = projectorReducer(start(), { type: 'vote:opened', vote: vote('v1') });
    expect(opened.data.votes.map((v) => v.id)).toEqual(['v1']);
    expect(opened.stale).toBe(true);
    const shut = projectorReducer(opened, { type: 'vote:closed', vote: closed('v1', '2026-12-06T10:05:00.000Z') });
    expect(shut.announced).toBe('v1');
    expect(shut.data.votes[0]!.status).toBe('closed');
  });

  it('moves the focus with "now discussing", so an older result leaves the screen', () => {
    const s = start({ votes: [closed('v1', '2026-12-06T10:05:00.000Z')] });
    expect(shownVote(s)?.id).toBe('v1');
    const moved = projectorReducer(s, { type: 'now', now: now('c2', '2026-12-06T10:06:00.000Z') });
    expect(moved.focusSince).toBe('2026-12-06T10:06:00.000Z');
    expect(shownVote(moved)).toBeUndefined();
  });

  it('shows an open vote before a closed one, the latest closed after that', () => {
    const votes = [closed('v2', '2026-12-06T10:09:00.000Z'), closed('v1', '2026-12-06T10:05:00.000Z')];
    expect(shownVote(start({ votes }))?.id).toBe('v2');
    expect(shownVote(start({ votes: [...votes, vote('v3')] }))?.id).toBe('v3');
    expect(shownVote(start({ votes: [vote('v4', { status: 'lapsed' })] }))).toBeUndefined();
  });

  it('shows the adoption until the chair points the hall at a clause after it', () => {
    const adopted = {
      ...doc('adopted'),
      adoption: { at: '2026-12-06T11:00:00.000Z', method: 'vote', vote: 'v1', fingerprint: 'ab' },
    } as VotingData['doc'];
    const s = start({ doc: adopted });
    expect(showingAdoption(s)).toBe(true);
    const later = projectorReducer(s, { type: 'now', now: now('c2', '2026-12-06T11:01:00.000Z') });
    expect(showingAdoption(later)).toBe(false);
    expect(showingAdoption(start())).toBe(false);
  });

  it('applies again over a read’s answer the changes heard while it was under way', () => {
    const reading = projectorReducer({ ...start({ votes: [vote('v1')] }), stale: true }, { type: 'reading' });
    expect(reading).toMatchObject({ stale: false, reading: [] });
    const ticked = projectorReducer(reading, { type: 'vote:progress', voteId: 'v1', voted: ['DEU', 'FRA'] });
    const list: EndorsementList = { documentId: 'd', endorsements: [] };
    // The answer left the server before the second ballot: it still shows only the first.
    const answer = read({ votes: [vote('v1', { voted: ['DEU'] })] });
    const landed = projectorReducer(ticked, { type: 'read', read: { ...answer, endorsements: list } });
    expect(landed.data.votes[0]!.voted).toEqual(['DEU', 'FRA']);
    expect(landed.reading).toBeNull();
    expect(landed.endorsements).toBe(list);
  });

  it('keeps the key it has when a read brings none, and the screen as it was when a read fails', () => {
    const key = { fingerprint: 'ed25519:8c44' } as ProjectorState['key'];
    const s = { ...start(), key, reading: [] };
    expect(projectorReducer(s, { type: 'read', read: read() }).key).toBe(key);
    const failed = projectorReducer(s, { type: 'read-failed' });
    expect(failed.reading).toBeNull();
    expect(failed.data).toBe(s.data);
  });
});
