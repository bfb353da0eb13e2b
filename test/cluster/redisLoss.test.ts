import { afterAll, beforeAll, expect, it } from 'vitest';
import { clauseOrder } from '../../shared/editor/ydoc.js';
import { describeCluster } from '../helpers/engines.js';
import { signIn, startCluster, withCookie, type InProcessCluster } from '../helpers/cluster.js';
import type { TestServer } from '../helpers/server.js';
import { typeInto } from '../helpers/collabClient.js';
import { eventually, plainClause, servedClause, useEngines, useProviders, type Engines } from './tools.js';

/**
 * Redis carries fan-out only; PostgreSQL holds everything. Losing Redis cuts nodes off from each other but
 * from nobody's own clients, and when it comes back the nodes catch up from the database.
 */
describeCluster('a node that loses Redis', () => {
  const engines = useEngines();
  const providers = useProviders();
  let shared: Engines;
  let cluster: InProcessCluster;
  let a: TestServer;
  let b: TestServer;

  beforeAll(async () => {
    shared = await engines.fresh();
    cluster = await startCluster(2, shared);
    [a, b] = cluster.nodes as [TestServer, TestServer];
  });
  afterAll(() => cluster?.close());

  it('keeps two clients on one node co-editing while Redis is down, and the other node has their edits soon after it returns', async () => {
    const kaz = await providers.open(a.url, await signIn(a.url, 'kaz-delegate'));
    const gbr = await providers.open(a.url, await signIn(a.url, 'gbr-delegate'));
    const observerCookie = await signIn(b.url, 'observer');
    const observer = await providers.open(b.url, observerCookie);
    const clauseId = clauseOrder(kaz.doc)[4]!;

    typeInto(kaz.doc, clauseId, ' before');
    await eventually(
      () => plainClause(observer.doc, clauseId).includes(' before'),
      2000,
      'the relay to work before Redis goes',
    );

    await shared.redis.stop();
    const during: string[] = [];
    for (let i = 1; i <= 5; i++) {
      const [writer, reader] = i % 2 ? [kaz, gbr] : [gbr, kaz];
      const marker = ` offline${i}`;
      typeInto(writer.doc, clauseId, marker);
      during.push(marker);
      // Node A serves its own clients as before: each sees the other's typing promptly.
      await eventually(
        () => plainClause(reader.doc, clauseId).includes(marker),
        1500,
        `${marker} between two clients of A without Redis`,
      );
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    expect(plainClause(kaz.doc, clauseId)).toBe(plainClause(gbr.doc, clauseId));
    // And answers HTTP with the text it holds.
    const onA = await servedClause(withCookie(a.url, observerCookie), clauseId);
    for (const marker of during) expect(onA).toContain(marker);

    await shared.redis.start();
    const waited = await eventually(
      async () => during.every((m) => plainClause(observer.doc, clauseId).includes(m)),
      8000,
      'the observer on B to receive the edits made on A while Redis was down',
    );
    console.info(`B caught up ${waited} ms after Redis came back`);
    const onB = await servedClause(withCookie(b.url, observerCookie), clauseId);
    expect(onB).toBe(plainClause(kaz.doc, clauseId));

    // Fan-out resumes: new typing on A reaches B live again.
    await eventually(
      async () => {
        typeInto(kaz.doc, clauseId, ' k');
        const expected = plainClause(kaz.doc, clauseId);
        await new Promise((resolve) => setTimeout(resolve, 300));
        return plainClause(observer.doc, clauseId) === expected;
      },
      5000,
      'live relay to resume after Redis returned',
    );
  });
});
