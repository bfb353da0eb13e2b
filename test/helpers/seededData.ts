import { randomBytes, scrypt } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { loadConfig } from '../../server/config.js';
import { startServer } from '../../server/index.js';

/**
 * The demo conference as a server seeds it into an empty database, made once per run by the global setup
 * and copied for each test server: seeding (migrations, 84 accounts, the declaration and its versions, the
 * ledger) costs a fresh server most of its start, and the suite starts hundreds.
 */
export interface SeededData {
  /**
   * A DATA_DIR as the seeding start left it: the SQLite database and the signing key that signed its
   * ledger (a server refuses a ledger signed by another key, so the key is copied with the data).
   */
  dataDir: string;
  /** On PostgreSQL: the seeded database, copied by `CREATE DATABASE … TEMPLATE`; its key is in `dataDir`. */
  postgresTemplate?: string;
}

declare module 'vitest' {
  export interface ProvidedContext {
    /** The run's seeded SQLite data (`test/globalSetup.ts`); absent where no global setup made it. */
    seeded: SeededData | undefined;
    /** The `postgres` project's seeded database (`test/postgresSetup.ts`). */
    postgresSeeded: SeededData | undefined;
  }
}

/** The name of the seeded PostgreSQL database that test databases are made from. */
const TEMPLATE = 'accord_seeded';

/**
 * Seeds the demo conference once, as `startTestServer()` would, and returns where it is with a function that
 * removes it. With `postgresUrl`, into a database on that server, to be used as a template.
 */
export async function seedOnce(postgresUrl?: string): Promise<{ seeded: SeededData; remove(): Promise<void> }> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'accord-seeded-'));
  let databaseUrl: string | undefined;
  if (postgresUrl) {
    await onPostgres(postgresUrl, `CREATE DATABASE ${TEMPLATE}`);
    const url = new URL(postgresUrl);
    url.pathname = `/${TEMPLATE}`;
    databaseUrl = url.toString();
  }
  const config = loadConfig({
    PORT: '0',
    HOST: '127.0.0.1',
    DATA_DIR: dataDir,
    LOG_LEVEL: 'silent',
    ...(databaseUrl ? { DATABASE_URL: databaseUrl } : {}),
  });
  const server = await startServer(config);
  try {
    await server.ctx.store.sql.run('UPDATE users SET password_hash = ? WHERE password_hash IS NOT NULL', [
      await quickHash(config.DEMO_PASSWORD),
    ]);
  } finally {
    // Closing ends every connection to the database, as a template must have none.
    await server.close();
  }
  return {
    seeded: { dataDir, ...(databaseUrl ? { postgresTemplate: TEMPLATE } : {}) },
    async remove() {
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/**
 * The demo password hashed as `server/auth/passwords.ts` does, at a cost of 2^10 rather than 2^14: the hash
 * names its cost, which the server's check reads from it, and the suite signs in a thousand times. That a
 * server seeding itself stores the full cost is checked in `seededData.test.ts`.
 */
async function quickHash(password: string): Promise<string> {
  const [N, r, p] = [1024, 8, 1];
  const salt = randomBytes(16);
  const key = await new Promise<Buffer>((resolve, reject) =>
    scrypt(password, salt, 64, { N, r, p }, (error, derived) => (error ? reject(error) : resolve(derived))),
  );
  return ['scrypt', N, r, p, salt.toString('base64url'), key.toString('base64url')].join('$');
}

/**
 * Settings under which a server would not seed what `seedOnce` seeded: its own database or key, another
 * demo password, no seed at all. A server started with any of them seeds (or not) itself.
 */
const SEED_SETTINGS = ['SEED', 'DEMO_PASSWORD', 'DATABASE_URL', 'SIGNING_KEY_FILE', 'REDIS_URL', 'DATA_DIR'];

/** Whether a test server started with `env` may begin from the seeded copy rather than seed itself. */
export function seedsAsPrepared(env: Record<string, string>): boolean {
  return SEED_SETTINGS.every((name) => !(name in env));
}

/** Copies the seeded DATA_DIR's files into `dataDir`, an empty directory. */
export function copySeededFiles(seeded: SeededData, dataDir: string): void {
  fs.cpSync(seeded.dataDir, dataDir, { recursive: true });
}

/** A new database `name` on the PostgreSQL at `postgresUrl`, a copy of the seeded one; its URL. */
export async function copySeededDatabase(seeded: SeededData, postgresUrl: string, name: string): Promise<string> {
  if (!seeded.postgresTemplate) throw new Error('the seeded data has no PostgreSQL database');
  if (!/^[a-z_][a-z0-9_]{0,62}$/.test(name)) throw new RangeError(`"${name}" is not a lowercase identifier`);
  await onPostgres(postgresUrl, `CREATE DATABASE ${name} TEMPLATE ${seeded.postgresTemplate}`);
  const url = new URL(postgresUrl);
  url.pathname = `/${name}`;
  return url.toString();
}

async function onPostgres(url: string, statement: string): Promise<void> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query(statement);
  } finally {
    await client.end();
  }
}
