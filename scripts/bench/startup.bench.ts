/**
 * Start-up and memory of the server as `npm start` runs it (compiled ahead of time by esbuild, plain Node with
 * source maps) against the same server transpiled at run time by tsx, as `npm start` ran it before. Each run
 * starts the server process on a demo database seeded beforehand, polls `GET /api/health` every 5 ms, and
 * reads the process's RSS from /proc once it has answered and then after 3 s of idling (the demo document
 * loaded by one reader, no collab clients). The RSS with 1,200 clients is the collaboration benchmark's.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { spawn, type ChildProcess } from 'node:child_process';
import type { BenchSection } from './index.js';
import { login, sleep } from './benchTools.js';
import { buildServer, SERVER_BUNDLE, SERVER_ENV, SERVER_NODE_FLAGS } from '../buildServer.js';
import { memory } from './procStats.js';

const RUNS = Number(process.env.BENCH_STARTUP_RUNS ?? 7);

interface Mode {
  name: string;
  args: string[];
  env: Record<string, string>;
}

const MODES: Mode[] = [
  {
    name: '`npm start`: compiled (esbuild), `npm run serve`',
    args: [...SERVER_NODE_FLAGS, SERVER_BUNDLE],
    env: { ...SERVER_ENV },
  },
  {
    name: 'before: transpiled at run time, `node --import tsx server/main.ts`',
    args: ['--import', 'tsx', 'server/main.ts'],
    env: {},
  },
];

interface Run {
  startMs: number;
  rssAtStart: number;
  rssIdle: number;
}

function environment(mode: Mode, dataDir: string, port: number): NodeJS.ProcessEnv {
  return {
    ...process.env,
    ...mode.env,
    NODE_ENV: 'production',
    DATABASE_URL: '',
    REDIS_URL: '',
    HOST: '127.0.0.1',
    PORT: String(port),
    DATA_DIR: dataDir,
    LOG_LEVEL: 'silent',
    SEED: 'demo',
  };
}

async function healthy(url: string): Promise<boolean> {
  try {
    return (await fetch(`${url}/api/health`)).ok;
  } catch {
    return false;
  }
}

async function stop(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise((resolve) => child.once('exit', resolve));
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
  await exited;
  clearTimeout(timer);
}

/** One start of the server on `dataDir` (already seeded). */
async function once(mode: Mode, dataDir: string, port: number): Promise<Run> {
  const url = `http://127.0.0.1:${port}`;
  const started = performance.now();
  const child = spawn(process.execPath, mode.args, {
    env: environment(mode, dataDir, port),
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  try {
    while (!(await healthy(url))) {
      if (child.exitCode !== null) throw new Error(`the server exited with ${child.exitCode}`);
      if (performance.now() - started > 60_000) throw new Error('the server did not answer within a minute');
      await sleep(5);
    }
    const startMs = performance.now() - started;
    const rssAtStart = memory(child.pid!).rss;
    const cookie = await login(url, 'observer');
    await fetch(`${url}/api/documents/almaty-declaration`, { headers: { cookie } });
    await sleep(3000);
    return { startMs, rssAtStart, rssIdle: memory(child.pid!).rss };
  } finally {
    await stop(child);
  }
}

const median = (values: number[]): number => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;

export async function run(): Promise<BenchSection> {
  await buildServer();
  const port = 20_000 + Math.floor(Math.random() * 20_000);
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'accord-startup-'));
  const rows: string[] = [];
  const results: { mode: Mode; runs: Run[] }[] = [];
  try {
    // The first start seeds the demo conference; every measured start finds it there.
    await once(MODES[0]!, dataDir, port);
    for (const mode of MODES) results.push({ mode, runs: [] });
    // Interleaved, so that both see the same machine.
    for (let i = 0; i < RUNS; i++) for (const r of results) r.runs.push(await once(r.mode, dataDir, port));
  } finally {
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
  for (const { mode, runs } of results) {
    const starts = runs.map((r) => r.startMs);
    rows.push(
      `| ${mode.name} | **${median(starts).toFixed(0)}** (${Math.min(...starts).toFixed(0)}–${Math.max(...starts).toFixed(0)}) | ${median(runs.map((r) => r.rssAtStart)).toFixed(0)} | **${median(runs.map((r) => r.rssIdle)).toFixed(0)}** |`,
    );
  }
  const [compiled, tsx] = results.map((r) => ({
    start: median(r.runs.map((x) => x.startMs)),
    rss: median(r.runs.map((x) => x.rssIdle)),
  }));
  const markdown = [
    `The server process started ${RUNS} times in each way, interleaved, on a demo database seeded beforehand: time from`,
    '`spawn` to the first `200` of `GET /api/health` (polled every 5 ms), the RSS then, and the RSS after one reader has',
    'loaded the demo declaration and the server has idled 3 s (no collab clients). Medians, range in brackets.',
    '',
    '| server | start-up to /api/health (ms) | RSS at first answer (MiB) | RSS idle, document loaded (MiB) |',
    '|---|---|---|---|',
    ...rows,
    '',
    `Compiled against transpiled: start-up ${(compiled!.start / tsx!.start).toFixed(2)}x, idle RSS ${(compiled!.rss / tsx!.rss).toFixed(2)}x.`,
    `Targets: start-up < 1,000 ms: ${compiled!.start.toFixed(0)} ms (${compiled!.start < 1000 ? 'met' : '**not met**'}); RSS before clients ≤ 120 MiB: ${compiled!.rss.toFixed(0)} MiB (${compiled!.rss <= 120 ? 'met' : '**not met**'}).`,
    'The RSS with 1,200 clients (target ≤ 200 MiB) is in the collaboration benchmark, whose servers run compiled too.',
  ].join('\n');
  return { title: 'Production build: start-up and memory', markdown };
}
