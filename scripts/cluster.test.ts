import { describe, expect, it } from 'vitest';
import { nodeSpec, parseClusterArgs, UsageError } from './cluster.js';

function usageId(argv: string[]): string {
  try {
    parseClusterArgs(argv);
  } catch (error) {
    if (error instanceof UsageError) return error.id;
    throw error;
  }
  return 'accepted';
}

describe('parseClusterArgs', () => {
  it('defaults to three nodes from port 3000', () => {
    expect(parseClusterArgs([])).toEqual({ nodes: 3, port: 3000, help: false });
  });

  it('reads --nodes and --port, spaced or with =', () => {
    expect(parseClusterArgs(['--nodes', '5', '--port', '4100'])).toEqual({ nodes: 5, port: 4100, help: false });
    expect(parseClusterArgs(['--port=4100', '--nodes=1'])).toEqual({ nodes: 1, port: 4100, help: false });
    expect(parseClusterArgs(['-h']).help).toBe(true);
  });

  it.each([
    [['--nodes'], 'missing_value'],
    [['--nodes='], 'missing_value'],
    [['--nodes', '0'], 'invalid_nodes'],
    [['--nodes', '17'], 'invalid_nodes'],
    [['--nodes', '2.5'], 'invalid_nodes'],
    [['--nodes', '-1'], 'invalid_nodes'],
    [['--port', 'http'], 'invalid_port'],
    [['--port', '0'], 'invalid_port'],
    [['--port', '65534', '--nodes', '3'], 'invalid_port'],
    [['--nodes', '3', '--port', '65533'], 'accepted'],
    [['--verbose'], 'unknown_option'],
    [['3'], 'unknown_option'],
  ])('%j → %s', (argv, id) => {
    expect(usageId(argv)).toBe(id);
  });
});

describe('nodeSpec', () => {
  it('gives each node its name, consecutive port, own data dir and the shared engines', () => {
    const options = parseClusterArgs(['--nodes', '3', '--port', '4000']);
    const engines = { databaseUrl: 'postgres://postgres@127.0.0.1:5999/accord', redisUrl: 'redis://127.0.0.1:6999' };
    const specs = [0, 1, 2].map((i) => nodeSpec(i, options, engines, '/tmp/c'));
    expect(specs.map((s) => [s.name, s.url])).toEqual([
      ['node-1', 'http://127.0.0.1:4000'],
      ['node-2', 'http://127.0.0.1:4001'],
      ['node-3', 'http://127.0.0.1:4002'],
    ]);
    expect(specs[2]!.env).toEqual({
      PORT: '4002',
      HOST: '127.0.0.1',
      DATABASE_URL: engines.databaseUrl,
      REDIS_URL: engines.redisUrl,
      SEED: 'demo',
      DATA_DIR: '/tmp/c/node-3',
      SIGNING_KEY_FILE: '/tmp/c/signing-key.pem',
    });
  });
});
