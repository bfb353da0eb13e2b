import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeCluster } from '../helpers/engines.js';
import { signIn, startCluster, withCookie, type InProcessCluster } from '../helpers/cluster.js';
import type { ApiClient, ApiResponse, TestServer } from '../helpers/server.js';
import { useFollowers } from '../helpers/events.js';
import { DOC, eventually, useEngines } from './tools.js';
import { actorOf } from '../../server/auth/session.js';
import { createDocument } from '../../server/commands/createDocument.js';

/**
 * A silence procedure's deadline on two nodes sharing PostgreSQL: both arm a timer for it, exactly one takes
 * the decision (the conditional update `running → passed`), everyone on either node hears it; and a node
 * started before the procedure learns of it from the other, so it takes the decision when that one is gone.
 */
describeCluster('silence deadlines across two nodes', () => {
  const engines = useEngines();
  const followers = useFollowers();
  let cluster: InProcessCluster;
  let a: TestServer;
  let b: TestServer;
  const decisions: string[] = [];

  beforeAll(async () => {
    cluster = await startCluster(2, await engines.fresh());
    [a, b] = cluster.nodes as [TestServer, TestServer];
    for (const [name, node] of [
      ['a', a],
      ['b', b],
    ] as const) {
      const info = node.ctx.log.info;
      node.ctx.log.info = (message) => {
        if (message.startsWith('silence ')) decisions.push(`${name}: ${message}`);
        info(message);
      };
    }
  });
  afterAll(() => cluster?.close());

  /**
   * Starts a silence on `doc` with its deadline `seconds` ahead. The server refuses a deadline already behind its
   * clock when the request arrives (400 `silence_deadline_invalid`, nothing stored, nothing announced); on a
   * machine so loaded that the request took longer than the margin, the same request goes again with twice the
   * margin (up to half a minute), so load lengthens the wait instead of failing the case, and an idle run waits no longer than before.
   */
  async function startSilence(chair: ApiClient, doc: string, seconds: number): Promise<ApiResponse> {
    for (let margin = seconds; ; margin *= 2) {
      const deadline = new Date(Date.now() + margin * 1000).toISOString();
      const res = await chair.post(`/api/documents/${doc}/silence`, {
        subject: 'adoption',
        deadline,
        acknowledge: true,
      });
      if (res.status !== 400 || res.body?.error?.id !== 'silence_deadline_invalid' || margin >= 30) return res;
    }
  }

  it('takes the decision on exactly one node, and tells the room on both', async () => {
    const chair = withCookie(a.url, await signIn(a.url, 'chair'));
    expect((await chair.post(`/api/documents/${DOC}/stage`, { stage: 'negotiation' })).status).toBe(200);
    expect((await chair.post(`/api/documents/${DOC}/stage`, { stage: 'adoption' })).status).toBe(200);
    const onB = await followers.follow(b.url, await signIn(b.url, 'observer'), DOC);
    const started = await startSilence(chair, DOC, 1.5);
    expect(started.status, JSON.stringify(started.body)).toBe(201);
    const changes = (): string[] =>
      onB.events.filter(([name]) => name === 'silence:changed').map(([, e]) => e.change as string);
    await eventually(() => changes().includes('passed'), 6000, 'the decision heard on B');
    expect(changes()).toEqual(['started', 'passed']);
    expect(onB.events.some(([name, e]) => name === 'document:stage' && e.stage === 'adopted')).toBe(true);
    const ledger = await a.ctx.store.audit.forDocument(DOC);
    expect(ledger.filter((e) => e.action === 'silence.passed')).toHaveLength(1);
    expect(ledger.filter((e) => e.action === 'document.adopted').map((e) => e.payload.silence)).toEqual([
      started.body.id,
    ]);
    expect(decisions.filter((d) => d.includes(started.body.id))).toHaveLength(1);
  });

  it('is taken by the other node when the one that started it is gone', async () => {
    const id = `doc-failover`;
    const secretariat = actorOf((await a.ctx.store.users.byUsername('secretariat'))!);
    await createDocument(a.ctx, secretariat, {
      id,
      conferenceId: (await a.ctx.store.conferences.current())!.id,
      title: 'Fail-over declaration',
      symbol: 'TEST/FAILOVER',
      stage: 'adoption',
      clauses: [
        { kind: 'title', text: 'Fail-over declaration' },
        { kind: 'operative', text: '*Calls upon* States to act.' },
      ],
    });
    const chair = withCookie(a.url, await signIn(a.url, 'chair'));
    const started = await startSilence(chair, id, 2);
    expect(started.status, JSON.stringify(started.body)).toBe(201);
    // B heard of it through Redis and armed its timer; A is leaving. From here A's clock finds nothing due, so
    // however long its shutdown takes on a loaded machine, it cannot take the decision on its way out.
    a.ctx.store.silences.due = async () => [];
    await a.close();
    await eventually(
      () => decisions.some((d) => d.startsWith('b:') && d.includes(started.body.id)),
      8000,
      'B to take the decision',
    );
    expect((await b.ctx.store.silences.latest(id))!.status).toBe('passed');
    expect((await b.ctx.store.documents.get(id))!.stage).toBe('adopted');
  });
});
