import type { TestProject } from 'vitest/node';
import { startPostgres } from '../scripts/lib/engines.js';
import { seedOnce } from './helpers/seededData.js';

declare module 'vitest' {
  export interface ProvidedContext {
    /** The PostgreSQL server of the `postgres` test project; each test server gets a fresh database on it. */
    postgresUrl: string;
  }
}

/**
 * Starts the throwaway PostgreSQL the `postgres` project's test servers store their data in, and seeds the
 * demo conference there once, the database each test server's is copied from.
 */
export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const pg = await startPostgres();
  project.provide('postgresUrl', pg.url);
  try {
    const { seeded, remove } = await seedOnce(pg.url);
    project.provide('postgresSeeded', seeded);
    return async () => {
      await remove();
      await pg.stop();
    };
  } catch (error) {
    await pg.stop();
    throw error;
  }
}
