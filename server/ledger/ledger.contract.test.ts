import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import * as Y from 'yjs';
import { afterAll, describe, expect, it } from 'vitest';
import { describePostgres, usePostgres } from '../../test/helpers/engines.js';
import { getClauseFragment } from '../../shared/editor/ydoc.js';
import { loadConfig } from '../config.js';
import type { AppContext } from '../context.js';
import { openStorage } from '../db/connection.js';
import type { Sql } from '../db/sql.js';
import { Store } from '../db/store.js';
import { DocRegistry } from '../collab/registry.js';
import { Events } from '../realtime/events.js';
import { consoleLogger } from '../context.js';
import { actorOf } from '../auth/session.js';
import { seedDemo } from '../seed/demo.js';
import { changeStage } from '../commands/changeStage.js';
import { openVote } from '../commands/openVote.js';
import { castBallot } from '../commands/castBallot.js';
import { closeVote } from '../commands/closeVote.js';
import { audit } from '../commands/audit.js';
import { documentFingerprint } from '../export/source.js';
import { stateVectorBase64 } from '../export/fingerprint.js';
import { generateSigningKey } from './signingKey.js';
import { CHECKPOINT_ACTION } from './checkpoints.js';
import { ballotReceipt } from './receipts.js';
import { checkReceipt } from './checkReceipt.js';
import { verifyLedger } from './verify.js';

const DOC = 'almaty-declaration';

/**
 * The ledger's contract on every engine: checkpoints signed as commands run, every vote recomputed from
 * its ballot entries, receipts issued and checked, adopted texts recomputed from storage — the same on
 * SQLite and PostgreSQL, and each tampering named the same way.
 */
function ledgerContract(open: () => Promise<Sql>): void {
  const closing: (() => Promise<void>)[] = [];
  afterAll(async () => {
    for (const close of closing) await close().catch(() => undefined);
  });

  async function conference(): Promise<{
    ctx: AppContext;
    sql: Sql;
    as: (username: string) => Promise<ReturnType<typeof actorOf>>;
  }> {
    const sql = await open();
    const store = new Store(sql);
    const registry = new DocRegistry(store);
    const ctx: AppContext = {
      config: loadConfig({ LOG_LEVEL: 'silent' }),
      store,
      registry,
      events: new Events(store, consoleLogger('silent')),
      log: consoleLogger('silent'),
      signingKey: generateSigningKey(),
    };
    closing.push(async () => {
      await registry.close();
      await sql.close();
    });
    await seedDemo(ctx, 'demo');
    return { ctx, sql, as: async (username) => actorOf((await store.users.byUsername(username))!) };
  }

  async function clauseVote(
    ctx: AppContext,
    as: (u: string) => Promise<ReturnType<typeof actorOf>>,
    index = 0,
  ): Promise<string> {
    const doc = (await ctx.store.documents.get(DOC))!;
    if (doc.stage === 'drafting') await changeStage(ctx, await as('chair'), DOC, 'negotiation');
    const operative = [...(await ctx.store.documents.clauses(DOC)).values()].filter((c) => c.kind === 'operative');
    return (
      await openVote(ctx, await as('chair'), DOC, {
        subject: { type: 'clause', id: operative[index]!.id },
        rule: 'simple_majority',
      })
    ).id;
  }

  it('signs the head as commands settle things, recomputes every vote, and names a flipped ballot', async () => {
    const { ctx, sql, as } = await conference();
    const vote = await clauseVote(ctx, as);
    await castBallot(ctx, await as('kaz-head'), vote, { choice: 'yes' });
    await castBallot(ctx, await as('gbr-head'), vote, { choice: 'no' });
    await castBallot(ctx, await as('kaz-head'), vote, { choice: 'no' });
    await castBallot(ctx, await as('fra-head'), vote, { choice: 'yes' });
    await closeVote(ctx, await as('chair'), vote);

    const entries = await ctx.store.audit.page(0, 1000);
    expect(entries.filter((e) => e.action === CHECKPOINT_ACTION).map((e) => e.payload.after)).toEqual([
      'document.stage',
      'vote.close',
    ]);
    const publicKey = { publicKeyPem: ctx.signingKey.publicKeyPem, fingerprint: ctx.signingKey.fingerprint };
    const report = await verifyLedger(sql, { publicKey, expectHeads: [entries.at(-1)!.hash] });
    expect(report.problems).toEqual([]);
    expect(report).toMatchObject({
      entries: entries.length,
      checkpoints: 2,
      votes: 1,
      checkedWith: ctx.signingKey.fingerprint,
      expected: [{ seq: entries.at(-1)!.seq }],
    });

    await dropGuards(sql);
    await sql.run(`UPDATE ballots SET choice = 'yes' WHERE vote_id = ? AND delegation = 'KAZ'`, [vote]);
    expect((await verifyLedger(sql, { publicKey })).problems).toEqual([
      expect.objectContaining({
        code: 'ballot_disagrees',
        vote,
        delegation: 'KAZ',
        message: expect.stringContaining('the ballots table says KAZ voted yes, the ledger says no'),
      }),
    ]);
  });

  it('issues a receipt signed on request until a checkpoint covers the ballot, then the checkpoint; both check out', async () => {
    const { ctx, sql, as } = await conference();
    const vote = await clauseVote(ctx, as);
    const kaz = await as('kaz-head');
    await castBallot(ctx, kaz, vote, { choice: 'abstain' });
    const early = await ballotReceipt(ctx, kaz, vote);
    expect(early.signedHead.checkpoint).toBeNull();
    expect(early.entry.payload).toMatchObject({
      delegation: 'KAZ',
      choice: 'abstain',
      nonce: expect.stringMatching(/^[\w-]{22}$/),
    });
    const store = new Store(sql);
    expect(await checkReceipt(store, early, ctx.signingKey)).toMatchObject({ ok: true, problems: [] });

    await closeVote(ctx, await as('chair'), vote);
    const late = await ballotReceipt(ctx, kaz, vote);
    expect(late.entry).toEqual(early.entry);
    expect(late.signedHead.checkpoint).toBeGreaterThan(late.entry.seq);
    expect(await checkReceipt(store, late, ctx.signingKey)).toMatchObject({
      ok: true,
      notes: [expect.stringContaining(`vote ${vote} is closed`)],
    });
    // The earlier receipt, signed on request, still binds: its head is in the chain.
    expect((await checkReceipt(store, early, ctx.signingKey)).ok).toBe(true);

    await dropGuards(sql);
    await sql.run(`UPDATE audit_log SET payload = replace(payload, '"abstain"', '"yes"') WHERE seq = ?`, [
      early.entry.seq,
    ]);
    const broken = await checkReceipt(store, early, ctx.signingKey);
    expect(broken.ok).toBe(false);
    expect(broken.problems[0]).toBe(
      `the ballot of KAZ (abstain) in vote ${vote} is not in the chain as cast: entry ${early.entry.seq} now reads ballot.cast ${JSON.stringify({ choice: 'yes', delegation: 'KAZ', nonce: early.entry.payload.nonce })}`,
    );
  });

  it('recomputes an adopted text from storage and names a change made after adoption', async () => {
    const { ctx, sql } = await conference();
    const live = (await ctx.registry.get(DOC))!;
    await ctx.store.transaction(async () => {
      await ctx.store.documents.setStage(DOC, 'adopted');
      await audit(ctx, null, 'document.adopted', {
        documentId: DOC,
        subject: `document:${DOC}`,
        payload: {
          method: 'without_vote',
          fingerprint: documentFingerprint(live, await ctx.store.documents.clauses(DOC)),
          stateVector: stateVectorBase64(live),
        },
      });
    });
    const before = await verifyLedger(sql, { publicKey: ctx.signingKey });
    expect(before.problems).toEqual([]);
    expect(before.adoptions).toBe(1);

    // An edit that reached storage by some path after adoption.
    const copy = new Y.Doc();
    Y.applyUpdate(copy, Y.encodeStateAsUpdate(live));
    const first = [...(await ctx.store.documents.clauses(DOC)).keys()][0]!;
    const update = captureUpdate(copy, () => {
      const paragraph = new Y.XmlElement('paragraph');
      paragraph.insert(0, [new Y.XmlText('Inserted after adoption.')]);
      getClauseFragment(copy, first).insert(0, [paragraph]);
    });
    await ctx.store.docUpdates.append(DOC, update, { userId: null, delegation: null });
    const after = await verifyLedger(sql, { publicKey: ctx.signingKey });
    expect(after.problems.map((p) => p.code)).toEqual(['adopted_text_changed', 'updates_after_adoption']);
    expect(after.problems[0]!.message).toMatch(
      new RegExp(
        `^document ${DOC}: the stored text's fingerprint is [0-9a-f]{64}, the text adopted at entry \\d+ had [0-9a-f]{64}$`,
      ),
    );
  });
}

function captureUpdate(doc: Y.Doc, change: () => void): Uint8Array {
  let update: Uint8Array | undefined;
  doc.once('update', (u: Uint8Array) => (update = u));
  doc.transact(change);
  return update!;
}

/** What someone holding the database does first. */
async function dropGuards(sql: Sql): Promise<void> {
  if (sql.dialect === 'sqlite') {
    await sql.exec('DROP TRIGGER audit_log_append_only; DROP TRIGGER ballots_frozen_update');
  } else {
    await sql.exec('DROP TRIGGER audit_log_append_only ON audit_log; DROP TRIGGER ballots_frozen_update ON ballots');
  }
}

describe('ledger contract: SQLite', () => {
  const dirs: string[] = [];
  afterAll(() => {
    for (const dir of dirs) fs.rmSync(dir, { recursive: true, force: true });
  });
  ledgerContract(async () => {
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'accord-ledger-'));
    dirs.push(dataDir);
    return openStorage({ dataDir });
  });
});

describePostgres('ledger contract: PostgreSQL', () => {
  const pg = usePostgres();
  ledgerContract(async () => openStorage({ dataDir: ':memory:', databaseUrl: await pg.freshDatabaseUrl() }));
});
