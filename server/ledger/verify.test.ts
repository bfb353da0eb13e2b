import { describe, expect, it } from 'vitest';
import { openStorage } from '../db/connection.js';
import { AuditLog, type AuditEntryInput } from '../db/repositories/audit.js';
import { appendCheckpoint, CHECKPOINT_INTERVAL } from './checkpoints.js';
import { generateSigningKey } from './signingKey.js';
import { verifyLedger } from './verify.js';

const key = generateSigningKey();
const published = { publicKeyPem: key.publicKeyPem, fingerprint: key.fingerprint };
const input = (i: number): AuditEntryInput => ({
  action: 'comment.create',
  actorId: null,
  actor: 'x',
  documentId: null,
  subject: null,
  payload: { i },
});

/** A ledger whose writer skipped checkpoints: `before` entries, a checkpoint, then `after` entries. */
async function ledger(before: number, after: number, closing = false) {
  const sql = await openStorage({ dataDir: ':memory:' });
  const log = new AuditLog(sql);
  for (let i = 0; i < before; i++) await log.append(input(i));
  await appendCheckpoint(log, key, (await log.head())!);
  for (let i = 0; i < after; i++) await log.append(input(i));
  if (closing) await log.append({ ...input(0), action: 'vote.close', subject: 'vote:v', payload: { result: {} } });
  return sql;
}

describe('verify-ledger on checkpoints', () => {
  it(`accepts fewer than ${CHECKPOINT_INTERVAL} unsigned entries at the end`, async () => {
    expect((await verifyLedger(await ledger(3, CHECKPOINT_INTERVAL - 2), { publicKey: published })).problems).toEqual(
      [],
    );
  });

  it('names a tail left unsigned beyond the interval', async () => {
    const { problems } = await verifyLedger(await ledger(3, CHECKPOINT_INTERVAL + 20), { publicKey: published });
    expect(problems.map((p) => p.message)).toEqual([
      `entries 4 to ${CHECKPOINT_INTERVAL + 24} follow the last signed head unsigned: more than the ${CHECKPOINT_INTERVAL} the server leaves`,
    ]);
  });

  it('names a gap between checkpoints beyond the interval', async () => {
    const sql = await ledger(3, CHECKPOINT_INTERVAL + 20);
    const log = new AuditLog(sql);
    await appendCheckpoint(log, key, (await log.head())!);
    const { problems } = await verifyLedger(sql, { publicKey: published });
    expect(problems.map((p) => p.code)).toEqual(['checkpoint_missing']);
    expect(problems[0]!.message).toBe(
      `entries 4 to ${CHECKPOINT_INTERVAL + 24} went unsigned: more than ${CHECKPOINT_INTERVAL} (a checkpoint was removed)`,
    );
  });

  it('names a vote close that no checkpoint follows, and checks no signature without a key', async () => {
    const sql = await ledger(1, 0, true);
    const report = await verifyLedger(sql);
    expect(report.checkedWith).toBeNull();
    expect(report.problems.map((p) => p.code)).toContain('checkpoint_missing');
  });
});
