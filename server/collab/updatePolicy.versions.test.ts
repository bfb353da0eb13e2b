import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { parseMarkup } from '../../shared/editor/markup.js';
import { getClauseFragment, getOrder, getVersionFragment, writeClause } from '../../shared/editor/ydoc.js';
import { CloseCode } from '../../shared/protocol/collab.js';
import type { ClauseStatus } from '../../shared/domain/clauses.js';
import type { Stage } from '../../shared/domain/stages.js';
import { checkUpdate, type PolicyView } from './updatePolicy.js';

const KK_TRANSLATOR = { role: 'observer' as const, delegation: null, translates: ['kk'] };
const SECRETARIAT = { role: 'secretariat' as const, delegation: null };
const HEAD = { role: 'head' as const, delegation: 'KAZ' };

/** A server document with clauses `a` and `b` and a kk version of `a`, and a client copy of it. */
function setup(): { server: Y.Doc; client: Y.Doc } {
  const server = new Y.Doc({ gc: true });
  server.transact(() => {
    writeClause(server, 'a', parseMarkup('Recalls the first paragraph.'));
    writeClause(server, 'b', parseMarkup('Calls upon States.'));
    getVersionFragment(server, 'a', 'kk').insert(0, [paragraph('Бірінші абзацты еске салады.')]);
    getOrder(server).insert(0, ['a', 'b']);
  });
  const client = new Y.Doc();
  client.clientID = 4242;
  Y.applyUpdate(client, Y.encodeStateAsUpdate(server));
  return { server, client };
}

function paragraph(text: string, name = 'paragraph'): Y.XmlElement {
  const element = new Y.XmlElement(name);
  element.insert(0, [new Y.XmlText(text)]);
  return element;
}

function policy(stage: Stage, clauses: Record<string, { status?: ClauseStatus; deleted?: boolean }> = {}): PolicyView {
  return {
    stage,
    clauses: new Map(
      ['a', 'b'].map((id) => [id, { status: clauses[id]?.status ?? 'open', deleted: clauses[id]?.deleted ?? false }]),
    ),
    versions: new Set(['kk', 'ru']),
  };
}

function change(doc: Y.Doc, fn: () => void): Uint8Array {
  const before = Y.encodeStateVector(doc);
  doc.transact(fn);
  return Y.encodeStateAsUpdate(doc, before);
}

const typeIn = (fragment: Y.XmlFragment) => () =>
  ((fragment.get(0) as Y.XmlElement).get(0) as Y.XmlText).insert(0, 'Ә');
const addTo =
  (fragment: Y.XmlFragment, name = 'paragraph') =>
  () =>
    fragment.push([paragraph('Жаңа', name)]);
const free = (): 'free' => 'free';

/** The verdict on a change made to a fresh client copy of a fresh server document. */
function judge(
  actor: Parameters<typeof checkUpdate>[2],
  view: PolicyView,
  fn: (client: Y.Doc) => void,
): ReturnType<typeof checkUpdate> {
  const { server, client } = setup();
  return checkUpdate(
    server,
    change(client, () => fn(client)),
    actor,
    view,
    free,
  );
}
const refused = (reason: string) => ({ ok: false, code: CloseCode.FORBIDDEN_WRITE, reason });

describe('checkUpdate on language versions (clause/<id>/<lang>)', () => {
  it('lets a translator of kk write kk, in any stage before adoption and on a locked clause', () => {
    for (const stage of ['drafting', 'negotiation', 'adoption'] as const) {
      const { server, client } = setup();
      const update = change(client, typeIn(getVersionFragment(client, 'a', 'kk')));
      const view = policy(stage, { a: { status: 'agreed_ad_ref' } });
      const verdict = checkUpdate(server, update, KK_TRANSLATOR, view, free);
      expect(verdict).toMatchObject({ ok: true, empty: false, growth: new Map([['a/kk', 1]]) });
    }
    const { server, client } = setup();
    const fresh = change(client, addTo(getVersionFragment(client, 'b', 'kk')));
    expect(checkUpdate(server, fresh, KK_TRANSLATOR, policy('drafting'), free)).toMatchObject({ ok: true });
  });

  it('refuses the translator of kk on ru, on the original, and in an update mixing them', () => {
    const view = policy('drafting');
    expect(judge(KK_TRANSLATOR, view, (c) => addTo(getVersionFragment(c, 'a', 'ru'))())).toEqual(
      refused('role_not_allowed:a'),
    );
    expect(judge(KK_TRANSLATOR, view, (c) => typeIn(getClauseFragment(c, 'a'))())).toEqual(
      refused('role_not_allowed:a'),
    );
    const mixed = (c: Y.Doc) => {
      typeIn(getVersionFragment(c, 'a', 'kk'))();
      typeIn(getClauseFragment(c, 'b'))();
    };
    expect(judge(KK_TRANSLATOR, view, mixed)).toEqual(refused('role_not_allowed:b'));
  });

  it('lets the secretariat write every version; a head of delegation none', () => {
    const write = (c: Y.Doc) => addTo(getVersionFragment(c, 'b', 'ru'))();
    expect(judge(SECRETARIAT, policy('negotiation'), write)).toMatchObject({ ok: true });
    expect(judge(HEAD, policy('drafting'), write)).toEqual(refused('role_not_allowed:b'));
  });

  it('refuses a language the document lacks, a deleted or unknown clause, and writes after adoption', () => {
    expect(judge(SECRETARIAT, policy('drafting'), (c) => addTo(getVersionFragment(c, 'a', 'fr'))())).toEqual(
      refused('outside_schema'),
    );
    const kk = (c: Y.Doc) => typeIn(getVersionFragment(c, 'a', 'kk'))();
    expect(judge(KK_TRANSLATOR, policy('drafting', { a: { deleted: true } }), kk)).toEqual(refused('unknown_clause:a'));
    expect(judge(KK_TRANSLATOR, policy('adopted'), kk)).toEqual(refused('stage_not_allowed:a'));
    expect(judge(KK_TRANSLATOR, policy('drafting'), (c) => addTo(getVersionFragment(c, 'zz', 'kk'))())).toEqual(
      refused('unknown_clause:zz'),
    );
  });

  it('checks a version’s content against the clause schema, as the original’s', () => {
    const view = policy('drafting');
    expect(judge(KK_TRANSLATOR, view, (c) => addTo(getVersionFragment(c, 'a', 'kk'), 'script')())).toEqual(
      refused('outside_schema'),
    );
    expect(
      judge(KK_TRANSLATOR, view, (c) =>
        getVersionFragment(c, 'a', 'kk').insert(0, [new Y.XmlHook('x') as unknown as Y.XmlElement]),
      ),
    ).toEqual(refused('outside_schema'));
  });
});
