/**
 * A WebSocket class for the collab provider that drops what is sent once the socket is closing. The
 * provider sends while it believes itself connected, and between the server's close frame and the close
 * event it still does: the browser would drop that message too, but report it as an error. Dropping it
 * here is silent, and `onDropped` lets the session count it as unsent, so the salvage that follows a
 * refusal knows the copy holds something the server never saw.
 */
export function guardedSocket(
  Base: typeof WebSocket,
  onDropped: (data: string | ArrayBufferLike | Blob | ArrayBufferView) => void,
): typeof WebSocket {
  return class GuardedWebSocket extends Base {
    override send(data: string | ArrayBufferLike | Blob | ArrayBufferView): void {
      if (this.readyState === Base.CLOSING || this.readyState === Base.CLOSED) {
        onDropped(data);
        return;
      }
      super.send(data);
    }
  };
}
