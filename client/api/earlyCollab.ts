import { COLLAB_PATH, WHOLE_ON_JOIN_QUERY } from '../../shared/protocol/collab.js';
import { sendUnlessClosing, type Sendable } from './guardedSocket.js';

/** The collab endpoint of this page's origin: a document's socket is this and `/<document id>`. */
export function collabBaseUrl(): string {
  return `${location.protocol === 'https:' ? 'wss' : 'ws'}://${location.host}${COLLAB_PATH}`;
}

/** A socket's open state, as the standard numbers it (a polyfill's class may lack the constant). */
const OPEN = 1;

/** The protocol's sync step 1 with an empty state vector: "send me the whole document", which the provider asks first. */
const ASK_WHOLE = [0, 0, 1, 0];

/** A socket not taken by then is closed: the page went elsewhere, or never made a live copy. */
const KEPT_FOR_MS = 10_000;

/**
 * How long the copy waits for the whole document sent unasked before asking for it after all: a node that does
 * not know `WHOLE_ON_JOIN_QUERY` (an older one, while a cluster is being upgraded) sends nothing unasked.
 */
export const UNASKED_WAIT_MS = 3_000;

/** A socket opened ahead of the page's code, and what it met until taken. */
interface Early {
  /** The document's socket address, as the provider will ask for it. */
  url: string;
  socket: WebSocket;
  opened: boolean;
  received: MessageEvent[];
  closed?: CloseEvent;
  /** Whether the whole document (a sync step 2) has arrived. */
  whole: boolean;
}

let early: Early | undefined;

/**
 * Opens the collab socket of `documentId` now, at the start of a visit to its page, for the page's live copy to
 * take (`adoptEarly`). The page's code (the editor, Yjs) arrives and runs for a good part of a second on a slow
 * laptop before the copy would open its own: opened here, the handshake and the document's sync travel meanwhile,
 * and the copy applies them as soon as it exists. The socket is opened with `WHOLE_ON_JOIN_QUERY`: the server
 * sends the whole document as it lets the socket in, without waiting to be asked. Asking on opening would wait
 * for the page's main thread, busy drawing the page, to see the socket open; the answer came a round trip and
 * a drawing later. What arrives is kept for the copy.
 */
export function openEarly(documentId: string): void {
  if (early) return;
  const url = `${collabBaseUrl()}/${documentId}`;
  let socket: WebSocket;
  try {
    socket = new WebSocket(`${url}?${WHOLE_ON_JOIN_QUERY}`);
  } catch {
    return; // The page's own connection will say what is wrong.
  }
  socket.binaryType = 'arraybuffer';
  const kept: Early = { url, socket, opened: false, received: [], whole: false };
  // Beside the handlers, which the provider replaces: it is watched for the whole document after it is taken
  // too, and no longer once it has come (every update to the room passes here).
  const watch = (event: MessageEvent): void => {
    if (!isSyncStep2(event.data)) return;
    kept.whole = true;
    socket.removeEventListener('message', watch);
  };
  socket.addEventListener('message', watch);
  socket.onopen = () => (kept.opened = true);
  socket.onmessage = (event: MessageEvent) => void kept.received.push(event);
  socket.onclose = (event) => (kept.closed = event);
  socket.onerror = () => {};
  early = kept;
  setTimeout(() => {
    if (early !== kept) return;
    early = undefined;
    socket.close(1000);
  }, KEPT_FOR_MS);
}

/**
 * The socket opened early for `url`, once, made the provider's: its handlers become the provider's (it sets them
 * right after making it), and once they are set, what the socket met meanwhile is handed to them in order — the
 * opening, the messages, the close. The provider's own first ask for the whole document is not sent: the server
 * sent it unasked; what is sent once it is closing is dropped, as `guardedSocket` does. Undefined when no socket
 * was opened early for `url`.
 */
export function adoptEarly(url: string, onDropped: (data: Sendable) => void): WebSocket | undefined {
  const kept = early;
  if (!kept || !sameUrl(kept.url, url)) return undefined;
  early = undefined;
  const { socket } = kept;
  const send = socket.send.bind(socket);
  // The provider asks for the whole document once, on opening: the server has sent it already, or is sending
  // it. Should it not come (a node that does not know the query), the ask goes after all, on this socket if it
  // is still open: a later one asks for itself, and an ask dropped with a closing socket is not the person's
  // unsent work (`onDropped` would count it so).
  let firstAsk = true;
  socket.send = (data: Sendable) => {
    if (firstAsk && isAskWhole(data)) {
      firstAsk = false;
      setTimeout(() => {
        if (!kept.whole && socket.readyState === OPEN) send(data);
      }, UNASKED_WAIT_MS);
      return;
    }
    sendUnlessClosing(socket, data, send, onDropped);
  };
  queueMicrotask(() => {
    if (kept.opened) socket.onopen?.(new Event('open'));
    for (const message of kept.received) socket.onmessage?.(message);
    if (kept.closed) socket.onclose?.(kept.closed);
  });
  return socket;
}

/** A sync message's step 2: the protocol's message type 0 (sync), then its step 1 (the answer to an ask). */
function isSyncStep2(data: unknown): boolean {
  if (!(data instanceof ArrayBuffer) || data.byteLength < 2) return false;
  const bytes = new Uint8Array(data, 0, 2);
  return bytes[0] === 0 && bytes[1] === 1;
}

function isAskWhole(data: Sendable): boolean {
  return data instanceof Uint8Array && data.length === ASK_WHOLE.length && ASK_WHOLE.every((b, i) => data[i] === b);
}

/** The provider's address may be written in another form (a trailing slash, a default port): compared as URLs. */
function sameUrl(a: string, b: string): boolean {
  try {
    return new URL(a).href === new URL(b).href;
  } catch {
    return false;
  }
}
