import type { TestProject } from 'vitest/node';
import { postgresBinDir, startPostgres, type LocalPostgres } from '../scripts/lib/engines.js';
import { takeShared } from './runShared.js';

declare module 'vitest' {
  export interface ProvidedContext {
    /**
     * The run's PostgreSQL server where `usePostgres()` (test/helpers/engines.ts) makes each file's databases;
     * absent where PostgreSQL is not installed. Not `postgresUrl`, which puts every test server on PostgreSQL.
     */
    enginesPostgresUrl: string | undefined;
  }
}

/**
 * The run's throwaway PostgreSQL server, one for every project that takes it: its initdb, start and stop
 * cost seconds, which each test file needing PostgreSQL paid before.
 */
export function takePostgres(): Promise<{ value: LocalPostgres; release(): Promise<void> }> {
  return takeShared(
    'postgres',
    () => startPostgres({ durable: false }),
    (server) => server.stop(),
  );
}

/** Starts the PostgreSQL server the suites of storage on PostgreSQL share, when it is installed. */
export default async function setup(project: TestProject): Promise<(() => Promise<void>) | undefined> {
  if (postgresBinDir() === undefined) return undefined;
  const pg = await takePostgres();
  project.provide('enginesPostgresUrl', pg.value.url);
  return () => pg.release();
}
