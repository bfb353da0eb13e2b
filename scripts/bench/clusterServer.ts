/**
 * One Accord node of the cluster benchmark, in its own process so that its CPU and memory can be read from
 * /proc: `clusterServer.ts <databaseUrl> <redisUrl> <dataDir> [historyFile]` (the benchmark owns and removes dataDir). It runs Accord exactly as a cluster node
 * does (DATABASE_URL and REDIS_URL, defaults otherwise, on loopback). The node given a history file (the first
 * one, started alone) stores the benchmark document — the same clauses and history as the single-node run —
 * the others find it in the database. Each loads the document before it prints one JSON line: where to connect.
 * Then each SIGUSR2 prints another line, the event-loop delay since the previous one (p50, p99, max in ms),
 * so the benchmark can tell a node that falls behind from a load generator that does.
 */
import fs from 'node:fs';
import path from 'node:path';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { loadConfig } from '../../server/config.js';
import { startServer } from '../../server/index.js';
import { createSigningKey } from '../../server/ledger/signingKey.js';
import { seatAudience } from './audience.js';
import { readBenchHistory, storeBenchDocument } from './benchDocument.js';

const [databaseUrl, redisUrl, dataDir, historyFile] = process.argv.slice(2) as [
  string,
  string,
  string,
  string | undefined,
];
/** The same document id as the single-node benchmark, so the load generator addresses both alike. */
const DOCUMENT = 'bench';

/** The key file beside the nodes' data dirs, created by the first node (started alone) and read by the rest. */
function sharedKeyFile(dir: string): string {
  const file = path.join(path.dirname(path.resolve(dir)), 'signing-key.pem');
  createSigningKey(file);
  return file;
}

async function main(): Promise<void> {
  fs.mkdirSync(dataDir, { recursive: true });
  const server = await startServer(
    loadConfig({
      PORT: '0',
      HOST: '127.0.0.1',
      DATA_DIR: dataDir,
      DATABASE_URL: databaseUrl,
      REDIS_URL: redisUrl,
      // Every node signs the one ledger with one key, beside the nodes' data dirs (the first node creates it).
      SIGNING_KEY_FILE: sharedKeyFile(dataDir),
      LOG_LEVEL: 'silent',
      SEED: 'demo',
      MAX_CONNECTIONS_PER_USER: '0',
    }),
  );
  if (historyFile) {
    await storeBenchDocument(server.ctx.store, DOCUMENT, readBenchHistory(historyFile));
  }
  // Loaded before the clock starts, as in the single-node run: the first socket does not pay for it.
  await server.ctx.registry.get(DOCUMENT);
  process.on('SIGTERM', () => void server.close().then(() => process.exit(0)));
  const resolution = 10;
  const loop = monitorEventLoopDelay({ resolution });
  loop.enable();
  process.on('SIGUSR2', () => {
    // The histogram holds how long the sampling timer took to fire, its own interval included.
    const ms = (ns: number): number => Math.max(0, ns / 1e6 - resolution);
    process.stdout.write(
      `${JSON.stringify({ loop: { p50: ms(loop.percentile(50)), p99: ms(loop.percentile(99)), max: ms(loop.max) } })}\n`,
    );
    loop.reset();
  });
  // The first node seats the audience: one account and session each, in the database every node reads.
  const audience = historyFile ? await seatAudience(server.ctx, Number(process.env.BENCH_CLUSTER_CLIENTS ?? 3000)) : [];
  process.stdout.write(
    `${JSON.stringify({ http: server.url, ws: `${server.url.replace('http', 'ws')}/collab/${DOCUMENT}`, audience })}\n`,
  );
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
