import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { clauseOrder } from '../../shared/editor/ydoc.js';
import { clauseToPlainText } from '../../shared/editor/text.js';
import { readClause } from '../../shared/editor/ydoc.js';
import { startTestServer, type TestServer } from '../../test/helpers/server.js';
import { collabUrl, cookieWebSocket, waitFor, typeInto } from '../../test/helpers/collabClient.js';
import { createCollabSession, type CollabSession } from './collab.js';
import { WHOLE_ON_JOIN_QUERY } from '../../shared/protocol/collab.js';
import { adoptEarly, openEarly, UNASKED_WAIT_MS } from './earlyCollab.js';

const DOC = 'almaty-declaration';
const ASK_WHOLE = '0,0,1,0';
/** A sync message's step 2 (the whole document, to a copy that has nothing), by its first two bytes. */
const SYNC_STEP2 = '0,1';

/** The sockets a page made (the browser's WebSocket, signed in), with what each sent and got (first two bytes). */
function recordSockets(cookie: string) {
  const made: { url: string; sent: string[]; received: number; kinds: string[] }[] = [];
  const Base = cookieWebSocket(cookie);
  class Recorded extends Base {
    readonly record = { url: '', sent: [] as string[], received: 0, kinds: [] as string[] };
    constructor(address: string | URL, protocols?: string | string[]) {
      super(address, protocols);
      this.record.url = String(address);
      made.push(this.record);
      this.addEventListener('message', (event: { data: unknown }) => {
        this.record.received += 1;
        this.record.kinds.push([...new Uint8Array(event.data as ArrayBuffer).subarray(0, 2)].join(','));
      });
    }
    override send(data: Parameters<WebSocket['send']>[0]): void {
      this.record.sent.push(data instanceof Uint8Array ? [...data].join(',') : String(data));
      super.send(data);
    }
  }
  return { made, Recorded: Recorded as unknown as typeof WebSocket };
}

describe('the collab socket opened at the start of a visit', () => {
  let server: TestServer;
  const sessions: CollabSession[] = [];
  beforeAll(async () => {
    server = await startTestServer();
  });
  afterEach(() => {
    for (const s of sessions.splice(0)) s.destroy();
    vi.unstubAllGlobals();
    vi.useRealTimers();
  });
  afterAll(() => server.close());

  async function page(user: string) {
    const cookie = (await server.login(user)).cookie!;
    const sockets = recordSockets(cookie);
    vi.stubGlobal('location', new URL(server.url));
    vi.stubGlobal('WebSocket', sockets.Recorded);
    const session = () => {
      const s = createCollabSession(DOC, { url: collabUrl(server.url), WebSocketPolyfill: sockets.Recorded });
      sessions.push(s);
      return s;
    };
    return { sockets, session };
  }

  it('is the live copy’s socket: the copy syncs from what it received before the copy existed, never asking', async () => {
    const { sockets, session } = await page('kaz-delegate');
    openEarly(DOC);
    // The whole document arrives unasked (sync step 2), before the page's code makes its copy or sends a thing.
    await waitFor(() => sockets.made[0]?.kinds.includes(SYNC_STEP2) ?? false, 5000, 'the whole document');
    expect(sockets.made[0]!.sent).toEqual([]);
    expect(sockets.made[0]!.url).toMatch(/\/collab\/almaty-declaration\?whole=1$/);
    const copy = session();
    await waitFor(() => copy.provider.synced, 5000, 'sync');
    expect(sockets.made).toHaveLength(1);
    expect(sockets.made[0]!.sent.filter((m) => m === ASK_WHOLE)).toEqual([]);
    expect(sockets.made[0]!.kinds.filter((k) => k === SYNC_STEP2)).toHaveLength(1);
    expect(clauseOrder(copy.doc).length).toBeGreaterThan(10);
    // And it carries the person's edits to the others.
    const other = (await page('fra-delegate')).session();
    await waitFor(() => other.provider.synced, 5000, 'the other’s sync');
    const clauseId = clauseOrder(copy.doc)[3]!;
    typeInto(copy.doc, clauseId, ' early and well');
    await waitFor(
      () => clauseToPlainText(readClause(other.doc, clauseId)).includes('early and well'),
      5000,
      'the edit at the other’s',
    );
  });

  it('taken while still connecting, lets the copy open it as its own', async () => {
    const { sockets, session } = await page('kaz-delegate');
    openEarly(DOC);
    const copy = session();
    await waitFor(() => copy.provider.synced, 5000, 'sync');
    expect(sockets.made).toHaveLength(1);
    expect(sockets.made[0]!.sent.filter((m) => m === ASK_WHOLE)).toEqual([]);
    expect(sockets.made[0]!.kinds.filter((k) => k === SYNC_STEP2)).toHaveLength(1);
  });

  it('asks for the whole document after all when a node that does not know the query sends nothing unasked', async () => {
    const cookie = (await server.login('kaz-delegate')).cookie!;
    const { made, Recorded } = recordSockets(cookie);
    // A node from before the query: it lets the socket in without sending the document.
    class OlderNode extends (Recorded as unknown as new (address: string) => WebSocket) {
      constructor(address: string | URL) {
        super(String(address).replace(`?${WHOLE_ON_JOIN_QUERY}`, ''));
      }
    }
    vi.stubGlobal('location', new URL(server.url));
    vi.stubGlobal('WebSocket', OlderNode);
    openEarly(DOC);
    const copy = createCollabSession(DOC, {
      url: collabUrl(server.url),
      WebSocketPolyfill: OlderNode as unknown as typeof WebSocket,
    });
    sessions.push(copy);
    await waitFor(() => made[0]?.received !== undefined && made[0].received > 0, 5000, 'the node’s greeting');
    expect(copy.provider.synced).toBe(false);
    await waitFor(() => copy.provider.synced, UNASKED_WAIT_MS + 5000, 'sync after asking');
    expect(made).toHaveLength(1);
    expect(made[0]!.sent.filter((m) => m === ASK_WHOLE)).toHaveLength(1);
    expect(clauseOrder(copy.doc).length).toBeGreaterThan(10);
  });

  it('leaves a socket closed before the wait is over alone: its ask is neither sent nor counted as unsent', () => {
    vi.useFakeTimers();
    const sent: unknown[] = [];
    vi.stubGlobal('location', new URL('http://127.0.0.1:9'));
    vi.stubGlobal(
      'WebSocket',
      class {
        binaryType = 'blob';
        readyState = 1;
        send(data: unknown) {
          sent.push(data);
        }
        addEventListener() {}
        removeEventListener() {}
        close() {}
      },
    );
    openEarly('closing');
    const dropped: unknown[] = [];
    const socket = adoptEarly('ws://127.0.0.1:9/collab/closing', (data) => dropped.push(data))!;
    socket.send(Uint8Array.from([0, 0, 1, 0]));
    (socket as { readyState: number }).readyState = 3;
    vi.advanceTimersByTime(UNASKED_WAIT_MS);
    expect(sent).toEqual([]);
    expect(dropped).toEqual([]);
  });

  it('is taken only for its own document, once, and closed when nobody takes it', async () => {
    vi.useFakeTimers();
    const closed: number[] = [];
    vi.stubGlobal('location', new URL('http://127.0.0.1:9'));
    vi.stubGlobal(
      'WebSocket',
      class {
        readonly url: string;
        binaryType = 'blob';
        readyState = 0;
        constructor(url: string) {
          this.url = url;
        }
        send() {}
        addEventListener() {}
        removeEventListener() {}
        close(code: number) {
          closed.push(code);
        }
      },
    );
    openEarly('one');
    expect(adoptEarly('ws://127.0.0.1:9/collab/other', () => {})).toBeUndefined();
    expect(adoptEarly('ws://127.0.0.1:9/collab/one', () => {})).toBeDefined();
    expect(adoptEarly('ws://127.0.0.1:9/collab/one', () => {})).toBeUndefined();
    openEarly('two');
    vi.advanceTimersByTime(10_000);
    expect(closed).toEqual([1000]);
    expect(adoptEarly('ws://127.0.0.1:9/collab/two', () => {})).toBeUndefined();
  });
});
