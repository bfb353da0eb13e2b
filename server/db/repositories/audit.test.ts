import { describe, expect, it } from 'vitest';
import { openStorage } from '../connection.js';
import { AuditLog, GENESIS_HASH } from './audit.js';

const entry = (action: string, payload: Record<string, unknown> = {}) => ({
  action,
  actorId: null,
  actor: 'chair',
  documentId: 'd',
  subject: null,
  payload,
});

describe('audit chain', () => {
  it('chains each entry to the previous one and verifies intact', async () => {
    const log = new AuditLog(await openStorage({ dataDir: ':memory:' }));
    const a = await log.append(entry('a', { n: 1 }));
    const b = await log.append(entry('b', { z: 1, a: [2, { y: 1, x: 0 }] }));
    expect(a.prevHash).toBe(GENESIS_HASH);
    expect(b.prevHash).toBe(a.hash);
    expect(await log.verify()).toEqual({ intact: true, entries: 2 });
    expect(await log.head()).toEqual(b);
    expect(await log.get(1)).toEqual(a);
    expect(await log.lastOf('a')).toEqual(a);
    expect(await log.firstOfAfter('b', 1)).toEqual(b);
    expect(await log.firstOfAfter('a', 1)).toBeUndefined();
    expect((await log.page(1, 10)).map((e) => e.seq)).toEqual([2]);
  });

  it('is append-only in the database, and reports the first broken link when someone drops the guard', async () => {
    const sql = await openStorage({ dataDir: ':memory:' });
    const log = new AuditLog(sql);
    for (let i = 0; i < 4; i++) await log.append(entry(`e${i}`, { i }));
    await expect(sql.run(`UPDATE audit_log SET payload = '{"i":99}' WHERE seq = 2`)).rejects.toThrow(
      'the ledger is append-only',
    );
    await expect(sql.run('DELETE FROM audit_log WHERE seq = 3')).rejects.toThrow('the ledger is append-only');
    await sql.exec('DROP TRIGGER audit_log_append_only; DROP TRIGGER audit_log_kept');
    await sql.run(`UPDATE audit_log SET payload = '{"i":99}' WHERE seq = 2`);
    expect(await log.verify()).toMatchObject({ intact: false, brokenAt: 2 });
    await sql.run(`UPDATE audit_log SET payload = '{"i":1}' WHERE seq = 2`);
    expect(await log.verify()).toMatchObject({ intact: true });
    await sql.run('DELETE FROM audit_log WHERE seq = 3');
    expect(await log.verify()).toMatchObject({ intact: false, brokenAt: 4, reason: 'previous hash does not match' });
  });
});
