/**
 * The public gallery benchmark: many anonymous viewers on `GET /public/:id/events` while 10 people type in
 * the published document through the collab socket, against the production build (`server/main.ts`, plain
 * Node) in its own process. About once a second a typist writes a numbered marker; a probe viewer learns which
 * event first carried it, and each viewer's delay is the time from the keystroke to that event's arrival.
 * Reported: the viewers the server held, their delay p50/p99, the server's CPU with and without them (per
 * 1,000 viewers) and its memory per viewer, and the delay of the same keystrokes to a co-editor (the chair's
 * collab client) without and with the viewers, against the collaboration target. Sizes: BENCH_GALLERY_VIEWERS (default 10,000), BENCH_SECONDS
 * (default 20), BENCH_TYPISTS (default 10).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import WebSocket from 'ws';
import * as Y from 'yjs';
import { WebsocketProvider } from 'y-websocket';
import type { BenchSection } from './index.js';
import { login, runAlone, sleep, until } from './benchTools.js';
import { serverCommand, serverEnvironment, runtimeNote } from './compiled.js';
import { cpuSeconds, memory } from './procStats.js';
import { Probe, Viewers } from './galleryViewers.js';
import { clauseOrder, getClauseFragment } from '../../shared/editor/ydoc.js';
import { readDemoDelegations } from '../../server/seed/demoDocument.js';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const env = (name: string, fallback: number): number => Number(process.env[name] ?? fallback);
const VIEWERS = env('BENCH_GALLERY_VIEWERS', 10_000);
const SECONDS = env('BENCH_SECONDS', 20);
const TYPISTS = env('BENCH_TYPISTS', 10);
const KEYS_PER_SECOND = 5;
const DOC = 'almaty-declaration';
const MARKER = /Q(\d+)Q/g;

function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const probe = net.createServer().listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as net.AddressInfo;
      probe.close(() => resolve(port));
    });
  });
}

async function startAccord(port: number, dataDir: string): Promise<ChildProcess> {
  const child = spawn(process.execPath, await serverCommand(path.join(ROOT, 'server/main.ts')), {
    stdio: ['ignore', 'ignore', 'inherit'],
    env: {
      ...process.env,
      ...serverEnvironment(),
      NODE_ENV: 'production',
      DATABASE_URL: '',
      REDIS_URL: '',
      HOST: '127.0.0.1',
      PORT: String(port),
      DATA_DIR: dataDir,
      LOG_LEVEL: 'silent',
      SEED: 'demo',
      MAX_CONNECTIONS_PER_USER: '0',
      PUBLIC_GALLERY_MAX_VIEWERS: String(VIEWERS + 10),
    },
  });
  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 60_000;
  while (!(await healthy(url))) {
    if (child.exitCode !== null || Date.now() > deadline) throw new Error('Accord did not start');
    await sleep(100);
  }
  return child;
}

async function healthy(url: string): Promise<boolean> {
  try {
    return (await fetch(`${url}/api/health`)).ok;
  } catch {
    return false;
  }
}

/** A person typing into one clause through the stock y-websocket client. */
function typist(url: string, cookie: string): WebsocketProvider {
  const Socket = class extends WebSocket {
    constructor(address: string | URL, protocols?: string | string[]) {
      super(address, protocols, { headers: { cookie } });
    }
  };
  return new WebsocketProvider(`${url.replace('http', 'ws')}/collab`, DOC, new Y.Doc(), {
    WebSocketPolyfill: Socket as never,
    disableBc: true,
  });
}

function type(provider: WebsocketProvider, clauseId: string, text: string): void {
  const paragraph = getClauseFragment(provider.doc, clauseId).get(0) as Y.XmlElement;
  const xmlText = paragraph.get(0) as Y.XmlText;
  xmlText.insert(xmlText.length, text);
}

/** When each marker first reached a co-editor's copy of the text (a client that only reads). */
function coEditor(provider: WebsocketProvider, clauses: string[]): Map<number, number> {
  const seen = new Map<number, number>();
  provider.doc.on('afterTransaction', (tr: Y.Transaction) => {
    if (tr.local) return;
    const now = performance.now();
    for (const id of clauses) {
      for (const m of getClauseFragment(provider.doc, id).toString().matchAll(MARKER)) {
        if (!seen.has(Number(m[1]))) seen.set(Number(m[1]), now);
      }
    }
  });
  return seen;
}

/** Each marker's delay from its keystroke to the co-editor. */
const editorDelays = (marks: Map<number, number>, seen: Map<number, number>): number[] =>
  [...marks].flatMap(([n, at]) => (seen.has(n) ? [seen.get(n)! - at] : []));

function percentile(values: number[], p: number): number {
  if (!values.length) return Number.NaN;
  const sorted = Float64Array.from(values).sort();
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}

/** Markers written so far, across runs of `typeFor`: each marker's number is unique in the text. */
let markers = 0;

/** Typists type for `seconds`, writing about one marker a second; returns each marker's time. */
async function typeFor(
  providers: WebsocketProvider[],
  clauses: string[],
  seconds: number,
): Promise<Map<number, number>> {
  const marks = new Map<number, number>();
  const ticks = seconds * KEYS_PER_SECOND;
  for (let tick = 0; tick < ticks; tick++) {
    const started = performance.now();
    providers.forEach((p, i) => {
      // About one marker a second, at random moments: an event comes every second, so a marker written in step
      // with the events would wait for none of the coalescing.
      if (i === tick % providers.length && Math.random() < 1 / KEYS_PER_SECOND) {
        const n = ++markers;
        marks.set(n, performance.now());
        type(p, clauses[i]!, ` Q${n}Q `);
      } else type(p, clauses[i]!, 'abcdefghij'[tick % 10]!);
    });
    await sleep(Math.max(0, 1000 / KEYS_PER_SECOND - (performance.now() - started)));
  }
  return marks;
}

/** Publishes the demo declaration and seats the typists, synced and past their first keystrokes. */
async function prepare(
  url: string,
): Promise<{ providers: WebsocketProvider[]; clauses: string[]; editor: WebsocketProvider }> {
  const chair = await login(url, 'chair');
  const published = await fetch(`${url}/api/documents/${DOC}/publish`, {
    method: 'POST',
    headers: { cookie: chair, origin: url, 'content-type': 'application/json' },
    body: JSON.stringify({ public: true }),
  });
  if (!published.ok) throw new Error(`publish: ${published.status}`);
  const doc = (await (await fetch(`${url}/api/documents/${DOC}`, { headers: { cookie: chair } })).json()) as {
    stage: string;
  };
  // In drafting, ten delegations' delegates; later, the secretariat alone writes the text (ten of its sessions).
  const people = readDemoDelegations()
    .slice(0, TYPISTS)
    .map((code) => (doc.stage === 'drafting' ? `${code.toLowerCase()}-delegate` : 'secretariat'));
  const providers: WebsocketProvider[] = [];
  for (const username of people) providers.push(typist(url, await login(url, username)));
  const editor = typist(url, chair);
  await until(() => editor.synced && providers.every((p) => p.synced), 30_000);
  const clauses = clauseOrder(providers[0]!.doc).slice(2, 2 + TYPISTS);
  await typeFor(providers, clauses, 2);
  return { providers, clauses, editor };
}

interface Result {
  held: number;
  stillOpen: number;
  refused: number;
  connectSeconds: number;
  events: number;
  delays: number[];
  missing: number;
  deliveries: number;
  baseline: number;
  cpu: number;
  rssBefore: number;
  rssAfter: number;
  peak: number;
  loadCpu: number;
  /** Keystroke → co-editor, typing alone and with the viewers (ms). */
  editorAlone: number[];
  editorWithViewers: number[];
}

/** Typing alone, then the viewers connect, then typing with them; the server's CPU and memory around each. */
async function measure(pid: number, url: string, viewers: Viewers, probe: Probe): Promise<Result> {
  const { providers, clauses, editor } = await prepare(url);
  const seen = coEditor(editor, clauses);
  try {
    console.log('public gallery: typing without viewers…');
    let cpu0 = cpuSeconds(pid);
    let wall0 = performance.now();
    const alone = await typeFor(providers, clauses, Math.min(10, SECONDS));
    const baseline = (cpuSeconds(pid) - cpu0) / ((performance.now() - wall0) / 1000);
    const rssBefore = memory(pid).rss;

    console.log(`public gallery: ${VIEWERS} viewers connecting…`);
    await probe.open();
    const connectStarted = performance.now();
    await viewers.open(VIEWERS);
    const connectSeconds = (performance.now() - connectStarted) / 1000;
    await sleep(2000);
    const rssAfter = memory(pid).rss;
    const held = viewers.started;
    console.log(`public gallery: ${held} viewers held, ${viewers.refused} refused; typing…`);

    const load0 = process.cpuUsage();
    cpu0 = cpuSeconds(pid);
    wall0 = performance.now();
    const marks = await typeFor(providers, clauses, SECONDS);
    await sleep(2500);
    const seconds = (performance.now() - wall0) / 1000;
    const cpu = (cpuSeconds(pid) - cpu0) / seconds;
    const loadCpu = process.cpuUsage(load0);
    const delays: number[] = [];
    let missing = 0;
    for (const [n, at] of marks) {
      const seq = probe.firstSeen.get(n);
      const times = seq === undefined ? [] : (viewers.arrivals.get(seq) ?? []);
      missing += Math.max(0, held - times.length);
      for (const t of times) delays.push(t - at);
    }
    return {
      held,
      stillOpen: viewers.streaming,
      refused: viewers.refused,
      connectSeconds,
      events: probe.events / seconds,
      delays,
      missing,
      deliveries: marks.size * held,
      baseline,
      cpu,
      rssBefore,
      rssAfter,
      peak: memory(pid).peak,
      loadCpu: (loadCpu.user + loadCpu.system) / 1e6 / seconds,
      editorAlone: editorDelays(alone, seen),
      editorWithViewers: editorDelays(marks, seen),
    };
  } finally {
    [...providers, editor].forEach((p) => p.destroy());
  }
}

function report(r: Result): string {
  const n = (x: number): string => x.toLocaleString('en');
  const s = (ms: number): string => `${(ms / 1000).toFixed(2)} s`;
  const ms = (values: number[], p: number): string => `${percentile(values, p).toFixed(0)} ms`;
  const perThousand = ((r.cpu - r.baseline) * 1000) / Math.max(1, r.held);
  const perViewer = ((r.rssAfter - r.rssBefore) * 1024) / Math.max(1, r.held);
  return [
    `${n(VIEWERS)} anonymous viewers asked for the event stream of the published demo declaration`,
    `(\`GET /public/${DOC}/events\`, raw sockets on loopback, connected 250 at a time) while ${TYPISTS} people typed`,
    `${KEYS_PER_SECOND} keys a second each through the collab socket for ${SECONDS} s; about one marker a second, at random`,
    `moments, whose delay is measured from the keystroke to its first event at every viewer. Server: ${runtimeNote()}.`,
    '',
    '| measure | value |',
    '|---|---|',
    `| viewers held (streaming at the end) | ${n(r.held)} (${n(r.stillOpen)} still open; ${r.refused} refused) |`,
    `| time to connect them all | ${r.connectSeconds.toFixed(1)} s |`,
    `| events per second per viewer | ${r.events.toFixed(2)} (at most 1) |`,
    `| delay keystroke → viewer, p50 | ${s(percentile(r.delays, 50))} |`,
    `| delay keystroke → viewer, p99 | ${s(percentile(r.delays, 99))} (target ≤ 2 s) |`,
    `| delay, max | ${s(r.delays.reduce((a, b) => Math.max(a, b), 0))} |`,
    `| marker deliveries missing | ${n(r.missing)} of ${n(r.deliveries)} |`,
    `| server CPU, typing alone | ${r.baseline.toFixed(3)} s/s |`,
    `| server CPU, typing and viewers | ${r.cpu.toFixed(3)} s/s |`,
    `| server CPU per 1,000 viewers | ${perThousand.toFixed(4)} s/s |`,
    `| server memory per viewer | ${perViewer.toFixed(1)} KiB (RSS ${r.rssBefore.toFixed(0)} → ${r.rssAfter.toFixed(0)} MiB, peak ${r.peak.toFixed(0)} MiB) |`,
    `| load generator CPU (viewers and typists) | ${r.loadCpu.toFixed(3)} s/s |`,
    `| keystroke → co-editor p50 / p99, typing alone | ${ms(r.editorAlone, 50)} / ${ms(r.editorAlone, 99)} (${r.editorAlone.length} markers) |`,
    `| keystroke → co-editor p50 / p99, with the viewers | ${ms(r.editorWithViewers, 50)} / ${ms(r.editorWithViewers, 99)} (target ≤ 100 ms; ${r.editorWithViewers.length} markers) |`,
    '',
    'The viewers are read on the same machine, so their reading competes with the server for the cores; the',
    'delay includes the gallery\u2019s coalescing (at most one event a second per document: up to 1 s by design).',
  ].join('\n');
}

export async function run(): Promise<BenchSection> {
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'accord-bench-gallery-'));
  const server = await startAccord(port, dataDir);
  const viewers = new Viewers('127.0.0.1', port, `/public/${DOC}/events`);
  const probe = new Probe(`${url}/public/${DOC}/events`, MARKER);
  try {
    const result = await measure(server.pid!, url, viewers, probe);
    return { title: 'Public gallery', markdown: report(result) };
  } finally {
    viewers.close();
    probe.close();
    server.kill('SIGKILL');
    await sleep(500);
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}

runAlone(import.meta.url, run);
