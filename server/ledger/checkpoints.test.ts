import { describe, expect, it } from 'vitest';
import { openStorage } from '../db/connection.js';
import { AuditLog, type AuditEntryInput } from '../db/repositories/audit.js';
import {
  CHECKPOINT_ACTION,
  CHECKPOINT_INTERVAL,
  checkSigningKeyAtStart,
  checkpointIfDue,
  checkpointOf,
  signHead,
  SigningKeyMismatch,
  verifySignedHead,
} from './checkpoints.js';
import { generateSigningKey } from './signingKey.js';

const key = generateSigningKey();
const input = (
  action: string,
  payload: Record<string, unknown> = {},
  subject: string | null = null,
): AuditEntryInput => ({
  action,
  actorId: null,
  actor: 'chair',
  documentId: 'd',
  subject,
  payload,
});

/** Appends as `audit()` does: the entry, then a checkpoint when one is due. */
async function write(log: AuditLog, entry: AuditEntryInput, signer = key) {
  const appended = await log.append(entry);
  await checkpointIfDue(log, signer, appended);
  return appended;
}

async function checkpoints(log: AuditLog) {
  return (await log.page(0, 10_000))
    .filter((e) => e.action === CHECKPOINT_ACTION)
    .map((e) => ({ entry: e.seq, ...checkpointOf(e)! }));
}

describe('checkpoints', () => {
  it('sign the head right after a vote closes, a stage moves, an export or an adoption, and any entry freezing a result', async () => {
    const log = new AuditLog(await openStorage({ dataDir: ':memory:' }));
    await write(log, input('comment.create'));
    const closed = await write(log, input('vote.close', { result: { outcome: 'adopted' } }, 'vote:v'));
    await write(log, input('ballot.cast', { choice: 'yes' }, 'vote:w'));
    const lapsed = await write(log, input('vote.lapse', { result: { outcome: 'lapsed' } }, 'vote:w'));
    const stage = await write(log, input('document.stage', { to: 'adoption' }));
    const exported = await write(log, input('document.export'));
    expect(await checkpoints(log)).toEqual([
      expect.objectContaining({
        entry: closed.seq + 1,
        seq: closed.seq,
        after: 'vote.close',
        head: closed.hash,
        key: key.fingerprint,
      }),
      expect.objectContaining({ entry: lapsed.seq + 1, seq: lapsed.seq, after: 'vote.lapse', head: lapsed.hash }),
      expect.objectContaining({ entry: stage.seq + 1, seq: stage.seq, after: 'document.stage', head: stage.hash }),
      expect.objectContaining({
        entry: exported.seq + 1,
        seq: exported.seq,
        after: 'document.export',
        head: exported.hash,
      }),
    ]);
    for (const c of await checkpoints(log)) expect(verifySignedHead(key.publicKeyPem, c)).toBe(true);
  });

  it(`sign at least every ${CHECKPOINT_INTERVAL} entries otherwise`, async () => {
    const log = new AuditLog(await openStorage({ dataDir: ':memory:' }));
    for (let i = 0; i < 2 * CHECKPOINT_INTERVAL + 50; i++) await write(log, input('comment.create', { i }));
    const signed = await checkpoints(log);
    // Entry 100 is the hundredth since nothing was signed: the checkpoint after it signs it.
    expect(signed.map((c) => [c.entry, c.seq])).toEqual([
      [CHECKPOINT_INTERVAL + 1, CHECKPOINT_INTERVAL],
      [2 * CHECKPOINT_INTERVAL + 1, 2 * CHECKPOINT_INTERVAL],
    ]);
    expect((await log.head())!.seq - signed.at(-1)!.seq).toBeLessThan(CHECKPOINT_INTERVAL);
  });

  it('are bound to their seq, head and key: any change fails the signature', () => {
    const signed = signHead(key, 7, 'a'.repeat(64));
    expect(verifySignedHead(key.publicKeyPem, signed)).toBe(true);
    expect(verifySignedHead(key.publicKeyPem, { ...signed, seq: 8 })).toBe(false);
    expect(verifySignedHead(key.publicKeyPem, { ...signed, head: 'b'.repeat(64) })).toBe(false);
    expect(verifySignedHead(generateSigningKey().publicKeyPem, signed)).toBe(false);
    expect(verifySignedHead(key.publicKeyPem, { ...signed, signature: 'not base64!' })).toBe(false);
    expect(verifySignedHead(key.publicKeyPem, { ...signed, signature: '' })).toBe(false);
  });

  it('refuse a second key: at start, and when a node with another key would sign', async () => {
    const log = new AuditLog(await openStorage({ dataDir: ':memory:' }));
    await write(log, input('document.stage', { to: 'negotiation' }));
    const other = generateSigningKey();
    await expect(checkSigningKeyAtStart(log, other)).rejects.toBeInstanceOf(SigningKeyMismatch);
    await expect(write(log, input('vote.close', { result: {} }, 'vote:v'), other)).rejects.toThrow(
      `The ledger is signed by key ${key.fingerprint}, but this server holds key ${other.fingerprint}`,
    );
    await expect(checkSigningKeyAtStart(log, key)).resolves.toEqual({ signed: false });
  });

  it('are caught up at start for a ledger written before they existed', async () => {
    const log = new AuditLog(await openStorage({ dataDir: ':memory:' }));
    for (let i = 0; i < CHECKPOINT_INTERVAL + 5; i++) await log.append(input('vote.close', { i }));
    await expect(checkSigningKeyAtStart(log, key)).resolves.toEqual({ signed: true });
    expect(await checkpoints(log)).toEqual([
      expect.objectContaining({ entry: CHECKPOINT_INTERVAL + 6, seq: CHECKPOINT_INTERVAL + 5, after: 'vote.close' }),
    ]);
    await expect(checkSigningKeyAtStart(log, key)).resolves.toEqual({ signed: false });
  });
});
