import fs from 'node:fs';
import path from 'node:path';
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import JSZip from 'jszip';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type ApiClient, type TestServer } from '../../test/helpers/server.js';
import { verifySignedHead } from '../ledger/checkpoints.js';
import type { BallotReceipt } from '../ledger/receipts.js';
import { verifyPackage } from '../export/verify.js';
import type { LedgerRow } from '../export/model.js';
import { script } from '../../test/helpers/scripts.js';

const DOC = 'almaty-declaration';

let server: TestServer;
let chair: ApiClient;
let vote: string;
const clients = new Map<string, ApiClient>();
const as = async (username: string): Promise<ApiClient> => {
  let client = clients.get(username);
  if (!client) clients.set(username, (client = await server.login(username)));
  return client;
};

/**
 * `npm run verify-ledger` on this server's data (its PostgreSQL database in the postgres project). Run without
 * blocking: the server under test shares this process.
 */
async function verifyLedger(args: string[]): Promise<{ code: number | null; out: string }> {
  const env = { ...process.env, DATA_DIR: server.dataDir, DATABASE_URL: server.ctx.config.DATABASE_URL ?? '' };
  try {
    const { stdout, stderr } = await promisify(execFile)(...script('verify-ledger', ...args), { env });
    return { code: 0, out: (stdout + stderr).trim() };
  } catch (error) {
    const e = error as { code?: number; stdout?: string; stderr?: string };
    return { code: e.code ?? null, out: `${e.stdout ?? ''}${e.stderr ?? ''}`.trim() };
  }
}

function writeReceipt(receipt: unknown): string {
  const file = path.join(server.dataDir, `receipt-${Math.random().toString(36).slice(2)}.json`);
  fs.writeFileSync(file, JSON.stringify(receipt, null, 2));
  return file;
}

const publicKeyFile = (): string => path.join(server.dataDir, 'signing-key.pub.pem');

beforeAll(async () => {
  server = await startTestServer();
  chair = await as('chair');
  await chair.post(`/api/documents/${DOC}/stage`, { stage: 'negotiation' });
  const operative = (await chair.get(`/api/documents/${DOC}`)).body.clauses.filter(
    (c: { kind: string }) => c.kind === 'operative',
  );
  vote = (
    await chair.post(`/api/documents/${DOC}/votes`, {
      subject: { type: 'clause', id: operative[0].id },
      rule: 'simple_majority',
    })
  ).body.id;
});
afterAll(async () => {
  await server?.close();
});

describe('GET /api/votes/:id/receipt', () => {
  it('gives the head its own ballot\u2019s entry and a signed head, which verify-ledger accepts', async () => {
    const kaz = await as('kaz-head');
    expect((await kaz.post(`/api/votes/${vote}/ballots`, { choice: 'yes' })).status).toBe(200);
    const res = await kaz.get(`/api/votes/${vote}/receipt`);
    expect(res.status).toBe(200);
    const receipt = res.body as BallotReceipt;
    expect(receipt).toMatchObject({
      format: 'accord.ballot-receipt',
      vote: { id: vote, documentId: DOC },
      delegation: 'KAZ',
      choice: 'yes',
      entry: { action: 'ballot.cast' },
    });
    expect(verifySignedHead(server.ctx.signingKey.publicKeyPem, receipt.signedHead)).toBe(true);
    // Asked twice, the same entry (a head signed on request may have moved on).
    expect((await kaz.get(`/api/votes/${vote}/receipt`)).body.entry).toEqual(receipt.entry);

    const check = await verifyLedger(['--receipt', writeReceipt(receipt), '--public-key', publicKeyFile()]);
    expect(check).toMatchObject({ code: 0 });
    expect(check.out).toContain(
      `receipt valid: the ballot of KAZ (yes) in vote ${vote} is in the chain as cast (entry ${receipt.entry.seq}`,
    );
  }, 120_000);

  it('follows a change of mind, and the old receipt says the ballot was changed afterwards', async () => {
    const kaz = await as('kaz-head');
    const before = (await kaz.get(`/api/votes/${vote}/receipt`)).body as BallotReceipt;
    await kaz.post(`/api/votes/${vote}/ballots`, { choice: 'abstain' });
    const after = (await kaz.get(`/api/votes/${vote}/receipt`)).body as BallotReceipt;
    expect(after).toMatchObject({
      choice: 'abstain',
      entry: { action: 'ballot.change', payload: { previous: 'yes' } },
    });
    expect(after.entry.seq).toBeGreaterThan(before.entry.seq);
    const old = await verifyLedger(['--receipt', writeReceipt(before), '--public-key', publicKeyFile()]);
    expect(old.code).toBe(0);
    expect(old.out).toContain(`KAZ changed its ballot afterwards: abstain at entry ${after.entry.seq}`);
  }, 120_000);

  it('exits non-zero naming why, for a receipt altered or signed by another key', async () => {
    const receipt = (await (await as('kaz-head')).get(`/api/votes/${vote}/receipt`)).body as BallotReceipt;
    const altered = {
      ...receipt,
      choice: 'no',
      entry: { ...receipt.entry, payload: { ...receipt.entry.payload, choice: 'no' } },
    };
    const res = await verifyLedger(['--receipt', writeReceipt(altered), '--public-key', publicKeyFile()]);
    expect(res.code).toBe(1);
    expect(res.out).toContain(
      `receipt not proven: the receipt's entry ${receipt.entry.seq} does not hash to ${receipt.entry.hash}: the receipt was altered`,
    );
    const wrongKey = {
      ...receipt,
      signedHead: {
        ...receipt.signedHead,
        signature: receipt.signedHead.signature.replace(/^./, (c) => (c === 'A' ? 'B' : 'A')),
      },
    };
    expect((await verifyLedger(['--receipt', writeReceipt(wrongKey), '--public-key', publicKeyFile()])).out).toContain(
      `the signature of head ${receipt.signedHead.seq} is not the key's`,
    );
    expect((await verifyLedger(['--receipt', path.join(server.dataDir, 'none.json')])).code).toBe(2);
    fs.writeFileSync(path.join(server.dataDir, 'junk.json'), '{"format":"x"}');
    expect(await verifyLedger(['--receipt', path.join(server.dataDir, 'junk.json')])).toMatchObject({
      code: 1,
      out: expect.stringContaining('not a ballot receipt'),
    });
  }, 120_000);

  it('answers the alternate, and no one else: 401, 403 for other roles and the undesignated delegate, 404 without a ballot or vote', async () => {
    expect((await server.anonymous().get(`/api/votes/${vote}/receipt`)).status).toBe(401);
    for (const username of ['observer', 'chair', 'secretariat', 'admin', 'kaz-delegate']) {
      const res = await (await as(username)).get(`/api/votes/${vote}/receipt`);
      expect([username, res.status, res.body.error.id]).toEqual([username, 403, 'role_not_allowed']);
    }
    const fra = await (await as('fra-head')).get(`/api/votes/${vote}/receipt`);
    expect([fra.status, fra.body.error.id]).toEqual([404, 'ballot_not_found']);
    const none = await (await as('kaz-head')).get('/api/votes/no-such-vote/receipt');
    expect([none.status, none.body.error.id]).toEqual([404, 'vote_not_found']);

    await (await as('kaz-head')).post('/api/delegations/KAZ/alternate', { username: 'kaz-delegate' });
    const alternate = await (await as('kaz-delegate')).get(`/api/votes/${vote}/receipt`);
    expect([alternate.status, alternate.body.delegation]).toEqual([200, 'KAZ']);
  }, 120_000);
});

describe('the public key and the head', () => {
  it('gives anyone the public key, and anyone signed in the head signed now', async () => {
    const key = await server.anonymous().get('/api/ledger/public-key');
    expect(key.body).toEqual({
      algorithm: 'Ed25519',
      fingerprint: server.ctx.signingKey.fingerprint,
      publicKey: fs.readFileSync(publicKeyFile(), 'utf8'),
    });
    expect((await server.anonymous().get('/api/ledger/head')).status).toBe(401);
    const head = (await (await as('observer')).get('/api/ledger/head')).body;
    expect(head).toMatchObject({ key: server.ctx.signingKey.fingerprint });
    expect(verifySignedHead(key.body.publicKey, head)).toBe(true);
    const check = await verifyLedger(['--public-key', publicKeyFile(), '--expect-head', head.head]);
    expect(check.code, check.out).toBe(0);
    expect(check.out).toContain(`published head ${head.head}: entry ${head.seq}`);
  }, 120_000);
});

describe('the submission package from a live conference', () => {
  it('leaves out the ballots of a vote still open, signs, and verifies with the published key', async () => {
    const res = await fetch(`${server.url}/api/documents/${DOC}/export?format=package`, {
      headers: { cookie: (await as('observer')).cookie! },
    });
    expect(res.status).toBe(200);
    const zip = Buffer.from(await res.arrayBuffer());
    const extract = JSON.parse(
      await (await JSZip.loadAsync(zip)).file('ledger-extract.json')!.async('string'),
    ) as LedgerRow[];
    expect(extract.filter((r) => r.subject === `vote:${vote}`).map((r) => r.action)).toEqual(['vote.open']);
    expect(extract.some((r) => r.action === 'ledger.checkpoint')).toBe(true);
    expect(await verifyPackage(zip, { publicKeyPem: fs.readFileSync(publicKeyFile(), 'utf8') })).toMatchObject({
      ok: true,
      keyFingerprint: server.ctx.signingKey.fingerprint,
    });

    // Once the vote closes, its ballots are public, in the extract, and its closing row with them.
    await chair.post(`/api/votes/${vote}/close`);
    const after = Buffer.from(
      await (
        await fetch(`${server.url}/api/documents/${DOC}/export?format=package`, {
          headers: { cookie: (await as('observer')).cookie! },
        })
      ).arrayBuffer(),
    );
    const rows = JSON.parse(
      await (await JSZip.loadAsync(after)).file('ledger-extract.json')!.async('string'),
    ) as LedgerRow[];
    expect(rows.filter((r) => r.subject === `vote:${vote}`).map((r) => r.action)).toEqual([
      'vote.open',
      'ballot.cast',
      'ballot.change',
      'vote.close',
    ]);
    expect(await verifyPackage(after, { publicKeyPem: fs.readFileSync(publicKeyFile(), 'utf8') })).toMatchObject({
      ok: true,
    });
    expect(await verifyLedger(['--public-key', publicKeyFile()])).toMatchObject({ code: 0 });
  }, 120_000);
});
