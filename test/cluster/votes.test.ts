import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeCluster } from '../helpers/engines.js';
import { signIn, startCluster, withCookie, type InProcessCluster } from '../helpers/cluster.js';
import type { TestServer } from '../helpers/server.js';
import { useFollowers } from '../helpers/events.js';
import { DOC, eventually, useEngines } from './tools.js';

/**
 * Governance across nodes: a ballot cast over HTTP on one node reaches the chair's live tally on another
 * (socket.io through the Redis adapter), and the result computed there counts it. Sessions live in the
 * database, so one cookie serves on every node: no sticky sessions.
 */
describeCluster('voting across two nodes', () => {
  const engines = useEngines();
  const followers = useFollowers();
  let cluster: InProcessCluster;
  let a: TestServer;
  let b: TestServer;

  beforeAll(async () => {
    cluster = await startCluster(2, await engines.fresh());
    [a, b] = cluster.nodes as [TestServer, TestServer];
  });
  afterAll(() => cluster?.close());

  it('counts a ballot cast on node A in the chair’s live tally and the closed result on node B', async () => {
    const chairCookie = await signIn(b.url, 'chair');
    const chair = withCookie(b.url, chairCookie);
    // Signed in on B, voting on A: the cookie B issued is honoured by A.
    const kazCookie = await signIn(b.url, 'kaz-head');
    const fraCookie = await signIn(a.url, 'fra-head');
    expect((await withCookie(a.url, kazCookie).get('/api/auth/me')).status).toBe(200);

    expect((await chair.post(`/api/documents/${DOC}/stage`, { stage: 'negotiation' })).status).toBe(200);
    const clauseId = (await chair.get(`/api/documents/${DOC}`)).body.clauses[4].id as string;
    const opened = await chair.post(`/api/documents/${DOC}/votes`, {
      subject: { type: 'clause', id: clauseId },
      rule: 'simple_majority',
    });
    expect(opened.status, JSON.stringify(opened.body)).toBe(201);
    const voteId = opened.body.id as string;

    const board = await followers.follow(b.url, chairCookie, DOC);
    const observerOnB = await followers.follow(b.url, await signIn(b.url, 'observer'), DOC);

    const kaz = await withCookie(a.url, kazCookie).post(`/api/votes/${voteId}/ballots`, { choice: 'no' });
    expect(kaz.status, JSON.stringify(kaz.body)).toBe(200);
    const tallies = (): any[] =>
      board.events.filter(([e, p]) => e === 'vote:tally' && p.voteId === voteId).map(([, p]) => p);
    await eventually(() => tallies().length === 1, 3000, 'the chair on B to get the tally of the ballot cast on A');
    expect(tallies()[0]).toMatchObject({
      voteId,
      documentId: DOC,
      ballot: { delegation: 'KAZ', choice: 'no' },
      counts: { yes: 0, no: 1, abstain: 0, present: 1 },
    });

    // A second ballot, on B this time: both nodes' ballots in one count.
    expect((await withCookie(b.url, fraCookie).post(`/api/votes/${voteId}/ballots`, { choice: 'yes' })).status).toBe(
      200,
    );
    await eventually(() => tallies().length === 2, 3000, 'the second tally');
    expect(tallies()[1]).toMatchObject({
      ballot: { delegation: 'FRA', choice: 'yes' },
      counts: { yes: 1, no: 1, abstain: 0, present: 2 },
    });
    // Who voted is public, on every node; the choice is not.
    await eventually(
      () =>
        observerOnB.events.some(([e, p]) => e === 'vote:progress' && p.voteId === voteId && p.voted.includes('KAZ')),
      3000,
      'progress on B',
    );
    expect(observerOnB.events.map(([e]) => e)).not.toContain('vote:tally');

    const closed = await chair.post(`/api/votes/${voteId}/close`);
    expect(closed.status, JSON.stringify(closed.body)).toBe(200);
    for (const node of [b, a]) {
      const vote = (await withCookie(node.url, kazCookie).get(`/api/votes/${voteId}`)).body;
      expect(vote).toMatchObject({
        status: 'closed',
        rule: 'simple_majority',
        result: { yes: 1, no: 1, abstain: 0, present: 2 },
      });
      expect(vote.ballots).toEqual(
        expect.arrayContaining([
          expect.objectContaining({ delegation: 'KAZ', choice: 'no' }),
          expect.objectContaining({ delegation: 'FRA', choice: 'yes' }),
        ]),
      );
      expect(vote.ballots).toHaveLength(2);
    }
    await eventually(
      () => observerOnB.events.some(([e, p]) => e === 'vote:closed' && p.vote.id === voteId),
      3000,
      'vote:closed on B',
    );
  });

  it('ends a session signed out on one node on every node', async () => {
    const cookie = await signIn(a.url, 'gbr-head');
    expect((await withCookie(b.url, cookie).post('/api/auth/logout')).status).toBeLessThan(300);
    expect((await withCookie(a.url, cookie).get('/api/auth/me')).status).toBe(401);
  });
});
