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
import { BATCH_WINDOW } from '../../server/collab/groupCommit.js';
import { clock, typingPhases, type Endpoint } from './collabLoad.js';
import { LoadGenerator } from './loadGenerator.js';
import { readDemoDelegations } from '../../server/seed/demoDocument.js';
import { login, sleep, until } from './benchTools.js';
import { cpuSeconds, machineBusySeconds, memory } from './procStats.js';
import { serverCommand } from './compiled.js';

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
}

/**
 * A server of BENCH_SERVERS: its kind, then optional tuning variables for its process, e.g.
 * `accord+BENCH_WINDOW_CAP_MS=24` (see collabServer.ts), so that variants run interleaved in one invocation.
 */
function parseServer(name: string): { kind: string; env: Record<string, string> } {
  const [kind, ...settings] = name.split('+');
  return { kind: kind!, env: Object.fromEntries(settings.map((s) => [s.slice(0, s.indexOf('=')), s.slice(s.indexOf('=') + 1)])) };
}

async function startServer(name: string, historyFile: string): Promise<Started> {
  const { kind, env } = parseServer(name);
  const profile = process.env.BENCH_PROFILE ? ['--cpu-prof', `--cpu-prof-dir=${process.env.BENCH_PROFILE}`] : [];
  const child = spawn(process.execPath, [...profile, ...(await serverCommand(path.join(DIR, 'collabServer.ts'))), kind, historyFile], {
    stdio: ['ignore', 'pipe', 'inherit'],
    env: { ...process.env, ...env, NODE_ENV: 'production' },
  });
  return new Promise((resolve, reject) => {
    createInterface({ input: child.stdout! }).once('line', (line) => {
      const info = JSON.parse(line) as { http: string; ws: string; hocuspocus?: boolean };
      resolve({ child, http: info.http, endpoint: { ws: info.ws, hocuspocus: info.hocuspocus } });
    });
    child.once('exit', (code) => reject(new Error(`${kind} exited with ${code}`)));
  });
}

function percentile(values: ArrayLike<number>, p: number): number {
  if (values.length === 0) return Number.NaN;
  const sorted = Float64Array.from(values).sort();
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}

interface FanOutResult {
  server: string;
  /** CPU of every round, when several were run. */
  cpuRounds?: number[];
  syncAll: number;
  syncP50: number;
  pairP50: number;
  pairP99: number;
  everyoneP50: number;
  everyoneP99: number;
  missing: number;
  expected: number;
  keystrokes: number;
  cpu: number;
  rss: number;
  peak: number;
  loadCpu: number;
  /** CPU of everything else on the machine meanwhile (other work; the kernel's share not charged to either process). */
  otherCpu: number;
  closed: number;
  /** Messages each client received, on average (sync included). */
  messages: number;
}

async function fanOut(kind: string, server: Started, clauseIds: string[], round: number): Promise<FanOutResult> {
  const accord = parseServer(kind).kind === 'accord';
  const observer = accord ? await login(server.http, 'observer') : undefined;
  const delegates = readDemoDelegations().slice(0, TYPISTS);
  const typistCookies = accord ? await Promise.all(delegates.map((code) => login(server.http, `${code.toLowerCase()}-delegate`))) : [];
  const keys = KEYS_PER_SECOND * SECONDS;
  const load = new LoadGenerator({
    clients: CLIENTS,
    typists: TYPISTS,
    keysPerTypist: keys,
    untimed: 1,
    endpoint: () => server.endpoint,
    cookie: (i) => (i < TYPISTS ? typistCookies[i] : observer),
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

interface PresenceResult {
  server: string;
  clients: number;
  cpu: number;
  bytesPerClient: number;
  rss: number;
}

async function presence(kind: string, server: Started): Promise<PresenceResult> {
  const observer = parseServer(kind).kind === 'accord' ? await login(server.http, 'observer') : undefined;
  const load = new LoadGenerator({ clients: PRESENCE, typists: 0, keysPerTypist: 0, endpoint: () => server.endpoint, cookie: () => observer });
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
    return { server: kind, clients: PRESENCE, cpu: (cpu1 - cpu0) / seconds, bytesPerClient: bytes / PRESENCE / seconds, rss: mem.rss };
  } finally {
    await load.close();
    await sleep(1000);
  }
}

const fmt = (n: number, digits = 1): string => (Number.isFinite(n) ? n.toFixed(digits) : '–');

export async function run(): Promise<BenchSection> {
  const doc = benchDocument(HISTORY);
  const historyFile = path.join(os.tmpdir(), `accord-bench-history-${process.pid}.json`);
  fs.writeFileSync(historyFile, JSON.stringify({ clauses: doc.clauses, updates: doc.updates.map((u) => Buffer.from(u).toString('base64')) }));
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
  return { title: 'Collaboration: fan-out and presence', markdown: report(results, presences) };
}

function report(results: FanOutResult[], presences: PresenceResult[]): string {
  const accord = results.find((r) => r.server === 'accord');
  const reference = results.find((r) => r.server === 'y-websocket-server');
  const lines = [
    `${CLIENTS} clients on one document (the demo declaration plus ${HISTORY} edits of history); ${TYPISTS} of them type`,
    `${KEYS_PER_SECOND} keys a second each for ${SECONDS} s, each into its own clause, after one untimed keystroke each.`,
    'Simulated clients speak the protocol on bare TCP sockets (`scripts/bench/collabLoad.ts`, `wireSocket.ts`)',
    'from worker threads of one process (`loadGenerator.ts`): the typists on a thread of their own, so that their',
    'keys keep their own rhythm, the other clients over two threads. Each server runs in its own process on',
    'loopback and its CPU (user + system, all threads) and memory are read from /proc. Latency is from the keystroke leaving its',
    'typist to its arrival at a client (one monotonic clock for all threads): per pair (keystroke, other',
    'client), and per keystroke until every client had it. Accord stores every update in SQLite (synchronous =',
    'FULL) before it broadcasts it and checks each against the write policy; the peers run in memory without',
    'persistence.',
    '',
    `Each server ran ${ROUNDS} rounds, alternating with the others (the machine is shared); the table shows each`,
    'server’s median round by CPU, and the CPU of every round.',
    '',
    '| server | all synced (s) | sync p50 (s) | latency p50 / p99 (ms) | to everyone p50 / p99 (ms) | undelivered | messages per client | server CPU (s/s), rounds | RSS / peak (MiB) | load generator CPU (s/s) | other work on the machine (s/s) |',
    '|---|---|---|---|---|---|---|---|---|---|---|',
    ...results.map(
      (r) =>
        `| ${r.server} | ${fmt(r.syncAll, 2)} | ${fmt(r.syncP50, 2)} | ${fmt(r.pairP50)} / ${fmt(r.pairP99)} | ${fmt(r.everyoneP50)} / ${fmt(r.everyoneP99)} | ${r.missing} of ${r.expected}${r.closed ? ` (${r.closed} closed)` : ''} | ${fmt(r.messages, 0)} for ${r.keystrokes} keystrokes | **${fmt(r.cpu, 3)}** (${(r.cpuRounds ?? [r.cpu]).map((c) => fmt(c, 3)).join(', ')}) | ${fmt(r.rss, 0)} / ${fmt(r.peak, 0)} | ${fmt(r.loadCpu, 2)} | ${fmt(Math.max(0, r.otherCpu), 2)} |`,
    ),
  ];
  if (accord) {
    const ratio = reference ? accord.cpu / reference.cpu : Number.NaN;
    const check = (ok: boolean): string => (ok ? 'met' : '**not met**');
    lines.push(
      '',
      'Targets for Accord:',
      `- p99 latency ≤ 50 ms: pairs ${fmt(accord.pairP99)} ms (${check(accord.pairP99 <= 50)}), to every client ${fmt(accord.everyoneP99)} ms (${check(accord.everyoneP99 <= 50)})`,
      `- server CPU ≤ 0.5 × @y/websocket-server's: ${fmt(accord.cpu, 3)} vs ${reference ? fmt(reference.cpu, 3) : '–'} s/s, ratio ${fmt(ratio, 2)} (${check(ratio <= 0.5)})`,
      `- all ${CLIENTS} synced within 2 s: ${fmt(accord.syncAll, 2)} s (${check(accord.syncAll <= 2)})`,
      `- nothing undelivered: ${accord.missing} missing (${check(accord.missing === 0)})`,
    );
  }
  lines.push(
    '',
    'Reading the numbers:',
    '- Every broadcast costs one socket write per connection, so fan-out CPU is set by how many messages each',
    '  client receives. The peers send one per keystroke. Accord gathers the keystrokes of a crowded document',
    `  into one commit: the first of a batch waits a window (${BATCH_WINDOW.perConnectionMs} ms per connection, at most ${BATCH_WINDOW.maxMs} ms) and what`,
    '  comes meanwhile joins it (see "messages per client"); the commit is framed once and the same bytes are',
    '  written with one write() to each socket. After a quiet spell a keystroke is committed at once.',
    '- Where the CPU goes (`perf`, per-thread /proc and a CPU profile of the server over the typing): writing',
    '  the broadcasts is about 80% of it, two thirds of that in the kernel (on loopback the write system call',
    '  also delivers to the reader and wakes it), the rest Node’s stream write path; reading, checking, storing',
    '  and applying the 50 keystrokes a second is about 0.03–0.04 s/s. Each broadcast costs about 7 µs per',
    '  socket, as each of the peers’ writes does: only fewer broadcasts lower the CPU.',
    '- Fewer broadcasts mean longer waits. Beyond its window a keystroke waits for its commit (fsync ~1 ms),',
    '  for the 1,200 writes (9 ms from first socket to last at the median, 16 ms at the p99, measured in the',
    '  server) and for the load generator to read them; @y/websocket-server, which never waits, shows a p99 to',
    '  everyone of 18–38 ms on this machine. Windows measured side by side (3 rounds, the same typing phases for',
    '  every server of a round, quiet machine; the reference used 0.483, 0.425 and 0.466 s/s):',
    '',
    '  | window at 1,200 sockets | messages per client | CPU (s/s) | ratio | p99 pairs / everyone (ms) |',
    '  |---|---|---|---|---|',
    '  | 20 ms (default) | 555, 609, 506 | 0.293, 0.326, 0.260 | 0.61, 0.77, 0.56 | 36.6 / 42.0, 36.7 / 41.1, 35.9 / 41.4 |',
    '  | 24 ms | 465, 572, 409 | 0.271, 0.306, 0.226 | 0.56, 0.72, 0.48 | 42.6 / 46.9, 43.7 / 49.9, 38.2 / 42.8 |',
    '  | 30 ms | 408, 414, 408 | 0.235, 0.237, 0.244 | 0.49, 0.56, 0.52 | 45.1 / 49.4, 49.4 / 53.6, 47.0 / 51.7 |',
    '',
    '  Each typist keys exactly every 200 ms from its phase, so how the ten phases cluster sets the batches per',
    '  cycle; the phases are drawn from the round number, the same for every server of a round. Gathering from',
    '  the first key of a batch for the whole window is the fewest commits any policy can make at that longest',
    '  wait; over 1,000 draws of phases it sends 0.54 of the keystrokes at 20 ms, 0.48 at 24 ms, 0.41 at 30 ms,',
    '  0.37 at 36 ms and 0.30 at 48 ms (the three rounds here: 0.50, 0.60, 0.50 at 20 ms; 0.40, 0.50, 0.40 at',
    '  24 ms). With Accord’s own work near 0.05 s/s, half the reference’s CPU takes windows of 30–36 ms, and',
    '  with them a p99 to everyone of 50–61 ms. The two targets do not both hold on this machine; the default',
    '  (20 ms) keeps the latency one with a margin, since 24 ms already reached 49.9 and 50.4 ms in some rounds.',
    '- The load generator matters to these numbers. Its clients read every socket into one buffer per thread',
    '  and parse frames by hand: against `ws` clients that cut its CPU from 0.64–0.67 to 0.46–0.48 s/s with the',
    '  reference and the reference’s p99 to everyone from 34–45 to 27–33 ms. With every client on one thread,',
    '  the typists’ keys fell due while that thread read a broadcast and went out together right after it, in',
    '  step with the commits; on their own thread they do not. A first keystroke of each typist is not timed:',
    '  the first write of a connection and the first message of its kind on each thread take cold paths (they',
    '  were the ten slowest of a run, 1% of the keystrokes and so the p99 by themselves). Compaction folds the',
    '  log on a worker thread; on the main thread, replaying the 3,000-edit history held every keystroke about',
    '  160 ms.',
    '- The machine is shared with other work (the last column: CPU of everything else meanwhile), so latency',
    '  percentiles vary between rounds far more than CPU seconds do; compare servers within a round. The',
    '  number of broadcasts also varies between rounds with how the typists’ keystrokes happen to interleave.',
  );
  if (presences.length) {
    lines.push(
      '',
      `Presence: ${PRESENCE} clients each move a cursor once a second for ${SECONDS} s (awareness updates).`,
      '',
      '| server | clients | server CPU (s/s) | awareness received per client (KiB/s) | RSS (MiB) |',
      '|---|---|---|---|---|',
      ...presences.map((p) => `| ${p.server} | ${p.clients} | ${fmt(p.cpu, 3)} | ${fmt(p.bytesPerClient / 1024, 1)} | ${fmt(p.rss, 0)} |`),
    );
    const mine = presences.find((p) => p.server === 'accord');
    if (mine) lines.push('', `Target: server CPU under 0.3 of a core: ${fmt(mine.cpu, 3)} (${mine.cpu < 0.3 ? 'met' : '**not met**'}).`);
  }
  return lines.join('\n');
}
