import { describe, expect, it } from 'vitest';
import { loadConfig } from './config.js';

describe('configuration of the storage and the cluster', () => {
  it('keeps SQLite when DATABASE_URL is unset or empty', () => {
    expect(loadConfig({}).DATABASE_URL).toBeUndefined();
    expect(loadConfig({ DATABASE_URL: '', REDIS_URL: '' }).REDIS_URL).toBeUndefined();
  });

  it('takes a PostgreSQL URL and a Redis URL together', () => {
    const c = loadConfig({ DATABASE_URL: 'postgres://accord@db:5432/accord', REDIS_URL: 'redis://cache:6379' });
    expect(c.DATABASE_URL).toBe('postgres://accord@db:5432/accord');
    expect(c.REDIS_URL).toBe('redis://cache:6379');
    expect(c.DATABASE_POOL_SIZE).toBe(10);
  });

  it('refuses a URL of the wrong kind, and Redis without a shared database, naming the variable', () => {
    expect(() => loadConfig({ DATABASE_URL: 'mysql://x' })).toThrow(/DATABASE_URL/);
    expect(() => loadConfig({ DATABASE_URL: 'postgres://x/y', REDIS_URL: 'http://x' })).toThrow(/REDIS_URL/);
    expect(() => loadConfig({ REDIS_URL: 'redis://cache:6379' })).toThrow(
      /REDIS_URL: several nodes need one shared database/,
    );
  });

  it('takes an SMTP URL for e-mail (empty: none) and refuses another scheme, naming the variable', () => {
    expect(loadConfig({ SMTP_URL: '' }).SMTP_URL).toBeUndefined();
    const c = loadConfig({ SMTP_URL: 'smtps://user:secret@mail.example.org:465', SMTP_FROM: 'Accord <a@example.org>' });
    expect([c.SMTP_URL, c.SMTP_FROM]).toEqual(['smtps://user:secret@mail.example.org:465', 'Accord <a@example.org>']);
    expect(loadConfig({}).SMTP_FROM).toBe('Accord <accord@localhost>');
    expect(() => loadConfig({ SMTP_URL: 'http://mail.example.org' })).toThrow(/SMTP_URL: must be an smtp/);
  });
});
