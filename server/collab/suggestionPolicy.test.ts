import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { parseMarkup } from '../../shared/editor/markup.js';
import { getClauseFragment, getOrder, writeClause } from '../../shared/editor/ydoc.js';
import { CloseCode } from '../../shared/protocol/collab.js';
import { checkUpdate, type PolicyActor, type PolicyView } from './updatePolicy.js';

const DELEGATE: PolicyActor = { role: 'delegate', delegation: 'KAZ', userId: 'u-kaz' };
const OTHER = { id: 's-fra', user: 'u-fra', delegation: 'FRA' };
const OWN = { id: 's-kaz', user: 'u-kaz', delegation: 'KAZ' };

/** A server document with clause `b` ("Calls upon States."), and a delegate's copy under its own client id. */
function setup(prepare?: (text: Y.XmlText) => void): { server: Y.Doc; client: Y.Doc } {
  const server = new Y.Doc({ gc: true });
  server.transact(() => {
    writeClause(server, 'b', parseMarkup('Calls upon States.'));
    getOrder(server).insert(0, ['b']);
  });
  if (prepare) server.transact(() => prepare(textOf(server)));
  const client = new Y.Doc();
  client.clientID = 4242;
  Y.applyUpdate(client, Y.encodeStateAsUpdate(server));
  return { server, client };
}

function policy(suggestionsRequired = true): PolicyView {
  return { stage: 'drafting', clauses: new Map([['b', { status: 'open', deleted: false }]]), suggestionsRequired };
}

function textOf(doc: Y.Doc): Y.XmlText {
  return (getClauseFragment(doc, 'b').get(0) as Y.XmlElement).get(0) as Y.XmlText;
}

/** What the delegate's change sends, judged by the server. */
function judge(
  fn: (text: Y.XmlText) => void,
  options: { actor?: PolicyActor; required?: boolean; prepare?: (text: Y.XmlText) => void } = {},
) {
  const { server, client } = setup(options.prepare);
  const before = Y.encodeStateVector(client);
  client.transact(() => fn(textOf(client)));
  const update = Y.encodeStateAsUpdate(client, before);
  return checkUpdate(server, update, options.actor ?? DELEGATE, policy(options.required ?? true), () => 'free');
}

const refused = { ok: false, code: CloseCode.FORBIDDEN_WRITE, reason: 'suggestion_required:b' };

describe('the write policy when suggestions are required', () => {
  it('lets a delegate insert words under their own suggestion mark', () => {
    expect(judge((t) => t.insert(10, 'all ', { suggestion: OWN }))).toMatchObject({ ok: true, clauses: ['b'] });
  });

  it('refuses words typed without a suggestion mark', () => {
    expect(judge((t) => t.insert(10, 'all '))).toEqual(refused);
  });

  it('refuses words attributed to someone else, or to another delegation', () => {
    expect(judge((t) => t.insert(10, 'all ', { suggestion: OTHER }))).toEqual(refused);
    expect(judge((t) => t.insert(10, 'all ', { suggestion: { ...OWN, delegation: 'FRA' } }))).toEqual(refused);
  });

  it('refuses deleting words that are not their own pending insertion', () => {
    expect(judge((t) => t.delete(0, 6))).toEqual(refused);
  });

  it('lets them mark words as a suggested deletion, and take their own mark off again', () => {
    expect(judge((t) => t.format(0, 6, { suggestion_deletion: OWN }))).toMatchObject({ ok: true });
    const marked = (t: Y.XmlText) => t.format(0, 6, { suggestion_deletion: { ...OWN, user: 'u-kaz' } });
    expect(judge((t) => t.format(0, 6, { suggestion_deletion: null }), { prepare: marked })).toMatchObject({
      ok: true,
    });
  });

  it('lets them delete their own pending insertion, not someone else’s', () => {
    const own = (t: Y.XmlText) => t.insert(10, 'all ', { suggestion: OWN });
    expect(judge((t) => t.delete(10, 4), { prepare: own })).toMatchObject({ ok: true });
    const other = (t: Y.XmlText) => t.insert(10, 'all ', { suggestion: OTHER });
    expect(judge((t) => t.delete(10, 4), { prepare: other })).toEqual(refused);
  });

  it('refuses accepting or rejecting anyone’s suggestion by changing its mark', () => {
    const other = (t: Y.XmlText) => t.insert(10, 'all ', { suggestion: OTHER });
    // Taking the mark off the words would accept them; ending it in their middle, a part of them.
    expect(judge((t) => t.format(10, 4, { suggestion: null }), { prepare: other })).toEqual(refused);
    expect(judge((t) => t.format(12, 2, { suggestion: null }), { prepare: other })).toEqual(refused);
    expect(judge((t) => t.format(10, 4, { suggestion: OWN }), { prepare: other })).toEqual(refused);
    const deletion = (t: Y.XmlText) => t.format(0, 6, { suggestion_deletion: OTHER });
    expect(judge((t) => t.format(0, 6, { suggestion_deletion: null }), { prepare: deletion })).toEqual(refused);
  });

  it('refuses an insertion whose marks would cover existing words (a mark opened and never closed)', () => {
    // A format item written by hand: its effect runs to the next one of its key, over the words after it.
    expect(
      judge((t) => {
        t.insert(10, 'all ', { suggestion: OWN });
        t.format(14, 4, { suggestion: OWN });
      }),
    ).toEqual(refused);
  });

  it('lets them suggest inside someone else’s suggestion, and suggest deleting it', () => {
    const other = (t: Y.XmlText) => t.insert(10, 'all ', { suggestion: OTHER });
    expect(judge((t) => t.insert(12, 'X', { suggestion: OWN }), { prepare: other })).toMatchObject({ ok: true });
    expect(judge((t) => t.format(10, 4, { suggestion_deletion: OWN }), { prepare: other })).toMatchObject({
      ok: true,
    });
  });

  it('leaves the secretariat, and everyone when suggestions are not required, to edit directly', () => {
    const secretariat: PolicyActor = { role: 'secretariat', delegation: null, userId: 'u-sec' };
    expect(judge((t) => t.delete(0, 6), { actor: secretariat })).toMatchObject({ ok: true });
    expect(judge((t) => t.delete(0, 6), { required: false })).toMatchObject({ ok: true });
  });
});

describe('the copy the suggestions are judged on', () => {
  it('does not keep a refused update: the next one is judged against the document as it is', () => {
    const { server, client } = setup();
    const before = Y.encodeStateVector(client);
    client.transact(() => textOf(client).format(0, 6, { suggestion: OWN }));
    const marking = Y.encodeStateAsUpdate(client, before);
    expect(checkUpdate(server, marking, DELEGATE, policy(), () => 'free')).toEqual(refused);
    // The delegate resyncs (a fresh copy) and suggests words: the refused marks are nowhere, here or there.
    const fresh = new Y.Doc();
    fresh.clientID = 4343;
    Y.applyUpdate(fresh, Y.encodeStateAsUpdate(server));
    const sv = Y.encodeStateVector(fresh);
    textOf(fresh).insert(10, ' all', { suggestion: OWN });
    expect(checkUpdate(server, Y.encodeStateAsUpdate(fresh, sv), DELEGATE, policy(), () => 'free')).toMatchObject({
      ok: true,
    });
  });

  it('follows the document through accepted updates', () => {
    const { server, client } = setup();
    for (const word of ['all ', 'the ', 'other ']) {
      const before = Y.encodeStateVector(client);
      textOf(client).insert(10, word, { suggestion: OWN });
      const update = Y.encodeStateAsUpdate(client, before);
      expect(checkUpdate(server, update, DELEGATE, policy(), () => 'free')).toMatchObject({ ok: true });
      Y.applyUpdate(server, update);
    }
    const before = Y.encodeStateVector(client);
    textOf(client).delete(10, 6);
    expect(checkUpdate(server, Y.encodeStateAsUpdate(client, before), DELEGATE, policy(), () => 'free')).toMatchObject({
      ok: true,
    });
  });
});
