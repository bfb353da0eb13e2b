/**
 * One collaboration server for the fan-out benchmark, in its own process so its CPU and memory can be read
 * from /proc: `accord` (this project, with its SQLite store and every check), `y-websocket-server`
 * (`@y/websocket-server`, the reference y-websocket server, in memory) or `hocuspocus` (`@hocuspocus/server`,
 * no extensions, in memory). Each loads the same benchmark document (a file of Yjs updates), then prints one
 * JSON line: where to connect.
 */
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { createRequire } from 'node:module';
import type { AddressInfo } from 'node:net';
import { fileURLToPath } from 'node:url';
import * as Y from 'yjs';
import { seatAudience } from './audience.js';
import { readBenchHistory, storeBenchDocument } from './benchDocument.js';

const [kind, historyFile] = process.argv.slice(2) as [string, string];
const history = readBenchHistory(historyFile);
const updates = history.updates.map((u) => new Uint8Array(Buffer.from(u, 'base64')));
export const DOCUMENT = 'bench';

function announce(info: Record<string, unknown>): void {
  process.stdout.write(`${JSON.stringify(info)}\n`);
}

async function accord(): Promise<void> {
  const { loadConfig } = await import('../../server/config.js');
  const { startServer } = await import('../../server/index.js');
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'accord-bench-'));
  // For tuning runs only; the benchmark measures the defaults. BENCH_WINDOW_CAP_MS and
  // BENCH_WINDOW_PER_CONNECTION_MS replace the two numbers of the batch window (`BATCH_WINDOW`,
  // server/collab/groupCommit.ts).
  const { BENCH_WINDOW_CAP_MS, BENCH_WINDOW_PER_CONNECTION_MS } = process.env;
  const { fanOutWindow } = await import('../../server/collab/groupCommit.js');
  const batchWindow =
    BENCH_WINDOW_CAP_MS || BENCH_WINDOW_PER_CONNECTION_MS
      ? fanOutWindow(
          BENCH_WINDOW_PER_CONNECTION_MS ? Number(BENCH_WINDOW_PER_CONNECTION_MS) : undefined,
          Number(BENCH_WINDOW_CAP_MS ?? Infinity),
        )
      : undefined;
  const config = loadConfig({
    PORT: '0',
    HOST: '127.0.0.1',
    DATA_DIR: dataDir,
    LOG_LEVEL: 'silent',
    SEED: 'demo',
    MAX_CONNECTIONS_PER_USER: '0',
  });
  const server = await startServer(config, undefined, { batchWindow });
  await storeBenchDocument(server.ctx.store, DOCUMENT, history);
  await server.ctx.registry.get(DOCUMENT);
  const cleanup = (): void => fs.rmSync(dataDir, { recursive: true, force: true });
  process.on('exit', cleanup);
  process.on('SIGTERM', () => void server.close().then(() => process.exit(0)));
  const audience = await seatAudience(
    server.ctx,
    Math.max(Number(process.env.BENCH_CLIENTS ?? 1200), Number(process.env.BENCH_PRESENCE ?? 1500)),
  );
  announce({ http: server.url, ws: `${server.url.replace('http', 'ws')}/collab/${DOCUMENT}`, audience });
}

async function yWebsocketServer(): Promise<void> {
  // The reference server exactly as its own bin/server.js sets it up, with its own `ws`.
  // Its ES module build, so that it shares this process's one copy of Yjs.
  const utilsUrl = import.meta.resolve('@y/websocket-server/utils');
  const { setupWSConnection, getYDoc } = (await import(utilsUrl)) as {
    setupWSConnection: (conn: unknown, req: http.IncomingMessage) => void;
    getYDoc: (name: string) => Y.Doc;
  };
  const wsPath = createRequire(fileURLToPath(utilsUrl)).resolve('ws');
  const WebSocket = (await import(wsPath)).default as { Server: new (o: object) => any };
  const doc = getYDoc(DOCUMENT);
  for (const u of updates) Y.applyUpdate(doc, u);
  const wss = new WebSocket.Server({ noServer: true });
  wss.on('connection', setupWSConnection);
  const server = http.createServer((_req, res) => res.end('okay'));
  server.on('upgrade', (req, socket, head) =>
    wss.handleUpgrade(req, socket, head, (ws: unknown) => wss.emit('connection', ws, req)),
  );
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  process.on('SIGTERM', () => process.exit(0));
  announce({ http: `http://127.0.0.1:${port}`, ws: `ws://127.0.0.1:${port}/${DOCUMENT}` });
}

async function hocuspocus(): Promise<void> {
  const { Server } = await import('@hocuspocus/server');
  const server = new Server({
    port: 0,
    address: '127.0.0.1',
    quiet: true,
    stopOnSignals: false,
    async onLoadDocument({ document }: { document: Y.Doc }) {
      for (const u of updates) Y.applyUpdate(document, u);
      return document;
    },
  });
  await server.listen();
  const { port } = server.address as AddressInfo;
  process.on('SIGTERM', () => process.exit(0));
  announce({ http: `http://127.0.0.1:${port}`, ws: `ws://127.0.0.1:${port}/`, hocuspocus: true });
}

const servers: Record<string, () => Promise<void>> = { accord, 'y-websocket-server': yWebsocketServer, hocuspocus };
if (process.env.BENCH_DEBUG) {
  const { monitorEventLoopDelay } = await import('node:perf_hooks');
  const h = monitorEventLoopDelay({ resolution: 5 });
  h.enable();
  setInterval(() => {
    console.error(
      `[${kind}] event loop delay p50 ${(h.percentile(50) / 1e6).toFixed(1)} p99 ${(h.percentile(99) / 1e6).toFixed(1)} max ${(h.max / 1e6).toFixed(1)} ms`,
    );
    h.reset();
  }, 5000).unref();
}

const start = servers[kind];
if (!start) {
  console.error(`Unknown server ${kind}; one of ${Object.keys(servers).join(', ')}`);
  process.exit(2);
}
start().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
