import { describe, expect, it } from 'vitest';
import type { AmendmentJson } from '../../shared/api/amendments.js';
import type { CommentJson } from '../../shared/api/comments.js';
import type { FloorJson } from '../../shared/api/floor.js';
import type { SilenceJson } from '../../shared/api/silence.js';
import type { VoteJson } from '../../shared/api/votes.js';
import { deriveNotifications } from './derive.js';

const vote = { id: 'v1', documentId: 'd1', subject: { type: 'amendment', id: 'a1' }, rule: 'two_thirds' } as VoteJson;
const silence = (breaks: string[] = []): SilenceJson =>
  ({
    id: 's1',
    deadline: '2025-10-17T12:00:00.000Z',
    breaks: breaks.map((delegation) => ({ delegation })),
  }) as SilenceJson;
const amendment = { id: 'a1', clauseId: 'c1', clauseRef: 'OP3', delegation: 'KAZ' } as AmendmentJson;
const comment = (body: string, mentions: string[] = []): CommentJson =>
  ({
    id: 'm1',
    clauseId: 'c1',
    body,
    mentions,
    author: { username: 'kaz-delegate', displayName: 'Aigerim', role: 'delegate', delegation: 'KAZ' },
  }) as CommentJson;
const floor = (delegation: string | null): FloorJson =>
  ({ current: delegation ? { delegation, kind: 'speaker' } : null, queue: [] }) as unknown as FloorJson;

describe('deriveNotifications', () => {
  it('a vote opened: its electorate, with the vote and what it is on', () => {
    expect(deriveNotifications('vote:opened', { vote })).toEqual([
      {
        kind: 'vote_opened',
        documentId: 'd1',
        params: { voteId: 'v1', subject: 'amendment', rule: 'two_thirds' },
        to: [{ electorate: true }],
        except: null,
      },
    ]);
  });

  it('a silence procedure: everyone following, never who did it; a break names the delegation', () => {
    const of = (change: 'started' | 'broken' | 'withdrawn' | 'passed', by: string | null, breaks?: string[]) =>
      deriveNotifications('silence:changed', { documentId: 'd1', change, by, silence: silence(breaks) });
    expect(of('started', 'chair')).toMatchObject([
      {
        kind: 'silence_started',
        params: { deadline: '2025-10-17T12:00:00.000Z' },
        to: [{ followers: true }],
        except: 'chair',
      },
    ]);
    expect(of('broken', 'fra-head', ['GBR', 'FRA'])).toMatchObject([
      { kind: 'silence_broken', params: { delegation: 'FRA' }, except: 'fra-head' },
    ]);
    expect(of('passed', null)).toMatchObject([{ kind: 'silence_ended', params: { outcome: 'passed' }, except: null }]);
    expect(of('withdrawn', 'chair')).toMatchObject([{ kind: 'silence_ended', params: { outcome: 'withdrawn' } }]);
  });

  it('an amendment decided: its delegation; proposals, co-sponsorships and withdrawals notify nobody', () => {
    const changed = (change: string) =>
      deriveNotifications('amendment:changed', {
        documentId: 'd1',
        clauseId: 'c1',
        amendmentId: 'a1',
        status: change,
        change: change as 'accepted',
        by: 'secretariat',
        amendment,
        others: [],
      });
    for (const outcome of ['accepted', 'rejected', 'adopted', 'not_adopted', 'lapsed']) {
      expect(changed(outcome)).toEqual([
        {
          kind: 'amendment_decided',
          documentId: 'd1',
          params: { amendmentId: 'a1', clauseId: 'c1', clauseRef: 'OP3', outcome },
          to: [{ delegations: ['KAZ'] }],
          except: 'secretariat',
        },
      ]);
    }
    for (const change of ['proposed', 'cosponsored', 'cosponsor_left', 'withdrawn', 'put_to_vote']) {
      expect(changed(change)).toEqual([]);
    }
  });

  it('a mention: the delegations the server kept and the people named, never the author; none without one', () => {
    const added = (c: CommentJson) =>
      deriveNotifications('comment:added', {
        documentId: 'd1',
        clauseId: 'c1',
        commentId: c.id,
        threadId: c.id,
        change: 'added',
        by: 'kaz-delegate',
        comment: c,
      });
    expect(added(comment('Could @FRA and @gbr-head look?', ['FRA']))).toEqual([
      {
        kind: 'mentioned',
        documentId: 'd1',
        params: { by: 'Aigerim', clauseId: 'c1', commentId: 'm1', excerpt: 'Could @FRA and @gbr-head look?' },
        to: [{ delegations: ['FRA'] }, { usernames: ['gbr-head'] }],
        except: 'kaz-delegate',
      },
    ]);
    expect(added(comment('@XYZ is not a delegation the server kept'))).toEqual([]);
    expect(added(comment(`@chair ${'x'.repeat(300)}`))[0]!.params.excerpt).toHaveLength(140);
  });

  it('the floor: the delegation given it, on a grant only', () => {
    const changed = (change: 'granted' | 'requested' | 'ended', delegation: string | null) =>
      deriveNotifications('floor:changed', { documentId: 'd1', change, by: 'chair', floor: floor(delegation) });
    expect(changed('granted', 'USA')).toEqual([
      {
        kind: 'floor_given',
        documentId: 'd1',
        params: { delegation: 'USA', floorKind: 'speaker' },
        to: [{ delegations: ['USA'] }],
        except: 'chair',
      },
    ]);
    expect(changed('requested', 'USA')).toEqual([]);
    expect(changed('ended', null)).toEqual([]);
  });

  it('other events notify nobody', () => {
    expect(deriveNotifications('document:stage', { documentId: 'd1', stage: 'adoption', by: 'chair' })).toEqual([]);
  });
});
