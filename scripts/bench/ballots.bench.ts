import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { spawn, type ChildProcess } from 'node:child_process';
import { createInterface } from 'node:readline';
import countries from 'i18n-iso-countries';
import { io, type Socket } from 'socket.io-client';
import type { ClientToServerEvents, ServerToClientEvents } from '../../shared/protocol/events.js';
import { isCountryCode } from '../../shared/domain/countries.js';
import { loadConfig } from '../../server/config.js';
import { consoleLogger, type AppContext } from '../../server/context.js';
import { openStorage } from '../../server/db/connection.js';
import { Store } from '../../server/db/store.js';
import { DocRegistry } from '../../server/collab/registry.js';
import { Events } from '../../server/realtime/events.js';
import { generateSigningKey } from '../../server/ledger/signingKey.js';
import { hashPassword } from '../../server/auth/passwords.js';
import { actorOf, startSession } from '../../server/auth/session.js';
import { createDocument } from '../../server/commands/createDocument.js';
import { serverCommand, serverEnvironment } from './compiled.js';
import { runAlone } from './benchTools.js';

/** One section of docs/benchmarks.md, as every `scripts/bench/*.bench.ts` returns it. */
export interface BenchSection {
  title: string;
  markdown: string;
}

/** States in the assembly: the UN's 193. */
const DELEGATIONS = 193;
/**
 * Windows (ms) the ballots are spread evenly over, one round each: "every State votes within one second",
 * twice, then the harshest case, every ballot sent at the same instant.
 */
const WINDOWS_MS = [1000, 1000, 0];
/** The live tally must reach the chair this soon after the last ballot (ms). */
const TALLY_BUDGET_MS = 200;
const ROUNDS = WINDOWS_MS.length;
const DOCUMENT_ID = 'bench-declaration';

interface Seeded {
  dataDir: string;
  chairCookie: string;
  heads: { code: string; cookie: string }[];
  clauses: string[];
}

/**
 * Seeds a conference of 193 delegations straight into a fresh database (one head each, sessions issued
 * directly: 193 password checks would measure scrypt, not voting), with a declaration in adoption.
 */
async function seed(): Promise<Seeded> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'accord-bench-ballots-'));
  const config = loadConfig({ DATA_DIR: dataDir, SEED: 'none', LOG_LEVEL: 'silent' });
  const store = new Store(await openStorage({ dataDir: config.dataDir }));
  const ctx: AppContext = {
    config,
    store,
    registry: new DocRegistry(store),
    events: new Events(store, consoleLogger('silent')),
    log: consoleLogger('silent'),
    signingKey: generateSigningKey(),
  };
  const codes = Object.keys(countries.getAlpha3Codes()).filter(isCountryCode).sort().slice(0, DELEGATIONS);
  if (codes.length < DELEGATIONS) throw new Error(`only ${codes.length} country codes available`);
  const passwordHash = await hashPassword('bench');
  const cookie = (setCookie: string): string => setCookie.split(';')[0]!;
  const seeded = await store.transaction(async () => {
    await store.conferences.insert({
      id: 'bench',
      name: 'Benchmark assembly',
      place: '',
      startsOn: null,
      endsOn: null,
    });
    const chair = await store.users.insert({
      username: 'chair',
      displayName: 'Chair',
      role: 'chair',
      delegation: null,
      passwordHash,
    });
    const secretariat = await store.users.insert({
      username: 'secretariat',
      displayName: 'Secretariat',
      role: 'secretariat',
      delegation: null,
      passwordHash,
    });
    const heads: Seeded['heads'] = [];
    for (const code of codes) {
      await store.delegations.insert(code, 'bench');
      const head = await store.users.insert({
        username: `${code.toLowerCase()}-head`,
        displayName: `Head, ${code}`,
        role: 'head',
        delegation: code,
        passwordHash,
      });
      heads.push({ code, cookie: cookie(await startSession(ctx, head.id)) });
    }
    const clauses = await createDocument(ctx, actorOf(secretariat), {
      id: DOCUMENT_ID,
      conferenceId: 'bench',
      title: 'Benchmark declaration',
      symbol: 'BENCH/1',
      stage: 'adoption',
      clauses: Array.from({ length: ROUNDS + 1 }, (_, i) => ({
        kind: i === 0 ? ('title' as const) : ('operative' as const),
        text: i === 0 ? 'Benchmark declaration' : `*Decides* item ${i}.`,
      })),
    });
    return { chairCookie: cookie(await startSession(ctx, chair.id)), heads, clauses };
  });
  await store.close();
  return { dataDir, ...seeded };
}

/** Runs the real server as its own process, as in production, so the client side does not share its core. */
async function startServerProcess(dataDir: string): Promise<{ child: ChildProcess; url: string }> {
  const child = spawn(process.execPath, await serverCommand('server/main.ts'), {
    // The single-node figures: SQLite on one node, whatever DATABASE_URL or REDIS_URL the caller set.
    env: {
      ...process.env,
      ...serverEnvironment(),
      DATABASE_URL: '',
      REDIS_URL: '',
      PORT: '0',
      HOST: '127.0.0.1',
      DATA_DIR: dataDir,
      SEED: 'none',
      LOG_LEVEL: 'info',
    },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const line = await new Promise<string>((resolve, reject) => {
    createInterface({ input: child.stdout! }).once('line', resolve);
    child.once('exit', (code) => reject(new Error(`server exited with ${code}`)));
  });
  child.stdout!.resume();
  const url = /^Accord is serving on (http:\/\/\S+)/.exec(line)?.[1];
  if (!url) throw new Error(`unexpected first line: ${line}`);
  return { child, url };
}

async function post(url: string, cookie: string, body: unknown): Promise<{ status: number; body: any }> {
  const origin = new URL(url).origin;
  const res = await fetch(url, {
    method: 'POST',
    headers: { cookie, origin, 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  return { status: res.status, body: await res.json() };
}

interface Round {
  window: number;
  acknowledged: number;
  latencies: number[];
  /** From the first ballot sent to the last acknowledged (ms). */
  span: number;
  /** From the last ballot sent / acknowledged to the chair's socket receiving the complete tally (ms). */
  sinceLastSent: number;
  sinceLastAck: number;
}

/** One burst: a vote opened by the chair, every head casting within the window, the chair's socket watching. */
async function burst(
  url: string,
  seeded: Seeded,
  chair: Socket<ServerToClientEvents, ClientToServerEvents>,
  clauseId: string,
  window: number,
): Promise<Round> {
  const opened = await post(`${url}/api/documents/${DOCUMENT_ID}/votes`, seeded.chairCookie, {
    subject: { type: 'clause', id: clauseId },
    rule: 'two_thirds',
  });
  if (opened.status !== 201) throw new Error(`open vote: ${opened.status} ${JSON.stringify(opened.body)}`);
  const voteId = opened.body.id as string;
  const complete = new Promise<number>((resolve) => {
    const onTally = (event: Parameters<ServerToClientEvents['vote:tally']>[0]): void => {
      if (event.voteId === voteId && event.counts.present === DELEGATIONS) {
        chair.off('vote:tally', onTally);
        resolve(performance.now());
      }
    };
    chair.on('vote:tally', onTally);
  });
  const choices = ['yes', 'yes', 'no', 'abstain'] as const;
  const start = performance.now();
  let lastSent = 0;
  let lastAck = 0;
  const results = await Promise.all(
    seeded.heads.map(async (head, i) => {
      if (window > 0) await new Promise((r) => setTimeout(r, (i * window) / DELEGATIONS));
      const sent = performance.now();
      lastSent = Math.max(lastSent, sent);
      const res = await post(`${url}/api/votes/${voteId}/ballots`, head.cookie, {
        choice: choices[i % choices.length],
      });
      const acked = performance.now();
      lastAck = Math.max(lastAck, acked);
      return { ok: res.status === 200, latency: acked - sent };
    }),
  );
  const tallied = await Promise.race([
    complete,
    new Promise<number>((_, reject) =>
      setTimeout(() => reject(new Error('the chair never saw the full tally')), 10_000),
    ),
  ]);
  const closed = await post(`${url}/api/votes/${voteId}/close`, seeded.chairCookie, {});
  if (closed.status !== 200 || closed.body.result.present !== DELEGATIONS)
    throw new Error(`close: ${closed.status} ${JSON.stringify(closed.body)}`);
  return {
    window,
    acknowledged: results.filter((r) => r.ok).length,
    latencies: results.map((r) => r.latency).sort((a, b) => a - b),
    span: lastAck - start,
    sinceLastSent: tallied - lastSent,
    sinceLastAck: Math.max(0, tallied - lastAck),
  };
}

const pct = (sorted: number[], p: number): number =>
  sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
const ms = (n: number): string => `${n.toFixed(1)} ms`;

/**
 * Ballot burst: 193 heads of delegation cast within one second while the chair's socket.io client watches
 * the live tally. Passes when every ballot is acknowledged and the full tally reaches the chair within
 * 200 ms of the last ballot.
 */
export async function run(): Promise<BenchSection> {
  const seeded = await seed();
  const { child, url } = await startServerProcess(seeded.dataDir);
  const chair: Socket<ServerToClientEvents, ClientToServerEvents> = io(url, {
    path: '/socket.io',
    transports: ['websocket'],
    extraHeaders: { cookie: seeded.chairCookie },
  });
  try {
    await new Promise<void>((resolve, reject) => {
      chair.once('connect_error', reject);
      chair.once('connect', () =>
        chair.emit('document:join', { documentId: DOCUMENT_ID }, (r) =>
          r.ok ? resolve() : reject(new Error(r.error.id)),
        ),
      );
    });
    const rounds: Round[] = [];
    for (let i = 0; i < ROUNDS; i++)
      rounds.push(await burst(url, seeded, chair, seeded.clauses[i + 1]!, WINDOWS_MS[i]!));
    // The target is the one-second burst; the all-at-once round is a stress reading, judged on acknowledgement only.
    const allAcknowledged = rounds.every((r) => r.acknowledged === DELEGATIONS);
    const pass = allAcknowledged && rounds.filter((r) => r.window > 0).every((r) => r.sinceLastSent <= TALLY_BUDGET_MS);
    const rows = rounds.map(
      (r, i) =>
        `| ${i + 1} | ${r.window ? `spread over ${r.window} ms` : 'all at once'} | ${r.acknowledged}/${DELEGATIONS} | ${ms(r.span)} | ${ms(pct(r.latencies, 50))} | ${ms(pct(r.latencies, 95))} | ${ms(r.latencies.at(-1)!)} | ${ms(r.sinceLastSent)} | ${ms(r.sinceLastAck)} |`,
    );
    const markdown = [
      `${DELEGATIONS} heads of delegation, each with their own session, cast a ballot (HTTP POST), spread evenly over one second or all sent at once; the chair's socket.io client waits for the running tally (\`vote:tally\`) that counts all ${DELEGATIONS}. The server runs as its own process on a fresh database (SQLite WAL, synchronous=FULL: each ballot is committed, with its ledger row, before it is answered). ${ROUNDS} rounds, one vote each, on ${os.cpus().length} cores.`,
      '',
      '| round | ballots sent | acknowledged | first sent → last answered | ballot p50 | ballot p95 | ballot max | last ballot sent → chair has full tally | last answer → chair has full tally |',
      '|---|---|---|---|---|---|---|---|---|',
      ...rows,
      '',
      `Target (rounds within one second): every ballot acknowledged and the full tally at the chair within ${TALLY_BUDGET_MS} ms of the last ballot sent: **${pass ? 'met' : 'NOT met'}**. ` +
        'When all 193 arrive at the same instant they queue behind one another (each is its own durable commit), so the last one is answered after the queue drains; the chair still has the full tally before that last answer.',
    ].join('\n');
    return { title: 'Ballot burst: 193 delegations within one second', markdown };
  } finally {
    chair.disconnect();
    await new Promise<void>((resolve) => {
      child.once('exit', () => resolve());
      child.kill('SIGTERM');
    });
    fs.rmSync(seeded.dataDir, { recursive: true, force: true });
  }
}

// `tsx scripts/bench/ballots.bench.ts` runs this section alone.
runAlone(import.meta.url, run);
