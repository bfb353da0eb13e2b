/**
 * Hostile load: does one person's action stall the room? 1,200 clients on one document and 10 typists, as
 * in the collab benchmark, while, a few seconds into the typing, all at once: 10 amendments at the clause
 * limit to a declaration at the document limit, 10 PDF exports of that declaration, an observer writing
 * updates as fast as it can, and 200 concurrent sign-in guesses at one account — with a legitimate sign-in
 * and a legitimate export among them. The same room is measured once without the attack, as a baseline.
 * Measured in the server (its event loop's delay) and at the clients (keystroke to everyone, undelivered).
 * Sizes: BENCH_CLIENTS, BENCH_TYPISTS, BENCH_SECONDS, BENCH_HISTORY, BENCH_HOSTILE_AT (ms into the typing);
 * BENCH_HOSTILE=amendments,exports,flood,guesses runs one round with those parts of the attack only.
 */
import {
  CLIENTS,
  TYPISTS,
  SECONDS,
  HISTORY,
  HOSTILE_AT,
  KEYS_PER_SECOND,
  ACTORS,
  GUESSES,
  ALL_PARTS,
  BURST_MS,
} from './hostileSizes.js';
import { report } from './hostileReport.js';
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createInterface, type Interface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import type { BenchSection } from './index.js';
import { benchDocument } from './collabHistory.js';
import { clock, typingPhases } from './collabLoad.js';
import { LoadGenerator } from './loadGenerator.js';
import { readDemoDelegations } from '../../server/seed/demoDocument.js';
import { login, sleep, until } from './benchTools.js';
import { cpuSeconds, machineBusySeconds } from './procStats.js';
import {
  guesses,
  legitimateExport,
  legitimateLogin,
  maxAmendments,
  maxExports,
  observerFlood,
  signIn,
  type Cast,
  type Flood,
  type Timed,
} from './hostileActors.js';
import { serverCommand, serverEnvironment } from './compiled.js';
import { lowerThreadPriority } from '../../server/threads/threadPriority.js';

const DIR = path.dirname(fileURLToPath(import.meta.url));

interface Server {
  child: ChildProcess;
  http: string;
  ws: string;
  maxClauses: string[];
  dataDir: string;
  /** Session cookies of one observer account per client. */
  audience: string[];
  lines: Interface;
}

async function startServer(historyFile: string): Promise<Server> {
  const child = spawn(process.execPath, [...(await serverCommand(path.join(DIR, 'hostileServer.ts'))), historyFile], {
    stdio: ['pipe', 'pipe', 'inherit'],
    env: { ...process.env, ...serverEnvironment(), NODE_ENV: 'production' },
  });
  const lines = createInterface({ input: child.stdout! });
  return new Promise((resolve, reject) => {
    lines.once('line', (line) => {
      const info = JSON.parse(line) as {
        http: string;
        ws: string;
        maxClauses: string[];
        dataDir: string;
        audience: string[];
      };
      resolve({ child, lines, ...info });
    });
    child.once('exit', (code) => reject(new Error(`the server exited with ${code}`)));
  });
}

/**
 * Asks the server for its event loop's delay histogram (`report`) or starts it afresh (`reset`); undefined
 * when it does not answer within `ms` (its event loop is held).
 */
function ask<T>(server: Server, command: 'reset' | 'report', ms = 120_000): Promise<T | undefined> {
  return new Promise((resolve) => {
    const timer = setTimeout(() => {
      server.lines.off('line', onLine);
      resolve(undefined);
    }, ms);
    const onLine = (line: string): void => {
      clearTimeout(timer);
      resolve(JSON.parse(line) as T);
    };
    server.lines.once('line', onLine);
    server.child.stdin!.write(`${command}\n`);
  });
}

const NO_ANSWER: LoopDelay = { p50: Number.NaN, p99: Number.NaN, max: Number.NaN, mean: Number.NaN, gcMax: Number.NaN };

interface LoopDelay {
  p50: number;
  p99: number;
  max: number;
  mean: number;
  /** The longest garbage collection pause meanwhile. */
  gcMax: number;
}

interface Attack {
  /** When it began (\`clock()\`). */
  startedAt: number;
  amendments: Timed[];
  exports: Timed[];
  legitimateExport: Timed;
  guesses: Record<number, number>;
  legitimateLogin: Timed;
  flood: Flood;
}

export interface RoundResult {
  name: string;
  loop: LoopDelay;
  everyoneP50: number;
  everyoneP99: number;
  pairP99: number;
  missing: number;
  expected: number;
  closed: number;
  cpu: number;
  /** CPU of everything but the server and this process (the load generator) meanwhile, in s/s. */
  otherCpu: number;
  /** The slowest 1% of keystrokes to everyone: when each was sent, in ms from the attack's start (or the typing's). */
  slowest: { sentMs: number; ms: number }[];
  /**
   * Keystrokes sent in the attack's first `BURST_MS` (the quiet room: the same stretch of its typing), to
   * everyone: about 75, a steadier measure of a change to the attack's cost than the p99's ten slowest.
   */
  burst: { count: number; mean: number; p90: number };
  attack?: Attack;
}

/** `RoundResult.burst`: the keystrokes sent within `BURST_MS` of `from` (ms on the same origin as `sent`). */
function burstOf(everyone: ArrayLike<number>, sent: number[], from: number): RoundResult['burst'] {
  const burst = Array.from(everyone).filter((_, i) => sent[i]! >= from && sent[i]! < from + BURST_MS);
  const mean = burst.reduce((sum, ms) => sum + ms, 0) / Math.max(1, burst.length);
  return { count: burst.length, mean, p90: percentile(burst, 90) };
}

function percentile(values: ArrayLike<number>, p: number): number {
  if (values.length === 0) return Number.NaN;
  const sorted = Float64Array.from(values).sort();
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}

/**
 * The attack comes from this process's main thread, at the lowest priority while it lasts: the attackers
 * stand for machines elsewhere, whose CPU is not the server's. On one 2-core machine a flood sent at full
 * priority takes a core from the server and the 1,200 clients' threads (which keep theirs), and the round
 * would measure the benchmark's own sender. What the attackers achieve (messages sent, connections) is
 * reported beside the numbers. The priority is put back before the next round starts its threads.
 */
async function attack(server: Server, cast: Cast, typingEnds: number, parts: readonly string[]): Promise<Attack> {
  const tid = lowerThreadPriority();
  try {
    return await attackAtLowPriority(server, cast, typingEnds, parts);
  } finally {
    if (tid !== null) {
      try {
        os.setPriority(tid, 0);
      } catch {
        console.warn('hostile load: the main thread stays at nice 19 (raising it back needs CAP_SYS_NICE)');
      }
    }
  }
}

async function attackAtLowPriority(
  server: Server,
  cast: Cast,
  typingEnds: number,
  parts: readonly string[],
): Promise<Attack> {
  await sleep(HOSTILE_AT);
  const startedAt = clock();
  const on = (part: string): boolean => parts.includes(part);
  const flood = on('flood')
    ? observerFlood(server.http, cast, 'bench', typingEnds)
    : Promise.resolve({ sent: 0, connections: 0, closes: {} });
  const [amendments, exports, legitExport, guessed, legitLogin] = await Promise.all([
    on('amendments') ? maxAmendments(server.http, cast, 'max', server.maxClauses) : [],
    on('exports') ? maxExports(server.http, cast, 'max') : [],
    sleep(200).then(() => legitimateExport(server.http, cast, 'bench')),
    on('guesses') ? guesses(server.http, 'usa-head', GUESSES) : {},
    sleep(100).then(() => legitimateLogin(server.http, 'secretariat')),
  ]);
  return {
    startedAt,
    amendments,
    exports,
    legitimateExport: legitExport,
    guesses: guessed,
    legitimateLogin: legitLogin,
    flood: await flood,
  };
}

async function round(
  name: string,
  historyFile: string,
  clauseIds: string[],
  parts: readonly string[],
): Promise<RoundResult> {
  const server = await startServer(historyFile);
  const typists = await Promise.all(
    readDemoDelegations()
      .slice(0, TYPISTS)
      .map((code) => login(server.http, `${code.toLowerCase()}-delegate`)),
  );
  const keys = KEYS_PER_SECOND * SECONDS;
  const load = new LoadGenerator({
    clients: CLIENTS,
    typists: TYPISTS,
    keysPerTypist: keys,
    untimed: 1,
    endpoint: () => ({ ws: server.ws }),
    cookie: (i) => (i < TYPISTS ? typists[i] : server.audience[i]),
  });
  try {
    // The people the attack stands for are signed in before the room types, as its typists are.
    const cast = parts.length ? await signIn(server.http, ACTORS) : undefined;
    await load.open();
    if (!(await until(() => load.stats.unsynced() === 0, 60_000)))
      console.warn(`${name}: ${load.stats.unsynced()} clients did not sync`);
    const clauses = Array.from({ length: TYPISTS }, (_, i) => clauseIds[(i + 2) % clauseIds.length]!);
    const phases = typingPhases(TYPISTS, 1);
    await load.type(clauses, KEYS_PER_SECOND, 1, phases);
    await sleep(1000);

    await ask(server, 'reset');
    const cpu0 = cpuSeconds(server.child.pid!);
    const own0 = process.cpuUsage();
    const busy0 = machineBusySeconds();
    const wall0 = performance.now();
    const typingAt = clock();
    const typing = load.type(clauses, KEYS_PER_SECOND, keys, phases);
    const attacked = cast ? attack(server, cast, performance.now() + SECONDS * 1000, parts) : undefined;
    await typing;
    const result = await attacked;
    await until(() => load.latencies.missing() === 0, 10_000, 50);
    const loop = (await ask<LoopDelay>(server, 'report')) ?? NO_ANSWER;
    const seconds = (performance.now() - wall0) / 1000;
    const serverCpu = cpuSeconds(server.child.pid!) - cpu0;
    const own = process.cpuUsage(own0);
    const otherCpu = (machineBusySeconds() - busy0 - serverCpu - (own.user + own.system) / 1e6) / seconds;
    const cpu = serverCpu / seconds;
    const summary = load.latencies.summary();
    const from = result?.startedAt ?? typingAt;
    const sent = [...load.latencies.keystrokes()].map(({ slot }) => load.latencies.sentAt[slot]! - from);
    const slowest = Array.from(summary.everyone, (ms, i) => ({ sentMs: sent[i]!, ms }))
      .sort((a, b) => b.ms - a.ms)
      .slice(0, Math.ceil(summary.everyone.length / 100));
    return {
      name,
      loop,
      everyoneP50: percentile(summary.everyone, 50),
      everyoneP99: percentile(summary.everyone, 99),
      pairP99: percentile(summary.pairs, 99),
      missing: summary.missing,
      expected: summary.expected,
      closed: Array.from(load.stats.closed).filter((code) => code !== 0).length,
      cpu,
      otherCpu: Math.max(0, otherCpu),
      slowest,
      burst: burstOf(summary.everyone, sent, result ? 0 : HOSTILE_AT),
      ...(result ? { attack: result } : {}),
    };
  } finally {
    await load.close();
    server.child.kill('SIGKILL');
    await sleep(1500);
    fs.rmSync(server.dataDir, { recursive: true, force: true });
  }
}

export async function run(): Promise<BenchSection> {
  const doc = benchDocument(HISTORY);
  const historyFile = path.join(os.tmpdir(), `accord-hostile-history-${process.pid}.json`);
  fs.writeFileSync(
    historyFile,
    JSON.stringify({ clauses: doc.clauses, updates: doc.updates.map((u) => Buffer.from(u).toString('base64')) }),
  );
  const clauseIds = doc.clauses.filter((c) => c.kind === 'operative' || c.kind === 'preamble').map((c) => c.id);
  const results: RoundResult[] = [];
  try {
    // BENCH_HOSTILE picks the parts of the attack for a single round (finding which one costs what).
    const only = process.env.BENCH_HOSTILE?.split(',');
    const rounds: [string, readonly string[]][] = only
      ? [[`under attack (${only.join(', ')})`, only]]
      : [
          ['quiet room (baseline)', []],
          ['under attack, all but the observer flood', ['amendments', 'exports', 'guesses']],
          ['under attack, all of it', ALL_PARTS],
        ];
    for (const [name, parts] of rounds) {
      console.log(`hostile load: ${name}…`);
      const started = clock();
      results.push(await round(name, historyFile, clauseIds, parts));
      console.log(JSON.stringify(results.at(-1)), `${((clock() - started) / 1000).toFixed(0)} s`);
    }
  } finally {
    fs.rmSync(historyFile, { force: true });
  }
  return { title: 'Hostile load: one person cannot stall the room', markdown: report(results) };
}
