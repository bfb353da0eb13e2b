import { afterEach, describe, expect, it, vi } from 'vitest';
import type * as Engines from '../../scripts/lib/engines.js';

/** The helpers as they behave on a machine without PostgreSQL or Redis, under the given CI variable. */
async function helpersWithoutEngines(ci: string | undefined) {
  vi.resetModules();
  vi.doMock('../../scripts/lib/engines.js', async (original) => ({
    ...(await original<typeof Engines>()),
    postgresBinDir: () => undefined,
    redisAvailable: () => false,
  }));
  vi.stubEnv('CI', ci);
  return import('./engines.js');
}

afterEach(() => {
  vi.doUnmock('../../scripts/lib/engines.js');
  vi.unstubAllEnvs();
});

describe('engine test gates', () => {
  it('fail under CI when PostgreSQL or Redis is missing, naming what to install', async () => {
    const helpers = await helpersWithoutEngines('true');
    expect(helpers.postgres).toBeUndefined();
    expect(() => helpers.describePostgres('storage on PostgreSQL', () => {})).toThrow(
      'PostgreSQL not installed: apt-get install postgresql (CI installs it)',
    );
    expect(() => helpers.describeRedis('fan-out', () => {})).toThrow(
      'Redis not installed: apt-get install redis-server',
    );
    expect(() => helpers.describeCluster('two nodes', () => {})).toThrow(
      /PostgreSQL not installed.*; Redis not installed/,
    );
  });
});
