import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { afterAll, describe, expect, it } from 'vitest';
import { io, type Socket } from 'socket.io-client';
import { clauseOrder, getClauseFragment } from '../../shared/editor/ydoc.js';
import { CloseCode } from '../../shared/protocol/collab.js';
import { createCollabSession, type CollabSession } from '../../client/api/collab.js';
import { openStorage } from '../../server/db/connection.js';
import { Store } from '../../server/db/store.js';
import { DocRegistry } from '../../server/collab/registry.js';
import { collabUrl, cookieWebSocket, waitFor, typeInto } from '../helpers/collabClient.js';
import { ApiClient } from '../helpers/server.js';
import { SERVER_BUNDLE } from '../../scripts/buildServer.js';

const DOC = 'almaty-declaration';

interface Running {
  child: ChildProcess;
  url: string;
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  output: string[];
}

/** The compiled server (`dist/server/main.js`, as `npm start` runs it) in its own process; resolves with its URL, the first thing it prints. */
function startProcess(dataDir: string, port = 0): Promise<Running> {
  const child = spawn(process.execPath, ['--enable-source-maps', SERVER_BUNDLE], {
    env: { ...process.env, PORT: String(port), HOST: '127.0.0.1', DATA_DIR: dataDir, LOG_LEVEL: 'info' },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.once('exit', (code, signal) => resolve({ code, signal })),
  );
  const output: string[] = [];
  return new Promise((resolve, reject) => {
    createInterface({ input: child.stdout! }).on('line', (line) => {
      output.push(line);
      if (output.length === 1) {
        const match = /^Accord is serving on (http:\/\/\S+)/.exec(line);
        if (match) resolve({ child, url: match[1]!, exited, output });
        else reject(new Error(`unexpected first line: ${line}`));
      }
    });
    void exited.then(({ code }) => reject(new Error(`server exited with ${code}`)));
  });
}

/** The clause as stored in the database (snapshot and update log), read without any server. */
async function storedClause(dataDir: string, clauseId: string): Promise<string> {
  const store = new Store(await openStorage({ dataDir }));
  try {
    const registry = new DocRegistry(store);
    return getClauseFragment((await registry.get(DOC))!, clauseId).toString();
  } finally {
    await store.close();
  }
}

/**
 * SIGTERM is a restart, not a crash: the server stops accepting, commits what it has accepted, tells collab
 * clients `SERVER_RESTARTING` (the client reconnects and says why), drops socket.io clients so that they
 * reconnect, and exits 0. An edit sent just before the signal is stored.
 */
describe('graceful shutdown', () => {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'accord-shutdown-'));
  const children: ChildProcess[] = [];
  let session: CollabSession | undefined;
  let socket: Socket | undefined;
  afterAll(() => {
    session?.destroy();
    socket?.close();
    for (const c of children) if (c.exitCode === null) c.kill('SIGKILL');
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  it('closes collab sockets with SERVER_RESTARTING, stores the last edit, exits 0; the client reconnects and says why', async () => {
    const first = await startProcess(dataDir);
    children.push(first.child);
    const api = new ApiClient(first.url);
    expect((await api.post('/api/auth/login', { username: 'kaz-delegate', password: 'demo' })).status).toBe(200);
    const cookie = api.cookie!;

    // The browser's own collab session code, over Node's WebSocket with the cookie.
    session = createCollabSession(DOC, {
      url: collabUrl(first.url),
      WebSocketPolyfill: cookieWebSocket(cookie) as never,
    });
    const statuses: string[] = [];
    session.on('status', (s) => statuses.push(s));
    // Every close the client saw: the server's own, then possibly a refused reconnect while it exits.
    const closes: unknown[] = [];
    session.on('closed', (close) => closes.push(close));
    await waitFor(() => session!.provider.synced, 5000, 'sync');
    socket = io(first.url, {
      path: '/socket.io',
      transports: ['websocket'],
      extraHeaders: { cookie },
      reconnectionDelay: 100,
      reconnectionDelayMax: 300,
    });
    await new Promise<void>((resolve, reject) => {
      socket!.once('connect', resolve);
      socket!.once('connect_error', reject);
    });
    const ioReasons: string[] = [];
    socket.on('disconnect', (reason) => ioReasons.push(reason));

    const clauseId = clauseOrder(session.doc)[2]!;
    const marker = ` sent-before-sigterm-${Date.now()}`;
    session.doc.transact(() => typeInto(session!.doc, clauseId, marker));
    first.child.kill('SIGTERM');

    const exit = await Promise.race([first.exited, new Promise<null>((r) => setTimeout(() => r(null), 10_000))]);
    expect(exit).toEqual({ code: 0, signal: null });
    expect(first.output.some((line) => /SIGTERM received/.test(line))).toBe(true);
    expect(closes[0]).toMatchObject({
      code: CloseCode.SERVER_RESTARTING,
      name: 'SERVER_RESTARTING',
      action: 'reconnect',
      reason: { id: 'server_restarting' },
    });
    expect(ioReasons).toEqual(['transport close']);
    // Stored by the server before it exited, not merely kept by the client.
    expect(await storedClause(dataDir, clauseId)).toContain(marker);

    // Same port again: the client reconnects by itself and finds its edit in the server's text.
    const port = Number(new URL(first.url).port);
    const second = await startProcess(dataDir, port);
    children.push(second.child);
    await waitFor(() => session!.status === 'connected' && session!.provider.synced, 10_000, 'reconnect');
    expect(statuses).toEqual(expect.arrayContaining(['disconnected', 'connected']));
    await waitFor(() => socket!.connected, 10_000, 'socket.io reconnect');
    const reader = new ApiClient(second.url);
    reader.cookie = cookie;
    const doc = (await reader.get(`/api/documents/${DOC}`)).body as { clauses: { id: string; text: string }[] };
    expect(doc.clauses.find((c) => c.id === clauseId)!.text).toContain(marker.trim());

    second.child.kill('SIGTERM');
    expect(await second.exited).toEqual({ code: 0, signal: null });
  });
});
