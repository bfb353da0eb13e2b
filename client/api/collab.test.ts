import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type * as Y from 'yjs';
import { clauseOrder, getClauseFragment } from '../../shared/editor/ydoc.js';
import { CloseCode } from '../../shared/protocol/collab.js';
import { startTestServer, type TestServer } from '../../test/helpers/server.js';
import WebSocket from 'ws';
import { createCollabSession, type CollabClose, type CollabSession } from './collab.js';

/** A `ws` WebSocket that sends the session cookie, standing in for the browser's. */
const cookieWebSocket = (cookie: string): typeof WebSocket =>
  class extends WebSocket {
    constructor(address: string | URL, protocols?: string | string[]) {
      super(address, protocols, { headers: { cookie } });
    }
  } as typeof WebSocket;

const collabUrl = (base: string): string => `${base.replace(/^http/, 'ws')}/collab`;

function waitFor(predicate: () => boolean, timeoutMs: number, what: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const started = Date.now();
    const tick = (): void => {
      if (predicate()) return resolve();
      if (Date.now() - started > timeoutMs) return reject(new Error(`Timed out waiting for ${what}`));
      setTimeout(tick, 10);
    };
    tick();
  });
}

function typeInto(doc: Y.Doc, clauseId: string, text: string): void {
  const xmlText = (getClauseFragment(doc, clauseId).get(0) as Y.XmlElement).get(0) as Y.XmlText;
  xmlText.insert(xmlText.length, text);
}

describe('createCollabSession', () => {
  let server: TestServer;
  const sessions: CollabSession[] = [];
  beforeAll(async () => {
    server = await startTestServer();
  });
  afterAll(async () => {
    for (const s of sessions) s.destroy();
    await server.close();
  });

  const open = async (user: string): Promise<CollabSession> => {
    const cookie = (await server.login(user)).cookie!;
    const session = createCollabSession('almaty-declaration', { url: collabUrl(server.url), WebSocketPolyfill: cookieWebSocket(cookie) as never });
    sessions.push(session);
    await waitFor(() => session.provider.synced, 5000, 'sync');
    return session;
  };

  it('after a refused write, says why and starts again from the server’s state without the refused edit', async () => {
    const observer = await open('observer');
    const first = observer.doc;
    const closes: CollabClose[] = [];
    let resets = 0;
    observer.on('closed', (close) => closes.push(close));
    observer.on('reset', () => (resets += 1));
    const clauseId = clauseOrder(first)[3]!;
    const original = getClauseFragment(first, clauseId).toString();
    typeInto(first, clauseId, ' not allowed');
    await waitFor(() => resets === 1, 5000, 'reset');
    expect(closes[0]).toMatchObject({ code: CloseCode.FORBIDDEN_WRITE, name: 'FORBIDDEN_WRITE', action: 'resync', reason: { id: 'role_not_allowed', clauseId } });
    expect(observer.doc).not.toBe(first);
    await waitFor(() => observer.provider.synced, 5000, 'resync');
    expect(getClauseFragment(observer.doc, clauseId).toString()).toBe(original);
    expect(observer.status).toBe('connected');
  });

  it('stops, without reconnecting, when the session ends', async () => {
    const api = await server.login('kaz-delegate');
    const session = createCollabSession('almaty-declaration', { url: collabUrl(server.url), WebSocketPolyfill: cookieWebSocket(api.cookie!) as never });
    sessions.push(session);
    await waitFor(() => session.provider.synced, 5000, 'sync');
    await api.post('/api/auth/logout?everywhere=1');
    await waitFor(() => session.status === 'stopped', 5000, 'stopped');
    expect(session.lastClose).toMatchObject({ code: CloseCode.UNAUTHENTICATED, action: 'stop' });
    await new Promise((r) => setTimeout(r, 700));
    expect(session.provider.wsconnected).toBe(false);
  });
});
