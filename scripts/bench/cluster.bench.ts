/**
 * The cluster fan-out benchmark: the single-node collab load spread over several Accord nodes that share one
 * PostgreSQL (durable, as in production) and one Redis, both started from the machine's Debian packages on
 * loopback (scripts/lib/engines.ts). Each node is its own process (`clusterServer.ts`), with DATABASE_URL and
 * REDIS_URL, holding the same benchmark document and history as the single-node run.
 *
 * Fan-out: 3,000 clients, client i on node i mod 3; 10 of them (so spread over the nodes too) type 5 keys a
 * second for 20 s, each into its own clause — the typing load of the single-node run. Latency is measured in
 * the load generator, so across nodes: from a keystroke leaving its typist on one node to its arrival at a
 * client of any node. Reported: all synced, latency per pair and to everyone (also split into same-node and
 * cross-node pairs), undelivered, CPU seconds per second and memory of each node, CPU of PostgreSQL (every
 * backend) and Redis; beside them one single-node Accord round (SQLite, as in the collab section) of 1,200
 * clients from this same run.
 *
 * Sizes: BENCH_CLUSTER_CLIENTS (3000), BENCH_NODES (3), BENCH_CLIENTS (the single-node round, 1200; 0 skips
 * it), BENCH_TYPISTS, BENCH_SECONDS, BENCH_HISTORY as in collab.bench.ts. Without PostgreSQL or redis-server
 * the section says so and nothing runs.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { Redis } from 'ioredis';
import type { BenchSection } from './index.js';
import { benchDocument } from './collabHistory.js';
import {
  ClientStats,
  Latencies,
  SimClient,
  clock,
  openAll,
  typeOnSchedule,
  typingPhases,
  type Endpoint,
} from './collabLoad.js';
import {
  createDatabase,
  postgresBinDir,
  redisAvailable,
  startPostgres,
  startRedis,
  type LocalPostgres,
  type LocalRedis,
} from '../lib/engines.js';
import { readDemoDelegations } from '../../server/seed/demoDocument.js';
import { login, sleep, until } from './benchTools.js';
import { cpuSeconds, machineBusySeconds, memory, treeCpuSeconds } from './procStats.js';
import { serverCommand, serverEnvironment } from './compiled.js';
import { report, type FanOutResult, type NodeResult, type Spread } from './clusterReport.js';
import { LATE_MAX_MS, drainLate, latencySummary, percentile, watchingLoop } from './clusterLatency.js';

const DIR = path.dirname(fileURLToPath(import.meta.url));
const env = (name: string, fallback: number): number => Number(process.env[name] ?? fallback);
const NODES = env('BENCH_NODES', 3);
const CLIENTS = env('BENCH_CLUSTER_CLIENTS', 3000);
const SINGLE_CLIENTS = env('BENCH_CLIENTS', 1200);
const TYPISTS = env('BENCH_TYPISTS', 10);
const SECONDS = env('BENCH_SECONDS', 20);
const KEYS_PER_SECOND = 5;
const HISTORY = env('BENCH_HISTORY', 3000);
/** After the typing, how long to wait for the last keystrokes before the CPU window closes (as collab.bench.ts). */
const DRAIN_MS = 5000;
const TITLE = 'Cluster: fan-out across nodes on PostgreSQL and Redis';

// --- processes and /proc ------------------------------------------------------------------------------------

interface Node {
  name: string;
  child: ChildProcess;
  http: string;
  endpoint: Endpoint;
  /** The next line the process prints. */
  line(): Promise<string>;
  /** True for `clusterServer.ts`, which reports its event-loop delay on SIGUSR2. */
  reportsLoop: boolean;
  /** Session cookies of one observer account per client, from the node that seated them (the first). */
  audience: string[];
}

/** Spawns a server script and waits for the JSON line saying where it listens. */
async function spawnServer(name: string, args: string[], reportsLoop: boolean): Promise<Node> {
  const [script, ...rest] = args;
  const child = spawn(process.execPath, [...(await serverCommand(script!)), ...rest], {
    stdio: ['ignore', 'pipe', 'inherit'],
    env: { ...process.env, ...serverEnvironment(), NODE_ENV: 'production' },
  });
  const lines: string[] = [];
  const waiting: ((line: string) => void)[] = [];
  createInterface({ input: child.stdout! }).on('line', (l) => (waiting.length ? waiting.shift()!(l) : lines.push(l)));
  const line = (): Promise<string> =>
    lines.length ? Promise.resolve(lines.shift()!) : new Promise((resolve) => waiting.push(resolve));
  const exited = new Promise<never>((_, reject) =>
    child.once('exit', (code, signal) => reject(new Error(`${name} exited with ${signal ?? code}`))),
  );
  exited.catch(() => undefined);
  const info = JSON.parse(await Promise.race([line(), exited])) as { http: string; ws: string; audience?: string[] };
  return { name, child, http: info.http, endpoint: { ws: info.ws }, line, reportsLoop, audience: info.audience ?? [] };
}

/** A node's event-loop delay since the previous call (ms), when it reports it. */
async function loopDelay(node: Node): Promise<Spread | undefined> {
  if (!node.reportsLoop) return undefined;
  node.child.kill('SIGUSR2');
  const { loop } = JSON.parse(await node.line()) as { loop: Spread };
  return loop;
}

/** SIGTERM (the node closes and cleans up after itself), SIGKILL if it takes more than 10 s. */
async function stop(node: Node): Promise<void> {
  if (node.child.exitCode !== null || node.child.signalCode !== null) return;
  const exited = new Promise((resolve) => node.child.once('exit', resolve));
  node.child.kill('SIGTERM');
  const timer = setTimeout(() => node.child.kill('SIGKILL'), 10_000);
  await exited;
  clearTimeout(timer);
}

/** A CPU meter of something other than a node: PostgreSQL, Redis. */
interface Probe {
  name: string;
  read(): Promise<number>;
}

function postgresProbe(pg: LocalPostgres): Probe {
  // The postmaster's pid is the first line of postmaster.pid in the data directory.
  const pid = Number(fs.readFileSync(path.join(pg.dir, 'data', 'postmaster.pid'), 'utf8').split('\n', 1)[0]);
  return { name: 'PostgreSQL', read: async () => treeCpuSeconds(pid) };
}

function redisProbe(redis: Redis): Probe {
  // Redis counts its own CPU (main thread and I/O threads): INFO cpu.
  return {
    name: 'Redis',
    read: async () => {
      const info = await redis.info('cpu');
      const field = (key: string): number => Number(new RegExp(`^${key}:([\\d.]+)`, 'm').exec(info)?.[1] ?? Number.NaN);
      return field('used_cpu_user') + field('used_cpu_sys');
    },
  };
}

// --- load ---------------------------------------------------------------------------------------------------

/** The simulated clients, spread over the nodes in turn: the first TYPISTS type as delegates, the rest watch. */
async function seatClients(
  nodes: Node[],
  clients: number,
  nodeOf: (client: number) => number,
  latencies: Latencies,
  stats: ClientStats,
): Promise<SimClient[]> {
  // Sessions live in the database: a cookie from the first node works on every node.
  const delegates = readDemoDelegations().slice(0, TYPISTS);
  const typistCookies = await Promise.all(
    delegates.map((code) => login(nodes[0]!.http, `${code.toLowerCase()}-delegate`)),
  );
  return Array.from({ length: clients }, (_, i) => {
    const typist = i < TYPISTS ? i : undefined;
    return new SimClient(
      i,
      nodes[nodeOf(i)]!.endpoint,
      typist !== undefined ? typistCookies[i] : nodes[0]!.audience[i],
      latencies,
      stats,
      typist,
    );
  });
}

/** What one node's clients saw: how many, how many typed, messages each, closed. */
function clientsResult(mine: SimClient[]): Pick<NodeResult, 'clients' | 'typists' | 'messages' | 'closed'> {
  return {
    clients: mine.length,
    typists: mine.filter((c) => c.index < TYPISTS).length,
    messages: mine.reduce((sum, c) => sum + c.messages, 0) / Math.max(1, mine.length),
    closed: mine.filter((c) => c.closed !== undefined).length,
  };
}

/**
 * 'clients' clients, client i on node i mod n; the first TYPISTS of them type (so they alternate between the
 * nodes). CPU of every node and probe over the typing and its drain.
 */
async function fanOut(
  label: string,
  nodes: Node[],
  clients: number,
  clauseIds: string[],
  probes: Probe[],
): Promise<FanOutResult> {
  const nodeOf = (client: number): number => client % nodes.length;
  const latencies = new Latencies(clients, TYPISTS, KEYS_PER_SECOND * SECONDS);
  const stats = new ClientStats(clients);
  const sims = await seatClients(nodes, clients, nodeOf, latencies, stats);

  const loadAverage = os.loadavg()[0]!;
  const t0 = clock();
  await openAll(sims);
  const allSynced = await until(() => stats.unsynced() === 0, 120_000);
  const unsynced = stats.unsynced();
  if (!allSynced) console.warn(`${label}: ${unsynced} clients did not sync`);
  const syncTimes = Float64Array.from(stats.syncedAt.filter((at) => at > 0).map((at) => (at - t0) / 1000)).sort();
  await sleep(1000);

  const cpu0 = nodes.map((n) => cpuSeconds(n.child.pid!));
  const probe0 = await Promise.all(probes.map((p) => p.read()));
  const load0 = process.cpuUsage();
  const busy0 = machineBusySeconds();
  await Promise.all(nodes.map(loopDelay));
  const wall0 = performance.now();
  const ownLoop = await watchingLoop(() =>
    typeOnSchedule(
      sims.slice(0, TYPISTS),
      (t) => clauseIds[(t + 2) % clauseIds.length]!,
      KEYS_PER_SECOND,
      KEYS_PER_SECOND * SECONDS,
      typingPhases(TYPISTS, 1),
    ),
  );
  const nodeLoops = await Promise.all(nodes.map(loopDelay));
  await until(() => latencies.missing() === 0, DRAIN_MS, 100);
  const wall1 = performance.now();
  const cpu1 = nodes.map((n) => cpuSeconds(n.child.pid!));
  const probe1 = await Promise.all(probes.map((p) => p.read()));
  const load = process.cpuUsage(load0);
  const busy1 = machineBusySeconds();
  const mem = nodes.map((n) => memory(n.child.pid!));
  const missingAtDrain = latencies.missing();
  if (missingAtDrain > 0) await drainLate(latencies);
  const seconds = (wall1 - wall0) / 1000;

  const summary = latencySummary(latencies, nodeOf);
  const results = nodes.map((n, j): NodeResult => ({
    ...clientsResult(sims.filter((c) => nodeOf(c.index) === j)),
    name: n.name,
    cpu: (cpu1[j]! - cpu0[j]!) / seconds,
    rss: mem[j]!.rss,
    peak: mem[j]!.peak,
    loop: nodeLoops[j],
  }));
  for (const c of sims) c.close();
  await sleep(1500);
  return {
    label,
    clients,
    syncAll: syncTimes.length ? syncTimes[syncTimes.length - 1]! : Number.NaN,
    syncP50: percentile(syncTimes, 50),
    unsynced,
    ...summary,
    missingAtDrain,
    keystrokes: latencies.count,
    nodes: results,
    probes: probes.map((p, i) => ({ name: p.name, cpu: (probe1[i]! - probe0[i]!) / seconds })),
    loadCpu: (load.user + load.system) / 1e6 / seconds,
    loopDelay: ownLoop,
    loadAverage,
    machineCpu: (busy1 - busy0) / seconds,
  };
}

// --- the runs -----------------------------------------------------------------------------------------------

/** One Accord node on SQLite, as the collab section runs it, with the single-node client count. */
async function singleNode(historyFile: string, clauseIds: string[]): Promise<FanOutResult> {
  console.log(`single node: ${SINGLE_CLIENTS} clients…`);
  const node = await spawnServer('node', [path.join(DIR, 'collabServer.ts'), 'accord', historyFile], false);
  try {
    return await fanOut('single node (SQLite)', [node], SINGLE_CLIENTS, clauseIds, []);
  } finally {
    await stop(node);
  }
}

async function cluster(historyFile: string, clauseIds: string[]): Promise<FanOutResult> {
  let pg: LocalPostgres | undefined;
  let redis: LocalRedis | undefined;
  let info: Redis | undefined;
  const nodes: Node[] = [];
  const work = fs.mkdtempSync(path.join(os.tmpdir(), 'accord-bench-cluster-'));
  try {
    pg = await startPostgres({ durable: true });
    const databaseUrl = await createDatabase(pg.url, 'accord');
    redis = await startRedis();
    const script = path.join(DIR, 'clusterServer.ts');
    // The first node alone migrates, seeds and stores the document; then the others join.
    console.log(`cluster: starting ${NODES} nodes…`);
    nodes.push(
      await spawnServer('node-1', [script, databaseUrl, redis.url, path.join(work, 'node-1'), historyFile], true),
    );
    nodes.push(
      ...(await Promise.all(
        Array.from({ length: NODES - 1 }, (_, i) =>
          spawnServer(`node-${i + 2}`, [script, databaseUrl, redis!.url, path.join(work, `node-${i + 2}`)], true),
        ),
      )),
    );
    info = new Redis(redis.url, { lazyConnect: true, maxRetriesPerRequest: 1 });
    await info.connect();
    console.log(`cluster: ${CLIENTS} clients on ${NODES} nodes…`);
    return await fanOut(`cluster (${NODES} nodes, PostgreSQL + Redis)`, nodes, CLIENTS, clauseIds, [
      postgresProbe(pg),
      redisProbe(info),
    ]);
  } finally {
    info?.disconnect();
    await Promise.all(nodes.map(stop));
    await redis?.stop();
    await pg?.stop();
    fs.rmSync(work, { recursive: true, force: true });
  }
}

export async function run(): Promise<BenchSection> {
  const absent = [...(postgresBinDir() ? [] : ['postgresql']), ...(redisAvailable() ? [] : ['redis-server'])];
  if (absent.length > 0) {
    const markdown = `Skipped: ${absent.join(' and ')} ${absent.length > 1 ? 'are' : 'is'} not installed on this machine (apt-get install ${absent.join(' ')}); nothing was measured.`;
    console.log(markdown);
    return { title: TITLE, markdown };
  }
  const doc = benchDocument(HISTORY);
  const historyFile = path.join(os.tmpdir(), `accord-bench-cluster-history-${process.pid}.json`);
  fs.writeFileSync(
    historyFile,
    JSON.stringify({ clauses: doc.clauses, updates: doc.updates.map((u) => Buffer.from(u).toString('base64')) }),
  );
  const clauseIds = doc.clauses.filter((c) => c.kind === 'operative' || c.kind === 'preamble').map((c) => c.id);
  try {
    // The single node first, while the engines are not running yet: nothing else holds the cores.
    const single = SINGLE_CLIENTS > 0 ? await singleNode(historyFile, clauseIds) : undefined;
    if (single) console.log(JSON.stringify(single));
    const result = await cluster(historyFile, clauseIds);
    console.log(JSON.stringify(result));
    return {
      title: TITLE,
      markdown: report(result, single, {
        history: HISTORY,
        nodes: NODES,
        typists: TYPISTS,
        keysPerSecond: KEYS_PER_SECOND,
        seconds: SECONDS,
        drainMs: DRAIN_MS,
        lateMaxMs: LATE_MAX_MS,
      }),
    };
  } finally {
    fs.rmSync(historyFile, { force: true });
  }
}
