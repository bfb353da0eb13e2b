import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { afterAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import type { WebsocketProvider } from 'y-websocket';
import { clauseOrder, getClauseFragment } from '../../shared/editor/ydoc.js';
import { ApiClient } from '../../test/helpers/server.js';
import { stockProvider, syncedProvider, waitFor } from '../../test/helpers/collabClient.js';
import { serverProcess } from '../../test/helpers/scripts.js';

const DOC = 'almaty-declaration';

/** Starts the server as `npm run serve` does, as its own process on port 0 and resolves with its URL (the first line it prints). */
function startProcess(dataDir: string): Promise<{ child: ChildProcess; url: string }> {
  const child = spawn(...serverProcess(), {
    env: { ...process.env, PORT: '0', HOST: '127.0.0.1', DATA_DIR: dataDir, LOG_LEVEL: 'info' },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  return new Promise((resolve, reject) => {
    const lines = createInterface({ input: child.stdout! });
    lines.on('line', (line) => {
      const match = /serving on (http:\/\/\S+)/.exec(line);
      if (match) resolve({ child, url: match[1]! });
    });
    child.once('exit', (code) => reject(new Error(`server exited with ${code}`)));
  });
}

async function cookieFor(url: string, username: string): Promise<string> {
  const api = new ApiClient(url);
  const res = await api.post('/api/auth/login', { username, password: 'demo' });
  if (res.status !== 200) throw new Error(`login ${username}: ${res.status}`);
  return api.cookie!;
}

describe('durability', () => {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'accord-durability-'));
  const children: ChildProcess[] = [];
  const providers: WebsocketProvider[] = [];
  afterAll(() => {
    for (const p of providers) p.destroy();
    for (const c of children) c.kill('SIGKILL');
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  it('keeps every update any client received through a SIGKILL of the server', async () => {
    const first = await startProcess(dataDir);
    children.push(first.child);
    const received = new Map<string, Uint8Array[]>();
    const users = ['kaz-delegate', 'gbr-delegate', 'observer'];
    for (const user of users) {
      const provider = stockProvider(first.url, DOC, await cookieFor(first.url, user));
      provider.shouldReconnect = () => false;
      const log: Uint8Array[] = [];
      received.set(user, log);
      provider.doc.on('update', (update: Uint8Array, origin: unknown) => {
        if (origin === provider) log.push(update);
      });
      providers.push(provider);
    }
    await Promise.all(providers.map(syncedProvider));
    const clauseId = clauseOrder(providers[0]!.doc)[3]!;

    // Two people type as fast as the event loop lets them; the server is killed in the middle of it.
    let typing = true;
    const type = async (provider: WebsocketProvider, mark: string): Promise<void> => {
      for (let i = 0; typing; i++) {
        const text = (getClauseFragment(provider.doc, clauseId).get(0) as Y.XmlElement).get(0) as Y.XmlText;
        text.insert(text.length, `${mark}${i % 10}`);
        await new Promise((r) => setTimeout(r, 2));
      }
    };
    const typists = [type(providers[0]!, 'k'), type(providers[1]!, 'g')];
    await waitFor(() => received.get('observer')!.length > 40, 10_000, 'updates flowing');
    first.child.kill('SIGKILL');
    await new Promise((r) => first.child.once('exit', r));
    typing = false;
    await Promise.all(typists);

    const second = await startProcess(dataDir);
    children.push(second.child);
    const reader = stockProvider(second.url, DOC, await cookieFor(second.url, 'observer'));
    providers.push(reader);
    await syncedProvider(reader);

    const total = [...received.values()].reduce((n, log) => n + log.length, 0);
    expect(total).toBeGreaterThan(40);
    for (const [user, log] of received) {
      // Applying what this client received to the restarted server's state changes nothing: it is all there.
      const copy = new Y.Doc();
      Y.applyUpdate(copy, Y.encodeStateAsUpdate(reader.doc));
      let changed = false;
      copy.on('update', () => {
        changed = true;
      });
      for (const update of log) Y.applyUpdate(copy, update);
      expect(changed, `${user} had received updates the restarted server lacks`).toBe(false);
    }
    second.child.kill('SIGTERM');
  }, 60_000);
});
