import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import readline from 'node:readline';
import { fileURLToPath } from 'node:url';
import { createSigningKey } from '../server/ledger/signingKey.js';
import {
  createDatabase,
  postgresBinDir,
  redisAvailable,
  startPostgres,
  startRedis,
  type LocalPostgres,
  type LocalRedis,
} from './lib/engines.js';

/**
 * `npm run cluster -- --nodes 3 [--port 3000]`: several Accord nodes on one PostgreSQL and one Redis, all on
 * this machine, for trying the multi-node setup. The engines come from the Debian packages and live in a
 * temp dir that is removed at the end; the nodes listen on consecutive ports from --port.
 */

export interface ClusterOptions {
  /** How many nodes. Default 3. */
  nodes: number;
  /** The first node's port; node i listens on port + i. Default 3000. */
  port: number;
  help: boolean;
}

/** A command line that cannot be run; `id` is stable. */
export class UsageError extends Error {
  constructor(
    readonly id: 'unknown_option' | 'missing_value' | 'invalid_nodes' | 'invalid_port',
    message: string,
  ) {
    super(message);
    this.name = 'UsageError';
  }
}

export const MAX_NODES = 16;

export const USAGE = `Usage: npm run cluster -- [--nodes N] [--port P]
  --nodes N   Accord nodes to start, 1 to ${MAX_NODES} (default 3)
  --port P    port of the first node; the others follow (default 3000)`;

/** Reads `--nodes N`, `--port P` (also `--name=value`) and `--help`; anything else is a UsageError. */
export function parseClusterArgs(argv: readonly string[]): ClusterOptions {
  const options: ClusterOptions = { nodes: 3, port: 3000, help: false };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (arg === '--help' || arg === '-h') {
      options.help = true;
      continue;
    }
    const match = /^--(nodes|port)(?:=(.*))?$/.exec(arg);
    if (!match) throw new UsageError('unknown_option', `Unknown option "${arg}".`);
    const name = match[1] as 'nodes' | 'port';
    const value = match[2] ?? argv[++i];
    if (value === undefined || value === '') throw new UsageError('missing_value', `--${name} needs a value.`);
    if (!/^\d+$/.test(value))
      throw new UsageError(`invalid_${name}`, `--${name} must be a whole number, not "${value}".`);
    options[name] = Number(value);
  }
  if (options.nodes < 1 || options.nodes > MAX_NODES) {
    throw new UsageError('invalid_nodes', `--nodes must be between 1 and ${MAX_NODES}, not ${options.nodes}.`);
  }
  if (options.port < 1 || options.port + options.nodes - 1 > 65535) {
    throw new UsageError(
      'invalid_port',
      `--port must leave room for ${options.nodes} ports below 65536, not ${options.port}.`,
    );
  }
  return options;
}

export interface NodeSpec {
  name: string;
  port: number;
  url: string;
  env: Record<string, string>;
}

/** What node `index` (from 0) is called, where it listens and the environment it runs with. */
export function nodeSpec(
  index: number,
  options: ClusterOptions,
  engines: { databaseUrl: string; redisUrl: string },
  dir: string,
): NodeSpec {
  const name = `node-${index + 1}`;
  const port = options.port + index;
  return {
    name,
    port,
    url: `http://127.0.0.1:${port}`,
    env: {
      PORT: String(port),
      HOST: '127.0.0.1',
      DATABASE_URL: engines.databaseUrl,
      REDIS_URL: engines.redisUrl,
      SEED: 'demo',
      DATA_DIR: path.join(dir, name),
      // Every node signs the one ledger with the one key (created with the cluster's directory).
      SIGNING_KEY_FILE: path.join(dir, 'signing-key.pem'),
    },
  };
}

// --- running ------------------------------------------------------------------------------------------------

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const COLOURS = [36, 33, 35, 32, 34, 31];

interface Running {
  spec: NodeSpec;
  child: ChildProcess;
}

async function main(): Promise<number> {
  let options: ClusterOptions;
  try {
    options = parseClusterArgs(process.argv.slice(2));
  } catch (error) {
    console.error(`${(error as Error).message}\n${USAGE}`);
    return 2;
  }
  if (options.help) {
    console.log(USAGE);
    return 0;
  }
  const missing = [...(postgresBinDir() ? [] : ['postgresql']), ...(redisAvailable() ? [] : ['redis-server'])];
  if (missing.length > 0) {
    console.error(`The cluster needs ${missing.join(' and ')}: sudo apt-get install ${missing.join(' ')}`);
    return 1;
  }
  const busy = await busyPorts(options);
  if (busy.length > 0) {
    console.error(`Port${busy.length > 1 ? 's' : ''} ${busy.join(', ')} already in use: choose another --port.`);
    return 1;
  }
  if (!fs.existsSync(path.join(ROOT, 'dist/client/index.html'))) {
    console.log('Building the client first (npm run build)…');
    if (spawnSync('npm', ['run', 'build'], { cwd: ROOT, stdio: 'inherit' }).status !== 0) return 1;
  }

  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'accord-cluster-'));
  fs.chmodSync(dir, 0o711); // as root, PostgreSQL runs as its own user and must reach its directory inside
  let pg: LocalPostgres | undefined;
  let redis: LocalRedis | undefined;
  const nodes: Running[] = [];
  let stopping: Promise<number> | undefined;
  let finished!: (code: number) => void;
  const done = new Promise<number>((resolve) => (finished = resolve));

  // Nodes first (they finish storing what they accepted), then Redis, then the database they wrote to.
  const shutdown = (why: string, code: number): Promise<number> =>
    (stopping ??= (async () => {
      console.log(`\n${why}: stopping the cluster…`);
      await Promise.all(nodes.map((node) => stopNode(node)));
      await redis?.stop();
      await pg?.stop();
      fs.rmSync(dir, { recursive: true, force: true });
      console.log('Stopped; temporary files removed.');
      finished(code);
      return code;
    })());
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) process.on(signal, () => void shutdown(signal, 0));

  try {
    pg = await startPostgres({ dir: path.join(dir, 'postgres'), durable: true });
    const databaseUrl = await createDatabase(pg.url, 'accord');
    redis = await startRedis();
    console.log(`PostgreSQL ${databaseUrl}\nRedis      ${redis.url}`);
    const specs = Array.from({ length: options.nodes }, (_, i) =>
      nodeSpec(i, options, { databaseUrl, redisUrl: redis!.url }, dir),
    );
    const { key } = createSigningKey(specs[0]!.env.SIGNING_KEY_FILE!);
    console.log(`Signing key ${specs[0]!.env.SIGNING_KEY_FILE} (${key.fingerprint}), shared by every node`);

    // The first node alone migrates and seeds the empty database; the others then join it.
    const launch = async (spec: NodeSpec): Promise<void> => {
      const node = startNode(spec, specs.indexOf(spec));
      nodes.push(node);
      // During a shutdown this joins the one already under way.
      node.child.once('exit', (code, signal) => void shutdown(`${spec.name} exited (${signal ?? `code ${code}`})`, 1));
      await waitHealthy(node, () => stopping !== undefined);
    };
    await launch(specs[0]!);
    await Promise.all(specs.slice(1).map(launch));
    if (stopping) return await stopping;

    console.log(`\nAccord cluster: ${specs.length} node${specs.length > 1 ? 's' : ''} on one PostgreSQL and one Redis`);
    for (const spec of specs) console.log(`  ${spec.name}  ${spec.url}`);
    console.log(
      'Sign in on any node as admin, chair, secretariat, observer, or <iso3>-head / <iso3>-delegate (kaz-head),',
    );
    console.log(`password "${process.env.DEMO_PASSWORD ? '$DEMO_PASSWORD' : 'demo'}". Ctrl-C stops everything.`);
  } catch (error) {
    console.error(error instanceof Error ? error.message : error);
    return shutdown('Start-up failed', 1);
  }
  return done;
}

/** Ports of the range that something already listens on. */
async function busyPorts(options: ClusterOptions): Promise<number[]> {
  const busy: number[] = [];
  for (let port = options.port; port < options.port + options.nodes; port++) {
    const free = await new Promise<boolean>((resolve) => {
      const server = net.createServer();
      server.once('error', () => resolve(false));
      server.listen(port, '127.0.0.1', () => server.close(() => resolve(true)));
    });
    if (!free) busy.push(port);
  }
  return busy;
}

/** Starts one node in its own process group (Ctrl-C reaches the cluster, which stops nodes in order). */
function startNode(spec: NodeSpec, index: number): Running {
  fs.mkdirSync(spec.env.DATA_DIR!, { recursive: true });
  const child = spawn(process.execPath, ['--import', 'tsx', 'server/main.ts'], {
    cwd: ROOT,
    env: { ...process.env, ...spec.env },
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: true,
  });
  const colour = COLOURS[index % COLOURS.length]!;
  const prefix = process.stdout.isTTY ? `\x1b[${colour}m${spec.name}\x1b[0m │ ` : `${spec.name} │ `;
  for (const [stream, out] of [
    [child.stdout!, process.stdout],
    [child.stderr!, process.stderr],
  ] as const) {
    readline
      .createInterface({ input: stream, crlfDelay: Infinity })
      .on('line', (line) => out.write(`${prefix}${line}\n`));
  }
  return { spec, child };
}

/** Waits for GET /api/health to answer 200, or for `abandon()` (the cluster is stopping). */
async function waitHealthy(node: Running, abandon: () => boolean): Promise<void> {
  const deadline = Date.now() + 120_000;
  while (!abandon()) {
    try {
      const response = await fetch(`${node.spec.url}/api/health`, { signal: AbortSignal.timeout(1000) });
      if (response.ok) return;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline)
      throw new Error(`${node.spec.name} did not answer ${node.spec.url}/api/health within two minutes.`);
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}

/** SIGTERM (the node closes its sockets and stores what it accepted), SIGKILL after 20 s. */
async function stopNode({ child }: Running): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), 20_000);
  await exited;
  clearTimeout(timer);
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  main().then(
    (code) => process.exit(code),
    (error: unknown) => {
      console.error(error instanceof Error ? error.stack : error);
      process.exit(1);
    },
  );
}
