/** A socket's states, as the standard numbers them (a polyfill's class may lack the constants). */
const CLOSING = 2;
const CLOSED = 3;

/** What a WebSocket sends. */
export type Sendable = string | ArrayBufferLike | Blob | ArrayBufferView;

/**
 * A WebSocket class for the collab provider that drops what is sent once the socket is closing. The
 * provider sends while it believes itself connected, and between the server's close frame and the close
 * event it still does: the browser would drop that message too, but report it as an error. Dropping it
 * here is silent, and `onDropped` lets the session count it as unsent, so the salvage that follows a
 * refusal knows the copy holds something the server never saw.
 */
export function guardedSocket(Base: typeof WebSocket, onDropped: (data: Sendable) => void): typeof WebSocket {
  return class GuardedWebSocket extends Base {
    override send(data: Sendable): void {
      sendUnlessClosing(this, data, (d) => super.send(d), onDropped);
    }
  };
}

/** Sends `data` with `send`, or hands it to `onDropped` when `socket` is closing or closed (see `guardedSocket`). */
export function sendUnlessClosing(
  socket: WebSocket,
  data: Sendable,
  send: (data: Sendable) => void,
  onDropped: (data: Sendable) => void,
): void {
  if (socket.readyState === CLOSING || socket.readyState === CLOSED) onDropped(data);
  else send(data);
}
