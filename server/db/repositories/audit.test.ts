import { describe, expect, it } from 'vitest';
import { openDatabase } from '../connection.js';
import { AuditLog, GENESIS_HASH } from './audit.js';

const entry = (action: string, payload: Record<string, unknown> = {}) => ({ action, actorId: null, actor: 'chair', documentId: 'd', subject: null, payload });

describe('audit chain', () => {
  it('chains each entry to the previous one and verifies intact', () => {
    const log = new AuditLog(openDatabase(':memory:'));
    const a = log.append(entry('a', { n: 1 }));
    const b = log.append(entry('b', { z: 1, a: [2, { y: 1, x: 0 }] }));
    expect(a.prevHash).toBe(GENESIS_HASH);
    expect(b.prevHash).toBe(a.hash);
    expect(log.verify()).toEqual({ intact: true, entries: 2 });
  });

  it('reports the first broken link when a row is altered or removed', () => {
    const db = openDatabase(':memory:');
    const log = new AuditLog(db);
    for (let i = 0; i < 4; i++) log.append(entry(`e${i}`, { i }));
    db.prepare(`UPDATE audit_log SET payload = '{"i":99}' WHERE seq = 2`).run();
    expect(log.verify()).toMatchObject({ intact: false, brokenAt: 2 });
    db.prepare(`UPDATE audit_log SET payload = '{"i":1}' WHERE seq = 2`).run();
    expect(log.verify()).toMatchObject({ intact: true });
    db.prepare('DELETE FROM audit_log WHERE seq = 3').run();
    expect(log.verify()).toMatchObject({ intact: false, brokenAt: 4, reason: 'previous hash does not match' });
  });
});
