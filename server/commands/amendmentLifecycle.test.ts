import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { clauseToPlainText } from '../../shared/editor/text.js';
import { toMarkup } from '../../shared/editor/markup.js';
import { clauseOrder, readClause } from '../../shared/editor/ydoc.js';
import type { AmendmentKind } from '../../shared/api/amendments.js';
import { actorOf } from '../auth/session.js';
import { newId } from '../db/ids.js';
import { startTestServer, type TestServer } from '../../test/helpers/server.js';
import { putAmendmentToVote, settleAmendmentVote } from './amendmentLifecycle.js';
import { findAmendment } from '../queries/amendments.js';

const DOC = 'almaty-declaration';
let server: TestServer;

beforeAll(async () => {
  server = await startTestServer();
});
afterAll(() => server?.close());

/** A submitted amendment by FRA on the clause at `index`, written against its current text. */
async function submitted(index: number, kind: AmendmentKind, text: string | null): Promise<string> {
  const { ctx } = server;
  const doc = (await ctx.registry.get(DOC))!;
  const clauseId = clauseOrder(doc)[index]!;
  const node = readClause(doc, clauseId);
  const id = newId();
  await ctx.store.amendments.insert({
    id,
    documentId: DOC,
    clauseId,
    kind,
    text,
    rationale: 'Clearer.',
    delegation: 'FRA',
    proposerId: (await ctx.store.users.byUsername('fra-delegate'))!.id,
    baseText: clauseToPlainText(node),
    baseMarkup: toMarkup(node),
  });
  return id;
}

const chair = async () => actorOf((await server.ctx.store.users.byUsername('chair'))!);
const inTransaction = <T>(fn: () => Promise<T>): Promise<T> => server.ctx.store.transaction(fn);
const live = async () => (await server.ctx.registry.get(DOC))!;
const amendment = async (id: string) => (await findAmendment(server.ctx, id))!;

describe('amendment lifecycle driven by votes', () => {
  it('puts a submitted amendment to the vote, once', async () => {
    const id = await submitted(18, 'replace', 'Changed by vote.');
    await inTransaction(() => putAmendmentToVote(server.ctx, id));
    expect((await amendment(id)).status).toBe('put_to_vote');
    await expect(inTransaction(() => putAmendmentToVote(server.ctx, id))).rejects.toMatchObject({
      status: 409,
      id: 'amendment_in_vote',
    });
    await expect(putAmendmentToVote(server.ctx, 'nope')).rejects.toMatchObject({
      status: 404,
      id: 'amendment_not_found',
    });
    expect(await findAmendment(server.ctx, 'nope')).toBeUndefined();
  });

  it('applies an adopted replacement to the live text, attributed to the chair', async () => {
    const id = await submitted(18, 'replace', '*Calls upon* every State to act.');
    const clauseId = (await amendment(id)).clause_id;
    const by = await chair();
    await inTransaction(() => putAmendmentToVote(server.ctx, id));
    await inTransaction(() => settleAmendmentVote(server.ctx, id, true, by));
    const row = await amendment(id);
    expect(row).toMatchObject({ status: 'adopted', applied: 1, decided_by: by.userId });
    expect(clauseToPlainText(readClause(await live(), clauseId))).toBe('Calls upon every State to act.');
    const last = (await server.ctx.store.docUpdates.since(DOC, 0)).at(-1)!;
    expect(last.user_id).toBe(by.userId);
    expect((await server.ctx.store.audit.entries()).at(-1)).toMatchObject({
      action: 'amendment.vote_result',
      payload: { outcome: 'adopted', applied: true },
    });
  });

  it('records a rejection without touching the text', async () => {
    const id = await submitted(19, 'delete', null);
    const before = clauseOrder(await live());
    const by = await chair();
    await inTransaction(() => putAmendmentToVote(server.ctx, id));
    await inTransaction(() => settleAmendmentVote(server.ctx, id, false, by));
    expect(await findAmendment(server.ctx, id)).toMatchObject({ status: 'not_adopted', applied: 0 });
    expect(clauseOrder(await live())).toEqual(before);
    await expect(inTransaction(() => settleAmendmentVote(server.ctx, id, true, by))).rejects.toMatchObject({
      status: 409,
    });
  });

  it('inserts an adopted new clause after its target, of the same kind', async () => {
    const id = await submitted(20, 'insert_after', '*Invites* States to report.');
    const target = (await amendment(id)).clause_id;
    const by = await chair();
    await inTransaction(() => putAmendmentToVote(server.ctx, id));
    await inTransaction(() => settleAmendmentVote(server.ctx, id, true, by));
    const { new_clause_id: created } = await amendment(id);
    const order = clauseOrder(await live());
    expect(order[order.indexOf(target) + 1]).toBe(created);
    expect((await server.ctx.store.documents.clause(DOC, created!))!.kind).toBe(
      (await server.ctx.store.documents.clause(DOC, target))!.kind,
    );
  });

  it('leaves memory as committed when the caller’s transaction fails after applying', async () => {
    const id = await submitted(21, 'replace', 'Never committed.');
    const clauseId = (await amendment(id)).clause_id;
    const before = clauseToPlainText(readClause(await live(), clauseId));
    const by = await chair();
    await inTransaction(() => putAmendmentToVote(server.ctx, id));
    await expect(
      inTransaction(async () => {
        await settleAmendmentVote(server.ctx, id, true, by);
        throw new Error('the vote could not be closed');
      }),
    ).rejects.toThrow('the vote could not be closed');
    expect((await amendment(id)).status).toBe('put_to_vote');
    expect(clauseToPlainText(readClause(await live(), clauseId))).toBe(before);
  });

  it('refuses to settle onto a locked clause', async () => {
    const id = await submitted(22, 'replace', 'Locked meanwhile.');
    const row = await amendment(id);
    const by = await chair();
    await inTransaction(() => putAmendmentToVote(server.ctx, id));
    await server.ctx.store.documents.setClauseStatus(DOC, row.clause_id, 'agreed_ad_ref');
    await expect(inTransaction(() => settleAmendmentVote(server.ctx, id, true, by))).rejects.toMatchObject({
      status: 403,
      id: 'clause_locked',
    });
    expect((await amendment(id)).status).toBe('put_to_vote');
    await server.ctx.store.documents.setClauseStatus(DOC, row.clause_id, 'open');
  });
});
