/**
 * The collab fan-out benchmark: Accord's `/collab` against the reference servers `@y/websocket-server` and
 * `@hocuspocus/server`, side by side in one run, each in its own process on loopback with the same document
 * (the demo declaration plus a few thousand edits of history).
 *
 * Fan-out: 1,200 connected clients, of which 10 type 5 keys a second for 20 s. Reported: time for all to
 * sync, latency from keystroke to each other client and to every client, what never arrived, the server's
 * CPU seconds per second (from /proc, all its threads) and its memory. Presence: 1,500 clients each moving a
 * cursor once a second, the server's CPU. Sizes can be reduced with BENCH_CLIENTS, BENCH_TYPISTS,
 * BENCH_SECONDS, BENCH_PRESENCE (0 skips the presence run), BENCH_HISTORY; BENCH_SERVERS picks servers
 * (comma-separated).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import type { BenchSection } from './index.js';
import { benchDocument } from './collabHistory.js';
import { clock, typingPhases, type Endpoint } from './collabLoad.js';
import { LoadGenerator } from './loadGenerator.js';
import { readDemoDelegations } from '../../server/seed/demoDocument.js';
import { login, sleep, until } from './benchTools.js';
import { cpuSeconds, machineBusySeconds, memory } from './procStats.js';
import { serverCommand, serverEnvironment } from './compiled.js';
import { report, type FanOutResult, type PresenceResult } from './collabReport.js';

const DIR = path.dirname(fileURLToPath(import.meta.url));
const env = (name: string, fallback: number): number => Number(process.env[name] ?? fallback);
const CLIENTS = env('BENCH_CLIENTS', 1200);
const TYPISTS = env('BENCH_TYPISTS', 10);
const SECONDS = env('BENCH_SECONDS', 20);
const KEYS_PER_SECOND = 5;
const PRESENCE = env('BENCH_PRESENCE', 1500);
const HISTORY = env('BENCH_HISTORY', 3000);
const SERVERS = (process.env.BENCH_SERVERS ?? 'accord,y-websocket-server,hocuspocus').split(',');
/** Rounds of the fan-out, servers alternating; each server's median round (by CPU) is reported. */
const ROUNDS = env('BENCH_ROUNDS', 3);

interface Started {
  child: ChildProcess;
  http: string;
  endpoint: Endpoint;
  /** Session cookies of the audience's accounts, one per client (Accord only). */
  audience: string[];
}

/**
 * A server of BENCH_SERVERS: its kind, then optional tuning variables for its process, e.g.
 * `accord+BENCH_WINDOW_CAP_MS=24` (see collabServer.ts), so that variants run interleaved in one invocation.
 */
function parseServer(name: string): { kind: string; env: Record<string, string> } {
  const [kind, ...settings] = name.split('+');
  return {
    kind: kind!,
    env: Object.fromEntries(settings.map((s) => [s.slice(0, s.indexOf('=')), s.slice(s.indexOf('=') + 1)])),
  };
}

async function startServer(name: string, historyFile: string): Promise<Started> {
  const { kind, env } = parseServer(name);
  const profile = process.env.BENCH_PROFILE ? ['--cpu-prof', `--cpu-prof-dir=${process.env.BENCH_PROFILE}`] : [];
  const child = spawn(
    process.execPath,
    [...profile, ...(await serverCommand(path.join(DIR, 'collabServer.ts'))), kind, historyFile],
    {
      stdio: ['ignore', 'pipe', 'inherit'],
      env: { ...process.env, ...serverEnvironment(), ...env, NODE_ENV: 'production' },
    },
  );
  return new Promise((resolve, reject) => {
    createInterface({ input: child.stdout! }).once('line', (line) => {
      const info = JSON.parse(line) as { http: string; ws: string; hocuspocus?: boolean; audience?: string[] };
      resolve({
        child,
        http: info.http,
        endpoint: { ws: info.ws, hocuspocus: info.hocuspocus },
        audience: info.audience ?? [],
      });
    });
    child.once('exit', (code) => reject(new Error(`${kind} exited with ${code}`)));
  });
}

function percentile(values: ArrayLike<number>, p: number): number {
  if (values.length === 0) return Number.NaN;
  const sorted = Float64Array.from(values).sort();
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}

async function fanOut(kind: string, server: Started, clauseIds: string[], round: number): Promise<FanOutResult> {
  const accord = parseServer(kind).kind === 'accord';
  const delegates = readDemoDelegations().slice(0, TYPISTS);
  const typistCookies = accord
    ? await Promise.all(delegates.map((code) => login(server.http, `${code.toLowerCase()}-delegate`)))
    : [];
  const keys = KEYS_PER_SECOND * SECONDS;
  const load = new LoadGenerator({
    clients: CLIENTS,
    typists: TYPISTS,
    keysPerTypist: keys,
    untimed: 1,
    endpoint: () => server.endpoint,
    cookie: (i) => (accord ? (i < TYPISTS ? typistCookies[i] : server.audience[i]) : undefined),
  });
  try {
    const t0 = clock();
    await load.open();
    const allSynced = await until(() => load.stats.unsynced() === 0, 60_000);
    if (!allSynced) console.warn(`${kind}: ${load.stats.unsynced()} clients did not sync`);
    const syncTimes = Array.from(load.stats.syncedAt)
      .filter((at) => at > 0)
      .map((at) => (at - t0) / 1000);
    const clauses = Array.from({ length: TYPISTS }, (_, i) => clauseIds[(i + 2) % clauseIds.length]!);
    const phases = typingPhases(TYPISTS, round);
    // A first, untimed keystroke each: the first write of a connection and the first message of its kind
    // on every thread take cold paths that steady typing does not.
    await load.type(clauses, KEYS_PER_SECOND, 1, phases);
    await sleep(1000);

    const pid = server.child.pid!;
    const cpu0 = cpuSeconds(pid);
    const load0 = process.cpuUsage();
    const busy0 = machineBusySeconds();
    const wall0 = performance.now();
    await load.type(clauses, KEYS_PER_SECOND, keys, phases);
    await until(() => load.latencies.missing() === 0, 5000, 50);
    const wall1 = performance.now();
    const cpu1 = cpuSeconds(pid);
    const loadCpu = process.cpuUsage(load0);
    const busy1 = machineBusySeconds();
    const mem = memory(pid);
    const summary = load.latencies.summary();
    const closed = Array.from(load.stats.closed).filter((code) => code !== 0).length;
    return {
      server: kind,
      syncAll: Math.max(...syncTimes),
      syncP50: percentile(syncTimes, 50),
      pairP50: percentile(summary.pairs, 50),
      pairP99: percentile(summary.pairs, 99),
      everyoneP50: percentile(summary.everyone, 50),
      everyoneP99: percentile(summary.everyone, 99),
      missing: summary.missing,
      expected: summary.expected,
      keystrokes: load.latencies.count,
      cpu: (cpu1 - cpu0) / ((wall1 - wall0) / 1000),
      rss: mem.rss,
      peak: mem.peak,
      loadCpu: (loadCpu.user + loadCpu.system) / 1e6 / ((wall1 - wall0) / 1000),
      otherCpu: (busy1 - busy0 - (cpu1 - cpu0) - (loadCpu.user + loadCpu.system) / 1e6) / ((wall1 - wall0) / 1000),
      closed,
      messages: load.stats.totalMessages() / CLIENTS,
    };
  } finally {
    await load.close();
    await sleep(1500);
  }
}

async function presence(kind: string, server: Started): Promise<PresenceResult> {
  const load = new LoadGenerator({
    clients: PRESENCE,
    typists: 0,
    keysPerTypist: 0,
    endpoint: () => server.endpoint,
    cookie: (i) => server.audience[i],
  });
  try {
    await load.open();
    await until(() => load.stats.unsynced() === 0, 60_000);
    await load.cursors();
    await sleep(2000);
    const pid = server.child.pid!;
    const bytes0 = load.stats.awarenessBytes.reduce((n, b) => n + b, 0);
    const cpu0 = cpuSeconds(pid);
    const wall0 = performance.now();
    await sleep(SECONDS * 1000);
    const wall1 = performance.now();
    const cpu1 = cpuSeconds(pid);
    const mem = memory(pid);
    const bytes = load.stats.awarenessBytes.reduce((n, b) => n + b, 0) - bytes0;
    await load.still();
    const seconds = (wall1 - wall0) / 1000;
    return {
      server: kind,
      clients: PRESENCE,
      cpu: (cpu1 - cpu0) / seconds,
      bytesPerClient: bytes / PRESENCE / seconds,
      rss: mem.rss,
    };
  } finally {
    await load.close();
    await sleep(1000);
  }
}

export async function run(): Promise<BenchSection> {
  const doc = benchDocument(HISTORY);
  const historyFile = path.join(os.tmpdir(), `accord-bench-history-${process.pid}.json`);
  fs.writeFileSync(
    historyFile,
    JSON.stringify({ clauses: doc.clauses, updates: doc.updates.map((u) => Buffer.from(u).toString('base64')) }),
  );
  const clauseIds = doc.clauses.filter((c) => c.kind === 'operative' || c.kind === 'preamble').map((c) => c.id);
  const rounds = new Map<string, FanOutResult[]>(SERVERS.map((kind) => [kind, []]));
  const presences: PresenceResult[] = [];
  try {
    for (let round = 1; round <= ROUNDS; round++) {
      for (const kind of SERVERS) {
        console.log(`fan-out: ${kind}, round ${round} of ${ROUNDS}…`);
        const server = await startServer(kind, historyFile);
        try {
          const result = await fanOut(kind, server, clauseIds, round);
          rounds.get(kind)!.push(result);
          console.log(JSON.stringify(result));
          if (round === 1 && PRESENCE > 0 && (kind === 'accord' || process.env.BENCH_PRESENCE_PEERS)) {
            console.log(`presence: ${kind}…`);
            presences.push(await presence(kind, server));
            console.log(JSON.stringify(presences[presences.length - 1]));
          }
        } finally {
          if (process.env.BENCH_PROFILE) {
            server.child.kill('SIGTERM');
            await new Promise((r) => server.child.once('exit', r));
          } else server.child.kill('SIGKILL');
        }
        await sleep(1000);
      }
    }
  } finally {
    fs.rmSync(historyFile, { force: true });
  }
  const results = SERVERS.map((kind) => {
    const sorted = [...rounds.get(kind)!].sort((a, b) => a.cpu - b.cpu);
    return { ...sorted[Math.floor((sorted.length - 1) / 2)]!, cpuRounds: rounds.get(kind)!.map((r) => r.cpu) };
  });
  return {
    title: 'Collaboration: fan-out and presence',
    markdown: report(results, presences, {
      clients: CLIENTS,
      typists: TYPISTS,
      seconds: SECONDS,
      keysPerSecond: KEYS_PER_SECOND,
      presence: PRESENCE,
      history: HISTORY,
      rounds: ROUNDS,
    }),
  };
}
