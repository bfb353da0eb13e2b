/**
 * Accord for the hostile-load benchmark, in its own process so its CPU can be read from /proc and its event
 * loop measured from inside (and, with BENCH_PROFILE=DIR, profiled): the benchmark document of the collab benchmark (typed into), plus a declaration
 * at the document limit (`max`: a title and 99 clauses of 20,000 characters, 1.98 M in all) for the
 * hostile amendments and exports, and an observer account of its own (`press`) for the flood of updates.
 * Prints one JSON line (where to connect), then answers lines on standard input: `reset` starts the event
 * loop's delay histogram afresh, `report` prints it (ms) as one JSON line.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { monitorEventLoopDelay, PerformanceObserver } from 'node:perf_hooks';
import { Session } from 'node:inspector/promises';
import { createInterface } from 'node:readline';
import { loadConfig } from '../../server/config.js';
import { startServer } from '../../server/index.js';
import { createDocument } from '../../server/commands/createDocument.js';
import { hashPassword } from '../../server/auth/passwords.js';
import { maxClauseText } from './hostileText.js';
import { seatAudience } from './audience.js';
import { readBenchHistory, storeBenchDocument } from './benchDocument.js';

const [historyFile] = process.argv.slice(2) as [string];
const history = readBenchHistory(historyFile);
const BENCH_DOCUMENT = 'bench';
const MAX_DOCUMENT = 'max';
const MAX_CLAUSES = 99;

const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'accord-hostile-'));
process.on('exit', () => fs.rmSync(dataDir, { recursive: true, force: true }));
const server = await startServer(
  loadConfig({
    PORT: '0',
    HOST: '127.0.0.1',
    DATA_DIR: dataDir,
    LOG_LEVEL: 'silent',
    SEED: 'demo',
    MAX_CONNECTIONS_PER_USER: '0',
  }),
);
const { ctx } = server;
await storeBenchDocument(ctx.store, BENCH_DOCUMENT, history);
const conference = (await ctx.store.conferences.current())!;
const maxClauseIds = await createDocument(ctx, null, {
  id: MAX_DOCUMENT,
  conferenceId: conference.id,
  title: 'Declaration at the document limit',
  symbol: 'MAX/1',
  stage: 'negotiation',
  clauses: [
    { kind: 'title', text: 'Declaration at the document limit' },
    ...Array.from({ length: MAX_CLAUSES }, (_, i) => ({ kind: 'operative' as const, text: maxClauseText(i + 1) })),
  ],
});
await ctx.store.users.insert({
  username: 'press',
  displayName: 'Press gallery',
  role: 'observer',
  delegation: null,
  passwordHash: await hashPassword('demo'),
});
await ctx.registry.get(BENCH_DOCUMENT);
await ctx.registry.get(MAX_DOCUMENT);

const delay = monitorEventLoopDelay({ resolution: 5 });
delay.enable();
// Garbage collection pauses, to tell them from work that holds the loop.
const gc = { max: 0, total: 0 };
new PerformanceObserver((list) => {
  for (const entry of list.getEntries()) {
    gc.max = Math.max(gc.max, entry.duration);
    gc.total += entry.duration;
  }
}).observe({ entryTypes: ['gc'] });
// BENCH_PROFILE=DIR: a CPU profile of the main thread from `reset` to `report`, written to DIR.
const profiler = process.env.BENCH_PROFILE ? new Session() : undefined;
profiler?.connect();
createInterface({ input: process.stdin }).on('line', (line) => {
  void (async () => {
    if (line === 'reset') {
      if (profiler) {
        await profiler.post('Profiler.enable');
        await profiler.post('Profiler.start');
      }
      delay.reset();
      gc.max = gc.total = 0;
      process.stdout.write(`${JSON.stringify({ reset: true })}\n`);
    } else if (line === 'report') {
      const ms = (ns: number): number => ns / 1e6;
      const report = {
        p50: ms(delay.percentile(50)),
        p99: ms(delay.percentile(99)),
        max: ms(delay.max),
        mean: ms(delay.mean),
        samples: delay.count,
        gcMax: gc.max,
        gcTotal: gc.total,
      };
      if (profiler) {
        const { profile } = await profiler.post('Profiler.stop');
        fs.writeFileSync(
          path.join(process.env.BENCH_PROFILE!, `hostile-${Date.now()}.cpuprofile`),
          JSON.stringify(profile),
        );
      }
      process.stdout.write(`${JSON.stringify(report)}\n`);
    }
  })();
});
process.on('SIGTERM', () => void server.close().then(() => process.exit(0)));
const audience = await seatAudience(ctx, Number(process.env.BENCH_CLIENTS ?? 1200));
process.stdout.write(
  `${JSON.stringify({ http: server.url, ws: `${server.url.replace('http', 'ws')}/collab/${BENCH_DOCUMENT}`, maxClauses: maxClauseIds.slice(1), dataDir, audience })}\n`,
);
