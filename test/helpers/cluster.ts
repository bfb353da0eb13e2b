import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { ApiClient, startTestServer, type TestServer } from './server.js';
import { createSigningKey } from '../../server/ledger/signingKey.js';
import { serverProcess } from './scripts.js';

/**
 * Several Accord nodes sharing one PostgreSQL database and one Redis, for the multi-node tests: in this
 * process (fast, and the test can look inside each node), or as child processes (`dist/server/main.js`)
 * when a test must kill a node with SIGKILL.
 */

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

const keyFiles = new Map<string, string>();

/**
 * The signing key every node of the cluster on `engines` shares (`SIGNING_KEY_FILE`), as a deployment
 * gives one file to all its nodes: one per database, created on first use, left in the temp dir.
 */
export function clusterKeyFile(engines: ClusterEngines): string {
  let file = keyFiles.get(engines.databaseUrl);
  if (!file) {
    file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'accord-cluster-key-')), 'signing-key.pem');
    createSigningKey(file);
    keyFiles.set(engines.databaseUrl, file);
  }
  return file;
}

/** Where the nodes of one cluster keep their shared state. */
export interface ClusterEngines {
  /** `postgres://…` of a fresh database (usePostgres().freshDatabaseUrl()). */
  databaseUrl: string;
  /** `redis://…` of the Redis the nodes share. */
  redisUrl: string;
}

export interface InProcessCluster {
  /** The nodes, in start order; the first seeded the demo conference. */
  nodes: TestServer[];
  /** Stops every node (each commits what it accepted). Safe to call twice. */
  close(): Promise<void>;
}

/**
 * Starts `count` nodes in this process on 127.0.0.1 port 0, each with its own temporary DATA_DIR but the
 * same database and Redis. The first starts alone and seeds the demo (unless `env.SEED` says otherwise);
 * the others then start together, as a cluster joining a seeded database does.
 */
export async function startCluster(
  count: number,
  engines: ClusterEngines,
  env: Record<string, string> = {},
): Promise<InProcessCluster> {
  if (!Number.isInteger(count) || count < 1) throw new RangeError(`invalid_node_count: ${count}`);
  const nodeEnv = {
    DATABASE_URL: engines.databaseUrl,
    REDIS_URL: engines.redisUrl,
    SIGNING_KEY_FILE: clusterKeyFile(engines),
    DATABASE_POOL_SIZE: '4',
    ...env,
  };
  const nodes: TestServer[] = [await startTestServer(nodeEnv)];
  const rest = await Promise.allSettled(Array.from({ length: count - 1 }, () => startTestServer(nodeEnv)));
  for (const r of rest) if (r.status === 'fulfilled') nodes.push(r.value);
  let closing: Promise<void> | undefined;
  const close = (): Promise<void> => (closing ??= Promise.all(nodes.map((n) => n.close())).then(() => undefined));
  const failed = rest.find((r): r is PromiseRejectedResult => r.status === 'rejected');
  if (failed) {
    await close();
    throw failed.reason;
  }
  return { nodes, close };
}

/** An API client on `baseUrl` carrying a session cookie obtained from another node. */
export function withCookie(baseUrl: string, cookie: string): ApiClient {
  const client = new ApiClient(baseUrl);
  client.cookie = cookie;
  return client;
}

/** Signs `username` in (password "demo") on `baseUrl` and returns the session cookie. */
export async function signIn(baseUrl: string, username: string, password = 'demo'): Promise<string> {
  const client = new ApiClient(baseUrl);
  const res = await client.post('/api/auth/login', { username, password });
  if (res.status !== 200 || !client.cookie)
    throw new Error(`login ${username} failed: ${res.status} ${JSON.stringify(res.body)}`);
  return client.cookie;
}

/** A node running `server/main.ts` in a child process. */
export interface NodeProcess {
  name: string;
  /** `http://127.0.0.1:<port>`, as the node printed it. */
  url: string;
  port: number;
  child: ChildProcess;
  /** Everything the node wrote, stdout and stderr, one line each (for failure messages). */
  output: string[];
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  /** SIGKILL: no shutdown, nothing flushed that was not already committed. Resolves once it is gone. */
  kill(): Promise<void>;
  /** SIGTERM and wait (SIGKILL after 10 s). Safe to call on a node already gone. */
  stop(): Promise<void>;
}

export interface NodeProcessOptions {
  name: string;
  /** Default 0: a free port; pass the old node's port to restart it where its clients look for it. */
  port?: number;
  env?: Record<string, string>;
}

const NODE_START_TIMEOUT_MS = 30_000;

/**
 * Starts the server's bundle (`dist/server/main.js`, as `npm run serve`) as its own process with the cluster's database and Redis, resolving
 * with its URL once it says where it serves. Fails with the node's output if it exits or stays silent.
 */
export async function startNodeProcess(engines: ClusterEngines, options: NodeProcessOptions): Promise<NodeProcess> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), `accord-${options.name}-`));
  const child = spawn(...serverProcess(), {
    cwd: ROOT,
    env: {
      ...process.env,
      PORT: String(options.port ?? 0),
      HOST: '127.0.0.1',
      DATA_DIR: dataDir,
      DATABASE_URL: engines.databaseUrl,
      REDIS_URL: engines.redisUrl,
      SIGNING_KEY_FILE: clusterKeyFile(engines),
      DATABASE_POOL_SIZE: '4',
      LOG_LEVEL: 'info',
      ...options.env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.once('exit', (code, signal) => {
      fs.rmSync(dataDir, { recursive: true, force: true });
      resolve({ code, signal });
    }),
  );
  const output: string[] = [];
  const gone = (): boolean => child.exitCode !== null || child.signalCode !== null;
  const kill = async (): Promise<void> => {
    if (!gone()) child.kill('SIGKILL');
    await exited;
  };
  const stop = async (): Promise<void> => {
    if (gone()) return;
    child.kill('SIGTERM');
    const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
    await exited;
    clearTimeout(timer);
  };

  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(
      () => fail(`did not say where it serves within ${NODE_START_TIMEOUT_MS / 1000} s`),
      NODE_START_TIMEOUT_MS,
    );
    const fail = (why: string): void => {
      clearTimeout(timer);
      reject(new Error(`node ${options.name} ${why}:\n${output.slice(-30).join('\n')}`));
    };
    createInterface({ input: child.stderr! }).on('line', (line) => output.push(line));
    createInterface({ input: child.stdout! }).on('line', (line) => {
      output.push(line);
      const match = /Accord is serving on (http:\/\/\S+)/.exec(line);
      if (match) {
        clearTimeout(timer);
        resolve(match[1]!);
      }
    });
    void exited.then(({ code, signal }) => fail(`exited (${code ?? signal}) before serving`));
  }).catch(async (error: unknown) => {
    await kill();
    throw error;
  });
  return { name: options.name, url, port: Number(new URL(url).port), child, output, exited, kill, stop };
}
