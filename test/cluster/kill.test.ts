import { afterAll, beforeAll, expect, it } from 'vitest';
import * as Y from 'yjs';
import type { WebsocketProvider } from 'y-websocket';
import { clauseOrder } from '../../shared/editor/ydoc.js';
import { readDemoDelegations } from '../../server/seed/demoDocument.js';
import { typeInto } from '../helpers/collabClient.js';
import { describeCluster } from '../helpers/engines.js';
import { signIn, startNodeProcess, withCookie, type NodeProcess } from '../helpers/cluster.js';
import { DOC, eventually, plainClause, servedClause, useEngines, useProviders, type Engines } from './tools.js';

/** Markers typed by one writer: ` <tag><n>`, unique, so a text says exactly whose keystrokes it holds. */
const markersOf = (text: string, tag: string): string[] => text.match(new RegExp(` ${tag}\\d+`, 'g')) ?? [];

/** Every update a client received from its server, with the highest clock of each writer in it. */
function recordReceived(provider: WebsocketProvider): Map<number, number> {
  const seen = new Map<number, number>();
  provider.doc.on('update', (update: Uint8Array, origin: unknown) => {
    if (origin !== provider) return;
    for (const [client, clock] of Y.parseUpdateMeta(update).to)
      seen.set(client, Math.max(seen.get(client) ?? 0, clock));
  });
  return seen;
}

/**
 * A node killed with SIGKILL loses nothing it acknowledged: whatever any client received from it (the node
 * broadcasts only what it has committed) and every ballot it answered 2xx is served by the surviving node,
 * and by the killed node once it is back.
 */
describeCluster('a node killed with SIGKILL', () => {
  const engines = useEngines();
  const providers = useProviders();
  let shared: Engines;
  const nodes: NodeProcess[] = [];
  let a: NodeProcess;
  let b: NodeProcess;

  beforeAll(async () => {
    shared = await engines.fresh();
    a = await startNodeProcess(shared, { name: 'a' });
    nodes.push(a);
    b = await startNodeProcess(shared, { name: 'b' });
    nodes.push(b);
  });
  afterAll(async () => {
    await Promise.all(nodes.map((n) => n.stop()));
  });

  it('keeps every update a client received and every ballot answered 2xx', async () => {
    const chair = withCookie(b.url, await signIn(b.url, 'chair'));
    const clauses = (await chair.get(`/api/documents/${DOC}`)).body.clauses.map(
      (c: { id: string }) => c.id,
    ) as string[];
    // A vote open while the secretariat writes the base text, in negotiation (no stage moves under a vote).
    expect((await chair.post(`/api/documents/${DOC}/stage`, { stage: 'negotiation' })).status).toBe(200);
    const opened = await chair.post(`/api/documents/${DOC}/votes`, {
      subject: { type: 'clause', id: clauses[2] },
      rule: 'simple_majority',
    });
    expect(opened.status, JSON.stringify(opened.body)).toBe(201);
    const voteId = opened.body.id as string;

    // Heads sign in on B and vote on A.
    const heads = readDemoDelegations()
      .slice(0, 24)
      .map((code) => code.toLowerCase());
    const headCookies = await Promise.all(heads.map((code) => signIn(b.url, `${code}-head`)));

    // Two of the secretariat's sessions, each with its own Yjs client id.
    const writers = {
      kaz: await providers.open(a.url, await signIn(a.url, 'secretariat')),
      gbr: await providers.open(a.url, await signIn(a.url, 'secretariat')),
    };
    const observer = await providers.open(b.url, await signIn(b.url, 'observer'));
    const received = {
      kaz: recordReceived(writers.kaz),
      gbr: recordReceived(writers.gbr),
      observer: recordReceived(observer),
    };
    const clauseId = clauseOrder(writers.kaz.doc)[3]!;

    // Both sessions type through A, a keystroke every 10 ms, until the kill.
    let typing = true;
    let count = 0;
    const typed = (async () => {
      while (typing) {
        count += 1;
        const [tag, provider] = count % 2 ? (['k', writers.kaz] as const) : (['g', writers.gbr] as const);
        typeInto(provider.doc, clauseId, ` ${tag}${count}`);
        await new Promise((resolve) => setTimeout(resolve, 10));
      }
    })();

    // Ballots go to A one every 50 ms, each waiting for its answer; those answered 2xx must survive.
    const acknowledged = new Map<string, string>();
    const choices = ['yes', 'no', 'abstain'] as const;
    const ballots = heads.map(async (code, i) => {
      await new Promise((resolve) => setTimeout(resolve, 50 * i));
      const choice = choices[i % 3]!;
      try {
        const res = await withCookie(a.url, headCookies[i]!).post(`/api/votes/${voteId}/ballots`, { choice });
        if (res.status >= 200 && res.status < 300) acknowledged.set(code.toUpperCase(), choice);
      } catch {
        // The node died under this request: it was never acknowledged.
      }
    });

    // A wait for a condition, not a bound on the relay's speed (the co-editing cluster test holds that): on a
    // loaded machine, the first keystrokes relayed from A can take longer than five seconds to reach B.
    await eventually(() => plainClause(observer.doc, clauseId).includes(' g6'), 20_000, 'typing on A to reach B');
    await new Promise((resolve) => setTimeout(resolve, 500));
    typing = false;
    await a.kill();
    await typed;
    await Promise.all(ballots);
    await eventually(
      () => !writers.kaz.wsconnected && !writers.gbr.wsconnected,
      20_000,
      'the clients of A to see it gone',
    );
    // What each writer holds of the other's typing came from the node, which sends only what it stored.
    // So does all the observer on B holds: it has only what B received from A.
    const observed = plainClause(observer.doc, clauseId);
    const fromNode = [
      ...new Set([
        ...markersOf(plainClause(writers.kaz.doc, clauseId), 'g'),
        ...markersOf(plainClause(writers.gbr.doc, clauseId), 'k'),
        ...markersOf(observed, 'k'),
        ...markersOf(observed, 'g'),
      ]),
    ];
    const receivedClocks = [...received.kaz, ...received.gbr, ...received.observer];
    for (const p of Object.values(writers)) p.destroy(); // they would push their unacknowledged typing to A once it is back
    console.info(
      `${count} keystrokes typed, ${fromNode.length} received from the nodes; ${acknowledged.size} of ${heads.length} ballots answered before the kill`,
    );
    expect(fromNode.length).toBeGreaterThan(5);
    expect(acknowledged.size).toBeGreaterThan(0);

    /** Checks what `node` serves: the text holds every received keystroke, its state every received clock. */
    const holdsEverything = async (node: NodeProcess): Promise<void> => {
      const reader = withCookie(node.url, await signIn(node.url, 'observer'));
      await eventually(
        async () => {
          const text = await servedClause(reader, clauseId);
          return fromNode.every((m) => text.includes(m));
        },
        10_000,
        `${node.name} to serve every keystroke a client received`,
      ).catch(async (error: Error) => {
        const text = await servedClause(reader, clauseId);
        throw new Error(`${error.message}; missing: ${fromNode.filter((m) => !text.includes(m)).join(',')}`);
      });
      const fresh = await providers.open(node.url, await signIn(node.url, 'secretariat'));
      const state = Y.decodeStateVector(Y.encodeStateVector(fresh.doc));
      for (const [client, clock] of receivedClocks)
        expect(state.get(client) ?? 0, `client ${client} on ${node.name}`).toBeGreaterThanOrEqual(clock);
      fresh.destroy();

      const vote = (await withCookie(node.url, headCookies[0]!).get(`/api/votes/${voteId}`)).body;
      const voted = new Set<string>(vote.voted);
      for (const delegation of acknowledged.keys())
        expect(voted.has(delegation), `${delegation}'s ballot on ${node.name}`).toBe(true);
    };
    await holdsEverything(b);

    const again = await startNodeProcess(shared, { name: 'a-again', port: a.port });
    nodes.push(again);
    await holdsEverything(again);

    // Closed on the restarted node, the result counts each acknowledged ballot with its choice.
    const closed = await withCookie(again.url, await signIn(again.url, 'chair')).post(`/api/votes/${voteId}/close`);
    expect(closed.status, JSON.stringify(closed.body)).toBe(200);
    const result = (await withCookie(b.url, headCookies[0]!).get(`/api/votes/${voteId}`)).body;
    const recorded = new Map<string, string>(
      result.ballots.map((x: { delegation: string; choice: string }) => [x.delegation, x.choice]),
    );
    for (const [delegation, choice] of acknowledged) expect(recorded.get(delegation), delegation).toBe(choice);
    const counted = result.result.yes + result.result.no + result.result.abstain;
    expect(counted).toBe(recorded.size);
    expect(counted).toBeGreaterThanOrEqual(acknowledged.size);
  });
});
