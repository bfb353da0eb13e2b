import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import * as Y from 'yjs';
import { parseMarkup } from '../../shared/editor/markup.js';
import { getClauseFragment, getOrder, writeClause } from '../../shared/editor/ydoc.js';
import { parkedClient, repeatedClientSection } from './parking.js';
import { charIds, encodeSections, gc, parksOn, skip, textItem, type Deletion, type Section } from './updateShapes.js';

type Struct = Y.Item | Y.GC | Y.Skip;

/**
 * A server document with history: two clauses written by the server, text typed by two clients, and a
 * paragraph typed then deleted (its text collected into GC structs).
 */
function history(): Y.Doc {
  const server = new Y.Doc({ gc: true });
  server.transact(() => {
    writeClause(server, 'a', parseMarkup('Recalls the first paragraph.'));
    writeClause(server, 'b', parseMarkup('Calls upon States.'));
    getOrder(server).insert(0, ['a', 'b']);
  });
  for (const clientId of [20, 40]) {
    const client = new Y.Doc();
    Y.applyUpdate(client, Y.encodeStateAsUpdate(server));
    client.clientID = clientId;
    const before = Y.encodeStateVector(client);
    client.transact(() => {
      const text = (getClauseFragment(client, 'a').get(0) as Y.XmlElement).get(0) as Y.XmlText;
      text.insert(clientId % 7, `typed by ${clientId}`);
      const paragraph = new Y.XmlElement('paragraph');
      paragraph.insert(0, [new Y.XmlText('soon gone')]);
      getClauseFragment(client, 'b').insert(1, [paragraph]);
    });
    Y.applyUpdate(server, Y.encodeStateAsUpdate(client, before));
  }
  server.transact(() => getClauseFragment(server, 'b').delete(1, 2));
  return server;
}

const SERVER = history();
/** Clients the update may name: the document's writers and newcomers, in both orders of id. */
const CLIENTS = [SERVER.clientID, 20, 40, 10, 30, 50];
/** Ids an item may point at: characters, elements, collected text, and clocks of the update's clients. */
const STORE_IDS = [
  ...charIds((getClauseFragment(SERVER, 'a').get(0) as Y.XmlElement).get(0) as Y.XmlText),
  getClauseFragment(SERVER, 'a').get(0)!._item!.id,
  ...[...SERVER.store.clients.get(20)!, ...SERVER.store.clients.get(40)!]
    .filter((s) => s instanceof Y.GC)
    .map((s) => s.id),
];

const clientArb = fc.constantFrom(...CLIENTS);
const idArb = fc.oneof(
  { weight: 3, arbitrary: fc.constantFrom(...STORE_IDS) },
  {
    weight: 1,
    arbitrary: fc
      .record({ client: clientArb, clock: fc.nat(6) })
      .map(({ client, clock }) => Y.createID(client, Y.getState(SERVER.store, client) + clock - 2)),
  },
);
const structArb = fc.oneof(
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('gc' as const), len: fc.integer({ min: 1, max: 3 }) }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('skip' as const), len: fc.integer({ min: 1, max: 2 }) }) },
  {
    weight: 4,
    arbitrary: fc.record({
      kind: fc.constant('item' as const),
      text: fc.constantFrom('x', 'yz', 'abc'),
      origin: fc.option(idArb),
      rightOrigin: fc.option(idArb, { freq: 3 }),
      parent: fc.oneof(fc.constant('clause/a'), idArb),
    }),
  },
);
const sectionArb = fc.record({
  client: clientArb,
  start: fc.integer({ min: -2, max: 1 }),
  structs: fc.array(structArb, { minLength: 1, maxLength: 4 }),
});
const deletionArb = fc
  .record({ client: clientArb, clock: fc.nat(14), len: fc.integer({ min: 1, max: 4 }) })
  .map((d) => ({ ...d, clock: Math.max(0, Y.getState(SERVER.store, d.client) + d.clock - 10) }));

type SectionShape = typeof sectionArb extends fc.Arbitrary<infer T> ? T : never;

/** Builds the update: each section starts near its client's state in the document (`start` is relative). */
function encode(shape: { sections: SectionShape[]; deletions: readonly Deletion[] }): Uint8Array {
  const sections: Section[] = shape.sections.map(({ client, start, structs }) => {
    let clock = Math.max(0, Y.getState(SERVER.store, client) + start);
    return {
      structs: structs.map((s): Struct => {
        const at = clock;
        if (s.kind === 'item') {
          clock += s.text.length;
          return textItem(client, at, s.text, {
            origin: s.origin ?? undefined,
            rightOrigin: s.rightOrigin ?? undefined,
            parent: s.parent,
          });
        }
        clock += s.len;
        return s.kind === 'gc' ? gc(client, at, s.len) : skip(client, at, s.len);
      }),
    };
  });
  return encodeSections(sections, shape.deletions);
}

/** The verdict of `parkedClient` on an update, as the policy calls it. */
function predicted(update: Uint8Array): boolean {
  const { structs, ds } = Y.decodeUpdate(update);
  const byClient = new Map<number, Struct[]>();
  for (const s of structs as Struct[]) byClient.set(s.id.client, [...(byClient.get(s.id.client) ?? []), s]);
  return parkedClient(SERVER.store, byClient, ds) !== null;
}

/** What Yjs does with the update on a copy of the document; undefined when Yjs throws on it. */
function actual(update: Uint8Array): boolean | undefined {
  try {
    return parksOn(SERVER, update);
  } catch {
    return undefined;
  }
}

describe('parkedClient', () => {
  it('agrees with Yjs on random update shapes: whatever it calls integrable leaves nothing pending, and the reverse', () => {
    let parked = 0;
    let integrated = 0;
    fc.assert(
      fc.property(
        fc.record({
          sections: fc.array(sectionArb, { minLength: 1, maxLength: 4 }),
          deletions: fc.oneof(fc.constant([]), fc.array(deletionArb, { maxLength: 2 })),
        }),
        (shape) => {
          const update = encode(shape);
          const { structs } = Y.decodeUpdate(update);
          fc.pre(repeatedClientSection(update, structs as Struct[]) === null);
          const truth = actual(update);
          fc.pre(truth !== undefined);
          expect(predicted(update)).toBe(truth);
          if (truth) parked++;
          else integrated++;
        },
      ),
      { numRuns: 2000 },
    );
    // Both answers must be well represented for the agreement to mean something.
    expect(parked).toBeGreaterThan(200);
    expect(integrated).toBeGreaterThan(200);
  });

  it('agrees with Yjs on the shapes the policy tests name', () => {
    const aim = STORE_IDS[3]!;
    const cycle = encodeSections([
      { structs: [textItem(100, 0, 'x', { origin: Y.createID(50, 0) }), textItem(100, 1, 'y', { origin: aim })] },
      { structs: [textItem(50, 0, 'z', { origin: Y.createID(100, 1) })] },
    ]);
    const chain = encodeSections([
      { structs: [textItem(100, 0, 'x', { origin: Y.createID(50, 0) })] },
      { structs: [textItem(50, 0, 'z', { origin: aim })] },
    ]);
    const overlap = encodeSections([{ structs: [gc(20, 0, Y.getState(SERVER.store, 20) + 2)] }]);
    const farDelete = encodeSections([{ structs: [gc(10, 0, 2)] }], [{ client: 10, clock: 1, len: 2 }]);
    for (const [update, parks] of [
      [cycle, true],
      [chain, false],
      [overlap, false],
      [farDelete, true],
    ] as const) {
      expect(actual(update)).toBe(parks);
      expect(predicted(update)).toBe(parks);
    }
  });

  it('costs time in proportion to the update, not to the document', () => {
    const big = new Y.Doc({ gc: true });
    Y.applyUpdate(big, Y.encodeStateAsUpdate(SERVER));
    big.transact(() => {
      const text = (getClauseFragment(big, 'a').get(0) as Y.XmlElement).get(0) as Y.XmlText;
      for (let i = 0; i < 20_000; i++) text.insert(i % 50, 'w');
    });
    const update = encodeSections([{ structs: [textItem(10, 0, 'x', { origin: STORE_IDS[1]! })] }]);
    const { structs, ds } = Y.decodeUpdate(update);
    const byClient = new Map([[10, structs as Struct[]]]);
    // The best of five rounds: a loaded machine's pauses lengthen a round, never shorten one.
    const rounds = Array.from({ length: 5 }, () => {
      const started = performance.now();
      for (let i = 0; i < 1000; i++) parkedClient(big.store, byClient, ds);
      return performance.now() - started;
    });
    expect(Math.min(...rounds) / 1000).toBeLessThan(0.05);
  });
});

describe('repeatedClientSection', () => {
  it('finds a client written twice, apart or side by side, and empty sections', () => {
    const one = (...sections: Struct[][]): Uint8Array => encodeSections(sections.map((structs) => ({ structs })));
    const check = (update: Uint8Array): number | null =>
      repeatedClientSection(update, Y.decodeUpdate(update).structs as Struct[]);
    expect(check(one([gc(1, 0)], [gc(2, 0)]))).toBeNull();
    expect(check(one([gc(1, 0)], [gc(2, 0)], [gc(1, 1)]))).toBe(1);
    expect(check(one([gc(1, 0)], [gc(1, 1)]))).toBe(1);
    expect(check(one([gc(1, 0)], []))).not.toBeNull();
    expect(check(encodeSections([]))).toBeNull();
  });
});
