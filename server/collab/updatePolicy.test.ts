import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { parseMarkup } from '../../shared/editor/markup.js';
import { getClauseFragment, getOrder, writeClause } from '../../shared/editor/ydoc.js';
import { CloseCode } from '../../shared/protocol/collab.js';
import type { ClauseStatus } from '../../shared/domain/clauses.js';
import type { Stage } from '../../shared/domain/stages.js';
import { checkUpdate, type PolicyView } from './updatePolicy.js';
import { charIds, encodeSections, gc, parksOn, textItem } from './updateShapes.js';

const SECRETARIAT = { role: 'secretariat' as const, delegation: null };
const DELEGATE = { role: 'delegate' as const, delegation: 'KAZ' };

/** A server document with clauses `a` and `b`, and a client copy of it under its own client id. */
function setup(): { server: Y.Doc; client: Y.Doc } {
  const server = new Y.Doc({ gc: true });
  server.transact(() => {
    writeClause(server, 'a', parseMarkup('Recalls the first paragraph.'));
    writeClause(server, 'b', parseMarkup('Calls upon States.'));
    getOrder(server).insert(0, ['a', 'b']);
  });
  const client = new Y.Doc();
  client.clientID = 4242;
  Y.applyUpdate(client, Y.encodeStateAsUpdate(server));
  return { server, client };
}

function policy(stage: Stage, statuses: Record<string, ClauseStatus> = {}): PolicyView {
  return {
    stage,
    clauses: new Map(['a', 'b'].map((id) => [id, { status: statuses[id] ?? 'open', deleted: false }])),
  };
}

/** The update a change on `doc` produces. */
function change(doc: Y.Doc, fn: () => void): Uint8Array {
  const before = Y.encodeStateVector(doc);
  doc.transact(fn);
  return Y.encodeStateAsUpdate(doc, before);
}

function textOf(doc: Y.Doc, clauseId: string): Y.XmlText {
  return (getClauseFragment(doc, clauseId).get(0) as Y.XmlElement).get(0) as Y.XmlText;
}

const free = (): 'free' => 'free';

describe('checkUpdate', () => {
  it('resolves inserts through their origins to the clause they land in', () => {
    const { server, client } = setup();
    const update = change(client, () => textOf(client, 'b').insert(5, 'X'));
    const verdict = checkUpdate(server, update, DELEGATE, policy('drafting'), free);
    expect(verdict).toMatchObject({ ok: true, empty: false, clauses: ['b'], order: false, newClientIds: [4242] });
  });

  it('resolves deletions through the items they delete', () => {
    const { server, client } = setup();
    const update = change(client, () => textOf(client, 'a').delete(0, 3));
    expect(checkUpdate(server, update, DELEGATE, policy('drafting', { a: 'agreed_ad_ref' }), free)).toEqual({
      ok: false,
      code: CloseCode.FORBIDDEN_WRITE,
      reason: 'clause_locked:a',
    });
  });

  it('judges deletion ranges that repeat or overlap as the one range they cover', () => {
    const { server } = setup();
    const seed = server.clientID;
    const state = Y.getState(server.store, seed);
    const once = encodeSections([], [{ client: seed, clock: 0, len: state }]);
    const repeated = encodeSections(
      [],
      Array.from({ length: 5_000 }, (_, i) => ({ client: seed, clock: i % 3, len: state - (i % 3) })),
    );
    for (const stage of ['drafting', 'adoption'] as const) {
      const verdict = checkUpdate(server, once, DELEGATE, policy(stage, { a: 'agreed_ad_ref' }), free);
      expect(verdict).toMatchObject({ ok: false });
      expect(checkUpdate(server, repeated, DELEGATE, policy(stage, { a: 'agreed_ad_ref' }), free)).toEqual(verdict);
    }
    expect(
      checkUpdate(server, encodeSections([], [{ client: seed, clock: 0, len: 0 }]), DELEGATE, policy('drafting'), free),
    ).toMatchObject({ ok: false });
  });

  it('refuses a delegate writing the order array, allows the secretariat', () => {
    const { server, client } = setup();
    const update = change(client, () => {
      getOrder(client).delete(0, 1);
      getOrder(client).insert(1, ['a']);
    });
    expect(checkUpdate(server, update, DELEGATE, policy('drafting'), free)).toMatchObject({
      ok: false,
      reason: 'role_not_allowed',
    });
    expect(checkUpdate(server, update, SECRETARIAT, policy('drafting'), free)).toMatchObject({
      ok: true,
      order: true,
      clauses: [],
    });
  });

  it('treats an already-known update as empty (a step 2 repeating what the server has)', () => {
    const { server, client } = setup();
    const verdict = checkUpdate(
      server,
      Y.encodeStateAsUpdate(client),
      { role: 'observer', delegation: null },
      policy('adopted'),
      free,
    );
    expect(verdict).toMatchObject({ ok: true, empty: true });
  });

  it('allows an insert next to garbage-collected neighbours: it lands in a deleted region and writes nothing', () => {
    const { server, client } = setup();
    // The client types into the paragraph of clause a while, on the server, the paragraph is deleted and
    // its contents collected.
    const update = change(client, () => textOf(client, 'a').insert(3, 'late'));
    server.transact(() => getClauseFragment(server, 'a').delete(0, 1));
    getClauseFragment(server, 'a').insert(0, [new Y.XmlElement('paragraph')]);
    const verdict = checkUpdate(server, update, DELEGATE, policy('drafting', { a: 'agreed_ad_ref' }), free);
    expect(verdict).toMatchObject({ ok: true, empty: false, clauses: [] });
    Y.applyUpdate(server, update);
    expect(getClauseFragment(server, 'a').toString()).toBe('<paragraph></paragraph>');
  });

  it('refuses an update with a gap in its client’s clocks, and one whose origin the server lacks', () => {
    const { server, client } = setup();
    change(client, () => textOf(client, 'a').insert(0, 'first '));
    const second = change(client, () => textOf(client, 'a').insert(0, 'second '));
    expect(checkUpdate(server, second, DELEGATE, policy('drafting'), free)).toMatchObject({
      ok: false,
      code: CloseCode.MISSING_DEPENDENCY,
    });

    const other = new Y.Doc();
    other.clientID = 777;
    Y.applyUpdate(other, Y.encodeStateAsUpdate(server));
    const unseen = change(other, () => textOf(other, 'a').insert(0, 'unseen'));
    Y.applyUpdate(client, unseen);
    const dependent = change(client, () => textOf(client, 'a').insert(3, '!'));
    expect(checkUpdate(server, dependent, DELEGATE, policy('drafting'), free)).toMatchObject({
      ok: false,
      code: CloseCode.MISSING_DEPENDENCY,
    });
  });

  it('refuses roots outside the layout and elements outside the clause schema', () => {
    const cases: [(client: Y.Doc) => void, string][] = [
      [(client) => client.getMap('settings').set('x', 1), 'outside_schema'],
      [(client) => getClauseFragment(client, 'b').insert(0, [new Y.XmlElement('script')]), 'outside_schema'],
      [(client) => textOf(client, 'b').format(0, 4, { href: 'https://example.org' }), 'outside_schema'],
      // Marks the schema knows, carrying a payload past the text limits.
      [(client) => textOf(client, 'b').format(0, 4, { em: { note: 'x'.repeat(100_000) } }), 'outside_schema'],
      [(client) => textOf(client, 'b').format(0, 4, { [`em--${'x'.repeat(100_000)}`]: {} }), 'outside_schema'],
      [(client) => textOf(client, 'b').format(0, 4, { strong: 'x'.repeat(1000) }), 'outside_schema'],
      [(client) => getClauseFragment(client, 'zzz').insert(0, [new Y.XmlElement('paragraph')]), 'unknown_clause:zzz'],
      [(client) => getOrder(client).insert(0, ['not-a-clause']), 'unknown_clause:not-a-clause'],
    ];
    for (const [write, reason] of cases) {
      const { server, client } = setup();
      const update = change(client, () => write(client));
      expect(checkUpdate(server, update, SECRETARIAT, policy('drafting'), free)).toMatchObject({ ok: false, reason });
    }
    // What the editor writes for marks passes: attributes of a mark, and null to remove it.
    const { server, client } = setup();
    const marks = change(client, () => {
      textOf(client, 'b').format(0, 4, { em: {}, strong: {} });
      textOf(client, 'b').format(1, 2, { em: null });
    });
    expect(checkUpdate(server, marks, SECRETARIAT, policy('drafting'), free)).toMatchObject({ ok: true });
  });

  it('refuses structs under a client id that belongs to someone else, or to the server', () => {
    const { server, client } = setup();
    const update = change(client, () => textOf(client, 'b').insert(0, 'x'));
    expect(checkUpdate(server, update, DELEGATE, policy('drafting'), () => 'taken')).toMatchObject({
      ok: false,
      code: CloseCode.CLIENT_ID_TAKEN,
    });
    expect(checkUpdate(server, update, DELEGATE, policy('drafting'), () => 'own')).toMatchObject({
      ok: true,
      newClientIds: [],
    });
    Y.applyUpdate(server, update);
    client.clientID = server.clientID;
    const asServer = change(client, () => textOf(client, 'b').insert(0, 'y'));
    expect(checkUpdate(server, asServer, DELEGATE, policy('drafting'), free)).toMatchObject({
      ok: false,
      code: CloseCode.CLIENT_ID_TAKEN,
    });
  });

  it('refuses bytes that do not decode', () => {
    const { server } = setup();
    expect(checkUpdate(server, new Uint8Array([1, 200, 200, 200]), DELEGATE, policy('drafting'), free)).toMatchObject({
      ok: false,
    });
  });

  describe('updates Yjs would park are refused, never parked', () => {
    const OBSERVER = { role: 'observer' as const, delegation: null };

    it('refuses a client section repeated inside one update (Yjs keeps only the last)', () => {
      const { server } = setup();
      const aim = charIds(textOf(server, 'a'))[3]!;
      // The checker would see one run 0..5; Yjs drops the first section and parks the second, waiting for clock 0.
      const repeated = encodeSections([
        { structs: [gc(9001, 0)] },
        { structs: [textItem(9001, 1, 'EVIL', { origin: aim })] },
      ]);
      expect(parksOn(server, repeated)).toBe(true);
      expect(checkUpdate(server, repeated, DELEGATE, policy('drafting'), free)).toEqual({
        ok: false,
        code: CloseCode.MALFORMED_MESSAGE,
        reason: 'repeated_client_section:9001',
      });
      // Separated by another client's section, and an empty section that would wipe a client's structs.
      const apart = encodeSections([
        { structs: [gc(9001, 0)] },
        { structs: [gc(9002, 0)] },
        { structs: [gc(9001, 1)] },
      ]);
      expect(checkUpdate(server, apart, DELEGATE, policy('drafting'), free)).toMatchObject({
        ok: false,
        reason: 'repeated_client_section:9001',
      });
      const empty = encodeSections([{ structs: [textItem(9001, 0, 'x', { origin: aim })] }, { structs: [] }]);
      expect(checkUpdate(server, empty, DELEGATE, policy('drafting'), free)).toMatchObject({
        ok: false,
        code: CloseCode.MALFORMED_MESSAGE,
      });
    });

    it('refuses structs whose predecessor cannot be integrated first (a cycle across clients)', () => {
      const { server } = setup();
      const aim = charIds(textOf(server, 'a'))[2]!;
      // 9100:0 waits for 9050:0, which waits for 9100:1, which waits for 9100:0: Yjs parks all three.
      const cycle = encodeSections([
        {
          structs: [
            textItem(9100, 0, 'x', { origin: Y.createID(9050, 0) }),
            textItem(9100, 1, 'EVIL', { origin: aim }),
          ],
        },
        { structs: [textItem(9050, 0, 'z', { origin: Y.createID(9100, 1) })] },
      ]);
      expect(parksOn(server, cycle)).toBe(true);
      expect(checkUpdate(server, cycle, DELEGATE, policy('drafting'), free)).toMatchObject({
        ok: false,
        code: CloseCode.MISSING_DEPENDENCY,
        reason: expect.stringMatching(/^would_park:/),
      });
    });

    it('refuses deletions that would wait for structs parked with them', () => {
      const { server } = setup();
      const aim = charIds(textOf(server, 'a'))[2]!;
      const cycle = encodeSections(
        [
          {
            structs: [textItem(9100, 0, 'x', { origin: Y.createID(9050, 0) }), textItem(9100, 1, 'y', { origin: aim })],
          },
          { structs: [textItem(9050, 0, 'z', { origin: Y.createID(9100, 1) })] },
        ],
        [{ client: 9050, clock: 0, len: 1 }],
      );
      expect(checkUpdate(server, cycle, DELEGATE, policy('drafting'), free)).toMatchObject({
        ok: false,
        code: CloseCode.MISSING_DEPENDENCY,
      });
    });

    it('refuses structs, GC included, from anyone without a write right in the document now', () => {
      const { server } = setup();
      const filler = encodeSections([{ structs: [gc(9001, 0, 3)] }]);
      const cases: [Parameters<typeof checkUpdate>[2], Stage, string][] = [
        [OBSERVER, 'drafting', 'role_not_allowed'],
        [DELEGATE, 'negotiation', 'stage_not_allowed'],
        [DELEGATE, 'adoption', 'stage_not_allowed'],
        [SECRETARIAT, 'adoption', 'stage_not_allowed'],
        [SECRETARIAT, 'adopted', 'stage_not_allowed'],
        [{ role: 'delegate', delegation: null }, 'drafting', 'no_delegation'],
      ];
      for (const [actor, stage, reason] of cases) {
        expect(checkUpdate(server, filler, actor, policy(stage), free)).toEqual({
          ok: false,
          code: CloseCode.FORBIDDEN_WRITE,
          reason,
        });
      }
      // A writer's collected structs are ordinary (offline typing deleted before it was sent).
      expect(
        checkUpdate(server, filler, DELEGATE, policy('drafting', { a: 'agreed_ad_ref', b: 'agreed_ad_ref' }), free),
      ).toMatchObject({ ok: true, newClientIds: [9001] });
      expect(checkUpdate(server, filler, SECRETARIAT, policy('negotiation'), free)).toMatchObject({ ok: true });
    });

    it('still takes an update that continues a struct the server has in part', () => {
      const { server, client } = setup();
      const base = Y.encodeStateVector(client);
      Y.applyUpdate(
        server,
        change(client, () => textOf(client, 'b').insert(0, 'abc')),
      );
      change(client, () => textOf(client, 'b').insert(3, 'def'));
      // The client merged its two inserts into one struct 0..6; the server has 0..3.
      const overlapping = Y.encodeStateAsUpdate(client, base);
      expect(Y.decodeUpdate(overlapping).structs).toHaveLength(1);
      expect(parksOn(server, overlapping)).toBe(false);
      expect(checkUpdate(server, overlapping, DELEGATE, policy('drafting'), () => 'own')).toMatchObject({
        ok: true,
        empty: false,
        clauses: ['b'],
      });
    });
  });
});
