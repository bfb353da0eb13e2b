import type { TestProject } from 'vitest/node';
import { startPostgres } from '../scripts/lib/engines.js';

declare module 'vitest' {
  export interface ProvidedContext {
    /** The PostgreSQL server of the `postgres` test project; each test server gets a fresh database on it. */
    postgresUrl: string;
  }
}

/** Starts the throwaway PostgreSQL the `postgres` project's test servers store their data in. */
export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const pg = await startPostgres();
  project.provide('postgresUrl', pg.url);
  return () => pg.stop();
}
