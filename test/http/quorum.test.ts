import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../helpers/server.js';
import { freshDocument, signedIn } from '../helpers/documents.js';

/**
 * The quorum of a vote: checked against the delegations registered when the vote opens, and counted against
 * that same number when it closes, whoever registers meanwhile. Its own server: it registers delegations.
 */
let server: TestServer;
const as = signedIn(() => server);

beforeAll(async () => {
  server = await startTestServer();
});
afterAll(() => server?.close());

const TWENTY = [
  'KAZ',
  'UZB',
  'KGZ',
  'TJK',
  'TKM',
  'RUS',
  'CHN',
  'GBR',
  'POL',
  'FRA',
  'DEU',
  'ITA',
  'ESP',
  'FIN',
  'NLD',
  'EST',
  'USA',
  'CAN',
  'MEX',
  'JPN',
];

describe('quorum', () => {
  it('break 8: is counted against the delegations registered when the vote opened, not those registered by its close, who do not vote in it', async () => {
    const doc = await freshDocument(server, 'negotiation');
    const chair = await as('chair');
    const opened = await chair.post(`/api/documents/${doc.id}/votes`, {
      subject: { type: 'clause', id: doc.clauses[2] },
      rule: 'simple_majority',
      quorum: 0.5,
    });
    expect(opened.status).toBe(201);
    for (const code of TWENTY)
      expect(
        (await (await as(`${code.toLowerCase()}-head`)).post(`/api/votes/${opened.body.id}/ballots`, { choice: 'yes' }))
          .status,
      ).toBe(200);
    // A delegation registers while the vote is open: half of 41 would need 21.
    expect((await (await as('admin')).post('/api/admin/delegations', { code: 'BRA' })).status).toBe(201);
    // Nor does it vote in it: the electorate is the one the quorum was counted on.
    const admin = await as('admin');
    expect(
      (
        await admin.post('/api/admin/users', {
          username: 'bra-head',
          displayName: 'Head, Brazil',
          role: 'head',
          delegation: 'BRA',
          password: 'brazil-2025',
        })
      ).status,
    ).toBe(201);
    const late = await (
      await server.login('bra-head', 'brazil-2025')
    ).post(`/api/votes/${opened.body.id}/ballots`, { choice: 'no' });
    expect([late.status, late.body.error?.id]).toEqual([403, 'not_in_electorate']);
    const closed = await chair.post(`/api/votes/${opened.body.id}/close`);
    expect(closed.body.result).toEqual({
      outcome: 'adopted',
      yes: 20,
      no: 0,
      abstain: 0,
      present: 20,
      registered: 40,
      required: 20,
    });
    const [entry] = (await server.ctx.store.audit.forDocument(doc.id)).filter((e) => e.action === 'vote.open');
    expect(entry!.payload).toMatchObject({ quorum: 0.5, registered: 40 });
  });

  it.each([1e-300, 0.001, 0.02])(
    'refuses a share that comes to less than one delegation (%s of the registered)',
    async (quorum) => {
      const doc = await freshDocument(server, 'negotiation');
      const res = await (
        await as('chair')
      ).post(`/api/documents/${doc.id}/votes`, {
        subject: { type: 'document' },
        rule: 'consensus',
        quorum,
        acknowledge: true,
      });
      expect([res.status, res.body.error?.id, res.body.error?.field]).toEqual([400, 'invalid_input', 'quorum']);
      expect(await server.ctx.store.votes.forDocument(doc.id)).toEqual([]);
      expect((await server.ctx.store.documents.get(doc.id))!.stage).toBe('negotiation');
    },
  );

  it('refuses more delegations than are registered, and accepts from one delegation to all of them', async () => {
    const registered = (await server.ctx.store.delegations.list()).length;
    const doc = await freshDocument(server, 'negotiation');
    const chair = await as('chair');
    const over = await chair.post(`/api/documents/${doc.id}/votes`, {
      subject: { type: 'clause', id: doc.clauses[1] },
      rule: 'consensus',
      quorum: registered + 1,
    });
    expect([over.status, over.body.error?.field]).toEqual([400, 'quorum']);
    for (const [i, quorum] of [1 / registered, 1, 2, registered].entries()) {
      const clause = doc.clauses[i]!;
      const res = await chair.post(`/api/documents/${doc.id}/votes`, {
        subject: { type: 'clause', id: clause },
        rule: 'consensus',
        quorum,
      });
      expect(res.status, String(quorum)).toBe(201);
    }
  });
});
