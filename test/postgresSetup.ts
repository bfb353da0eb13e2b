import type { TestProject } from 'vitest/node';
import { seedOnce } from './helpers/seededData.js';
import { takePostgres } from './enginesSetup.js';

declare module 'vitest' {
  export interface ProvidedContext {
    /** The PostgreSQL server of the `postgres` test project; each test server gets a fresh database on it. */
    postgresUrl: string;
  }
}

/**
 * Takes the run's throwaway PostgreSQL (`enginesSetup.ts`) for the `postgres` project's test servers to store
 * their data in, and seeds the demo conference there once, the database each test server's is copied from.
 */
export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const pg = await takePostgres();
  project.provide('postgresUrl', pg.value.url);
  project.provide('enginesPostgresUrl', pg.value.url);
  try {
    const { seeded, remove } = await seedOnce(pg.value.url);
    project.provide('postgresSeeded', seeded);
    return async () => {
      await remove();
      await pg.release();
    };
  } catch (error) {
    await pg.release();
    throw error;
  }
}
