import { afterAll, describe } from 'vitest';
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
  /** The file's server, started (not durable) on first use and stopped after the file's tests. */
  instance(): Promise<LocalPostgres>;
  /** A new empty database on that server, so each test starts from nothing. */
  freshDatabaseUrl(): Promise<string>;
}

/**
 * One PostgreSQL server per test file, started lazily: call at the top of a `describePostgres` body (the
 * stop is registered with that suite's afterAll).
 */
export function usePostgres(): TestPostgres {
  let started: Promise<LocalPostgres> | undefined;
  let databases = 0;
  afterAll(async () => {
    const server = await started?.catch(() => undefined);
    await server?.stop();
  });
  const instance = (): Promise<LocalPostgres> => (started ??= startPostgres({ durable: false }));
  return {
    instance,
    async freshDatabaseUrl() {
      const server = await instance();
      databases += 1;
      return createDatabase(server.url, `test_${databases}`);
    },
  };
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
