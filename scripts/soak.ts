import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import * as Y from 'yjs';
import { parseArgs } from './context.js';
import { check, countLedger, DRAFT, integrity, type Ledger } from './soakCheck.js';
import { FROM_BUNDLES, FROM_SOURCES, prepare, startServer, type Programs, type Server } from './soakServer.js';
import { Actor, Peer, allSynced, sleep, generator } from './soakLoad.js';
import { chairing, voting, waitUntil, type Load } from './soakVotes.js';

const USAGE = `The fault script: a live server under typing, voting, amendments and comments is killed with SIGKILL
at a random moment and restarted, N times. After each restart it checks that every acknowledged ballot,
vote result, amendment and comment is there, every edit a collab peer received is in the text, the ledger
is intact (npm run verify-ledger) and the database passes PRAGMA integrity_check.

  npm run soak -- --cycles 100 [--seed 42] [--keep] [--built]

--keep leaves the temporary data directory in place. --built runs the server and verify-ledger from their
bundles in dist/server/ (npm run build:server first) rather than from the sources. Prints one line per cycle and a JSON summary last;
exits 1 at the first loss. It tests the embedded SQLite engine, in a temporary directory: DATABASE_URL is
ignored, and so is REDIS_URL.`;

const TYPISTS = ['kaz-delegate', 'fra-delegate', 'deu-delegate', 'gbr-delegate'];
const VOTERS = ['KAZ', 'FRA', 'DEU', 'GBR', 'USA', 'CHN', 'IND', 'JPN', 'KEN', 'MEX'];

interface Totals {
  cycles: number;
  comments: number;
  amendments: number;
  ballots: number;
  votesClosed: number;
  updatesReceived: number;
  ledgerEntries: number;
  lost: number;
}

async function typing(load: Load, i: number): Promise<void> {
  while (!load.stop()) {
    load.peers[i]!.type(load.clauses[i % load.clauses.length]!, load.pick(['a', 'e', ' ', 'ә', 'ғ', 'қ', 'x']));
    await load.pause(5, 40);
  }
}

async function commenting(load: Load, random: () => number): Promise<void> {
  while (!load.stop()) {
    const who = load.actors.get(load.pick(['kaz-head', 'fra-delegate', 'secretariat']))!;
    const res = await who.request('POST', `/api/documents/${DRAFT}/comments`, {
      clauseId: load.pick(load.clauses),
      body: `Soak comment ${random().toString(36).slice(2)}`,
    });
    if (res.status === 201) load.ledger.comments.add(res.body.id as string);
    await load.pause(10, 60);
  }
}

async function amending(load: Load, random: () => number): Promise<void> {
  while (!load.stop()) {
    const who = load.actors.get(load.pick(['kaz-head', 'deu-delegate', 'usa-head']))!;
    const res = await who.request('POST', `/api/documents/${DRAFT}/amendments`, {
      clauseId: load.pick(load.clauses),
      kind: 'replace',
      text: `*Urges* all States to act ${random().toString(36).slice(2)}.`,
      rationale: 'Stronger.',
    });
    if (res.status === 201) load.ledger.amendments.add(res.body.id as string);
    await load.pause(20, 80);
  }
}

/**
 * One cycle's load until `stop` says so: typists on the draft, comments and amendments by delegations, the
 * chair running votes on the second document while heads cast and change ballots.
 */
async function drive(
  url: string,
  actors: Map<string, Actor>,
  ledger: Ledger,
  random: () => number,
  stop: () => boolean,
  started: () => void,
): Promise<Peer[]> {
  for (const actor of actors.values()) actor.baseUrl = url;
  const draft = (await actors.get('chair')!.request('GET', `/api/documents/${DRAFT}`)).body as
    { clauses?: { id: string; kind: string }[] } | undefined;
  const clauses = (draft?.clauses ?? []).filter((c) => c.kind === 'operative').map((c) => c.id);
  const peers = [...TYPISTS, 'observer'].map((user) => new Peer(url, DRAFT, actors.get(user)!.cookie));
  try {
    if (clauses.length === 0) throw new Error(`GET /api/documents/${DRAFT} failed`);
    await allSynced(peers);
  } catch (error) {
    // Killed before the load got going: nothing was acknowledged by this cycle's peers.
    started();
    await waitUntil(stop);
    if (peers.some((p) => p.received.length > 0 && !p.synced)) throw error;
    return peers;
  }
  const load: Load = {
    actors,
    ledger,
    clauses,
    peers,
    stop,
    pick: (list) => list[Math.floor(random() * list.length)]!,
    pause: (min, max) => sleep(min + random() * (max - min)),
  };
  started();
  await Promise.all([
    ...TYPISTS.map((_, i) => typing(load, i)),
    commenting(load, random),
    amending(load, random),
    chairing(load),
    ...VOTERS.map((code) => voting(load, code)),
  ]);
  return peers;
}

/** How long a cycle waits for its load to get going (and to have each kind of work acknowledged) before it kills the server anyway. */
const LOAD_START_TIMEOUT_MS = 30_000;

/** Whether the run has had a comment, an amendment, a ballot and a closed vote acknowledged, in any cycle. */
function everyKindAcknowledged(ledger: Ledger): boolean {
  return (
    ledger.comments.size > 0 &&
    ledger.amendments.size > 0 &&
    ledger.closed.size > 0 &&
    [...ledger.ballots.values()].some((b) => b.acked)
  );
}

/**
 * Drives the load and kills the server with SIGKILL at a random moment in it; the updates the peers received
 * join the ledger of what must survive.
 */
async function killUnderLoad(
  server: Server,
  actors: Map<string, Actor>,
  ledger: Ledger,
  random: () => number,
): Promise<{ killAfter: number; received: number }> {
  const killAfter = 300 + random() * 2200;
  let stopped = false;
  let going = false;
  const load = drive(
    server.url,
    actors,
    ledger,
    random,
    () => stopped,
    () => (going = true),
  );
  // The clock runs from when the load is going (the peers synced) and, until each kind of work has been
  // acknowledged once, from then on: on a busy machine the start alone, or a first ballot, can take longer
  // than the kill's delay, and a run could kill idle servers and prove nothing.
  const giveUp = Date.now() + LOAD_START_TIMEOUT_MS;
  await waitUntil(() => (going && everyKindAcknowledged(ledger)) || Date.now() > giveUp);
  await sleep(killAfter);
  server.child.kill('SIGKILL');
  await server.exited;
  stopped = true;
  const peers = await load;
  let received = 0;
  for (const peer of peers) {
    ledger.updates.push(...peer.received);
    received += peer.received.length;
    peer.close();
  }
  // Fold what was received so far into one update: the check stays fast over many cycles.
  if (ledger.updates.length > 1) ledger.updates = [Y.mergeUpdates(ledger.updates)];
  return { killAfter, received };
}

/** The totals after a cycle: what the ledger of acknowledgements holds, with the cycle's own counts. */
function acknowledgedSoFar(
  ledger: Ledger,
  counts: Pick<Totals, 'cycles' | 'updatesReceived' | 'ledgerEntries' | 'lost'>,
): Totals {
  return {
    ...counts,
    comments: ledger.comments.size,
    amendments: ledger.amendments.size,
    ballots: [...ledger.ballots.values()].filter((b) => b.acked).length,
    votesClosed: ledger.closed.size,
  };
}

export async function soak(cycles: number, seed: number, keep: boolean, programs: Programs): Promise<Totals> {
  const random = generator(seed);
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'accord-soak-'));
  const logFile = fs.openSync(path.join(dataDir, 'server.log'), 'a');
  const totals: Totals = {
    cycles: 0,
    comments: 0,
    amendments: 0,
    ballots: 0,
    votesClosed: 0,
    updatesReceived: 0,
    ledgerEntries: 0,
    lost: 0,
  };
  const ledger: Ledger = {
    comments: new Set(),
    amendments: new Set(),
    ballots: new Map(),
    closed: new Map(),
    updates: [],
  };
  let server: Server | undefined;
  try {
    await prepare(dataDir);
    server = await startServer(dataDir, logFile, programs);
    const actors = new Map<string, Actor>();
    const users = [
      'chair',
      'secretariat',
      'observer',
      'kaz-head',
      'usa-head',
      ...TYPISTS,
      ...VOTERS.map((c) => `${c.toLowerCase()}-head`),
    ];
    for (const user of new Set(users)) actors.set(user, await Actor.login(server.url, user));

    for (let cycle = 1; cycle <= cycles; cycle++) {
      const started = Date.now();
      const { killAfter, received } = await killUnderLoad(server, actors, ledger, random).catch((error: unknown) => {
        throw new Error(`cycle ${cycle}: load failed: ${error instanceof Error ? error.message : String(error)}`);
      });

      const check1 = integrity(dataDir);
      server = await startServer(dataDir, logFile, programs);
      const lost =
        check1 === 'ok'
          ? await check(server.url, actors, ledger, dataDir, programs.verifyLedger)
          : [`integrity_check: ${check1}`];
      const entries = countLedger(dataDir);
      Object.assign(
        totals,
        acknowledgedSoFar(ledger, {
          cycles: cycle,
          updatesReceived: totals.updatesReceived + received,
          ledgerEntries: entries,
          lost: lost.length,
        }),
      );
      console.log(
        `cycle ${cycle}/${cycles}: killed after ${Math.round(killAfter)} ms; acknowledged so far ${totals.comments} comments, ${totals.amendments} amendments, ` +
          `${totals.ballots} ballots, ${totals.votesClosed} closed votes, ${totals.updatesReceived} updates received; ledger ${entries} entries intact; ` +
          `integrity ${check1}; lost ${lost.length} (${Date.now() - started} ms)`,
      );
      if (lost.length) {
        for (const item of lost.slice(0, 20)) console.error(`  lost: ${item}`);
        keep = true;
        break;
      }
    }
    return totals;
  } finally {
    await cleanUp(server, logFile, dataDir, keep);
  }
}

/** Stops the server still running, and keeps the data folder only when asked or something was lost. */
async function cleanUp(server: Server | undefined, logFile: number, dataDir: string, keep: boolean): Promise<void> {
  if (server && server.child.exitCode === null) {
    server.child.kill('SIGTERM');
    await server.exited;
  }
  fs.closeSync(logFile);
  if (keep) console.log(`Data kept in ${dataDir}`);
  else fs.rmSync(dataDir, { recursive: true, force: true });
}

async function main(): Promise<number> {
  const args = parseArgs(process.argv.slice(2));
  if (args.has('help')) {
    console.log(USAGE);
    return 0;
  }
  const cycles = Number(args.get('cycles') ?? 10);
  const seed = Number(args.get('seed') ?? Date.now() % 1_000_000);
  if (!Number.isInteger(cycles) || cycles < 1) {
    console.error('--cycles must be a whole number above 0');
    return 2;
  }
  console.log(`Fault script: ${cycles} cycles, seed ${seed}, ${os.cpus().length} cores, Node ${process.version}`);
  const started = Date.now();
  const totals = await soak(cycles, seed, args.has('keep'), args.has('built') ? FROM_BUNDLES : FROM_SOURCES);
  const summary = {
    ...totals,
    survived: totals.lost === 0 && totals.cycles === cycles,
    seconds: Math.round((Date.now() - started) / 1000),
    seed,
  };
  console.log(JSON.stringify(summary));
  return summary.survived ? 0 : 1;
}

main().then(
  (code) => (process.exitCode = code),
  (error: unknown) => {
    console.error(error instanceof Error ? error.stack : error);
    process.exitCode = 1;
  },
);
