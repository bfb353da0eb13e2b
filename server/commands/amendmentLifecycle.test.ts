import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { clauseToPlainText } from '../../shared/editor/text.js';
import { toMarkup } from '../../shared/editor/markup.js';
import { clauseOrder, readClause } from '../../shared/editor/ydoc.js';
import type { AmendmentKind } from '../../shared/api/amendments.js';
import { actorOf } from '../auth/session.js';
import { newId } from '../db/ids.js';
import { startTestServer, type TestServer } from '../../test/helpers/server.js';
import { findAmendment, putAmendmentToVote, settleAmendmentVote } from './amendmentLifecycle.js';

const DOC = 'almaty-declaration';
let server: TestServer;

beforeAll(async () => {
  server = await startTestServer();
});
afterAll(() => server?.close());

/** A submitted amendment by FRA on the clause at `index`, written against its current text. */
function submitted(index: number, kind: AmendmentKind, text: string | null): string {
  const { ctx } = server;
  const doc = ctx.registry.get(DOC)!;
  const clauseId = clauseOrder(doc)[index]!;
  const node = readClause(doc, clauseId);
  const id = newId();
  ctx.store.amendments.insert({
    id,
    documentId: DOC,
    clauseId,
    kind,
    text,
    rationale: 'Clearer.',
    delegation: 'FRA',
    proposerId: ctx.store.users.byUsername('fra-delegate')!.id,
    baseText: clauseToPlainText(node),
    baseMarkup: toMarkup(node),
  });
  return id;
}

const chair = () => actorOf(server.ctx.store.users.byUsername('chair')!);
const inTransaction = <T>(fn: () => T): T => server.ctx.store.transaction(fn);

describe('amendment lifecycle driven by votes', () => {
  it('puts a submitted amendment to the vote, once', () => {
    const id = submitted(18, 'replace', 'Changed by vote.');
    inTransaction(() => putAmendmentToVote(server.ctx, id));
    expect(findAmendment(server.ctx, id)!.status).toBe('put_to_vote');
    expect(() => inTransaction(() => putAmendmentToVote(server.ctx, id))).toThrow(expect.objectContaining({ status: 409, id: 'amendment_in_vote' }));
    expect(() => putAmendmentToVote(server.ctx, 'nope')).toThrow(expect.objectContaining({ status: 404, id: 'amendment_not_found' }));
    expect(findAmendment(server.ctx, 'nope')).toBeUndefined();
  });

  it('applies an adopted replacement to the live text, attributed to the chair', () => {
    const id = submitted(18, 'replace', '*Calls upon* every State to act.');
    const clauseId = findAmendment(server.ctx, id)!.clause_id;
    inTransaction(() => putAmendmentToVote(server.ctx, id));
    inTransaction(() => settleAmendmentVote(server.ctx, id, true, chair()));
    const row = findAmendment(server.ctx, id)!;
    expect(row).toMatchObject({ status: 'adopted', applied: 1, decided_by: chair().userId });
    expect(clauseToPlainText(readClause(server.ctx.registry.get(DOC)!, clauseId))).toBe('Calls upon every State to act.');
    const last = server.ctx.store.docUpdates.since(DOC, 0).at(-1)!;
    expect(last.user_id).toBe(chair().userId);
    expect(server.ctx.store.audit.entries().at(-1)).toMatchObject({ action: 'amendment.vote_result', payload: { outcome: 'adopted', applied: true } });
  });

  it('records a rejection without touching the text', () => {
    const id = submitted(19, 'delete', null);
    const before = clauseOrder(server.ctx.registry.get(DOC)!);
    inTransaction(() => putAmendmentToVote(server.ctx, id));
    inTransaction(() => settleAmendmentVote(server.ctx, id, false, chair()));
    expect(findAmendment(server.ctx, id)).toMatchObject({ status: 'not_adopted', applied: 0 });
    expect(clauseOrder(server.ctx.registry.get(DOC)!)).toEqual(before);
    expect(() => inTransaction(() => settleAmendmentVote(server.ctx, id, true, chair()))).toThrow(expect.objectContaining({ status: 409 }));
  });

  it('inserts an adopted new clause after its target, of the same kind', () => {
    const id = submitted(20, 'insert_after', '*Invites* States to report.');
    const target = findAmendment(server.ctx, id)!.clause_id;
    inTransaction(() => putAmendmentToVote(server.ctx, id));
    inTransaction(() => settleAmendmentVote(server.ctx, id, true, chair()));
    const { new_clause_id: created } = findAmendment(server.ctx, id)!;
    const order = clauseOrder(server.ctx.registry.get(DOC)!);
    expect(order[order.indexOf(target) + 1]).toBe(created);
    expect(server.ctx.store.documents.clause(DOC, created!)!.kind).toBe(server.ctx.store.documents.clause(DOC, target)!.kind);
  });

  it('leaves memory as committed when the caller’s transaction fails after applying', async () => {
    const id = submitted(21, 'replace', 'Never committed.');
    const clauseId = findAmendment(server.ctx, id)!.clause_id;
    const before = clauseToPlainText(readClause(server.ctx.registry.get(DOC)!, clauseId));
    inTransaction(() => putAmendmentToVote(server.ctx, id));
    expect(() =>
      inTransaction(() => {
        settleAmendmentVote(server.ctx, id, true, chair());
        throw new Error('the vote could not be closed');
      }),
    ).toThrow('the vote could not be closed');
    await new Promise((resolve) => process.nextTick(resolve));
    expect(findAmendment(server.ctx, id)!.status).toBe('put_to_vote');
    expect(clauseToPlainText(readClause(server.ctx.registry.get(DOC)!, clauseId))).toBe(before);
  });

  it('refuses to settle onto a locked clause', () => {
    const id = submitted(22, 'replace', 'Locked meanwhile.');
    const row = findAmendment(server.ctx, id)!;
    inTransaction(() => putAmendmentToVote(server.ctx, id));
    server.ctx.store.documents.setClauseStatus(DOC, row.clause_id, 'agreed_ad_ref');
    expect(() => inTransaction(() => settleAmendmentVote(server.ctx, id, true, chair()))).toThrow(expect.objectContaining({ status: 403, id: 'clause_locked' }));
    expect(findAmendment(server.ctx, id)!.status).toBe('put_to_vote');
    server.ctx.store.documents.setClauseStatus(DOC, row.clause_id, 'open');
  });
});
