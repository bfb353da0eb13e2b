import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { afterAll, describe, inject } from 'vitest';
import {
  createDatabase,
  postgresBinDir,
  redisAvailable,
  startPostgres,
  startRedis,
  type LocalPostgres,
  type LocalRedis,
} from '../../scripts/lib/engines.js';

/** Directory of Debian's PostgreSQL binaries, or undefined when PostgreSQL is not installed. */
export const postgres = postgresBinDir();
/** Whether redis-server is installed. */
export const redis = redisAvailable();

export const POSTGRES_MISSING = 'PostgreSQL not installed: apt-get install postgresql (CI installs it)';
export const REDIS_MISSING = 'Redis not installed: apt-get install redis-server (CI installs it)';

const inCI = Boolean(process.env.CI) && process.env.CI !== 'false' && process.env.CI !== '0';

/**
 * `describe` for tests that need local engines: skipped, saying what to install, on a developer machine
 * without them; a hard failure under CI, which installs them (`.ci/run`) and must run these tests.
 */
function describeNeeding(missing: string[], name: string, fn: () => void): void {
  if (missing.length === 0) {
    describe(name, fn);
    return;
  }
  const why = missing.join('; ');
  if (inCI) throw new Error(`"${name}" cannot run: ${why}. CI must run it.`);
  console.warn(`Skipping "${name}": ${why}`);
  describe.skip(`${name} (${why})`, fn);
}

/** Tests needing PostgreSQL. */
export function describePostgres(name: string, fn: () => void): void {
  describeNeeding(postgres ? [] : [POSTGRES_MISSING], name, fn);
}

/** Tests needing Redis. */
export function describeRedis(name: string, fn: () => void): void {
  describeNeeding(redis ? [] : [REDIS_MISSING], name, fn);
}

/** Tests of several nodes: they need both PostgreSQL and Redis. */
export function describeCluster(name: string, fn: () => void): void {
  describeNeeding([...(postgres ? [] : [POSTGRES_MISSING]), ...(redis ? [] : [REDIS_MISSING])], name, fn);
}

export interface TestPostgres {
  /** A new empty database, so each test starts from nothing. */
  freshDatabaseUrl(): Promise<string>;
}

/** Names this process gave its databases on the run's server, each new: files of a worker share the module. */
let named = 0;
const processTag = randomBytes(4).toString('hex');

/**
 * New databases for a `describePostgres` body (call it at the top of the body). They are made on the run's
 * server (`test/enginesSetup.ts`), each under a name no other file or worker uses, and go with that server
 * at the end of the run. A run without that setup (another config) starts a server for the file, lazily,
 * stopped with the suite's afterAll.
 */
export function usePostgres(): TestPostgres {
  const shared = inject('enginesPostgresUrl');
  let started: Promise<LocalPostgres> | undefined;
  const made: string[] = [];
  afterAll(async () => {
    const server = await started?.catch(() => undefined);
    await server?.stop();
    // The run's server outlives the file: its databases (each a copy of the template, megabytes on disk) go now.
    if (shared && made.length > 0) await dropDatabases(shared, made);
  });
  const serverUrl = async (): Promise<string> => shared ?? (await (started ??= startPostgres({ durable: false }))).url;
  return {
    async freshDatabaseUrl() {
      named += 1;
      const name = `test_${processTag}_${named}`;
      const url = await createDatabase(await serverUrl(), name);
      made.push(name);
      return url;
    },
  };
}

/** Drops `names` on the server at `url`, closing what is still connected to them. */
async function dropDatabases(url: string, names: readonly string[]): Promise<void> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    for (const name of names) await client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
  } finally {
    await client.end();
  }
}

/** One Redis per test file, started lazily and stopped after the file's tests (see usePostgres). */
export function useRedis(): { instance(): Promise<LocalRedis> } {
  let started: Promise<LocalRedis> | undefined;
  afterAll(async () => {
    const server = await started?.catch(() => undefined);
    await server?.stop();
  });
  return { instance: () => (started ??= startRedis()) };
}
