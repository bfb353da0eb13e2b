import type { Duplex } from 'node:stream';
import type { WebSocket } from 'ws';

/**
 * A binary WebSocket frame (RFC 6455 §5.2) as a server sends it: FIN, opcode 2, unmasked. A broadcast is
 * framed once and the same bytes written to every socket, instead of framing it again per connection.
 */
export function binaryFrame(payload: Uint8Array): Buffer {
  const length = payload.length;
  const header = length < 126 ? 2 : length < 65536 ? 4 : 10;
  const frame = Buffer.allocUnsafe(header + length);
  frame[0] = 0x82;
  if (header === 2) frame[1] = length;
  else if (header === 4) {
    frame[1] = 126;
    frame.writeUInt16BE(length, 2);
  } else {
    frame[1] = 127;
    frame.writeUInt32BE(Math.floor(length / 2 ** 32), 2);
    frame.writeUInt32BE(length >>> 0, 6);
  }
  frame.set(payload, header);
  return frame;
}

/**
 * The TCP socket under an open `ws` WebSocket, to write pre-framed bytes to. Safe only because the server
 * never negotiates permessage-deflate: without it `ws` queues nothing of its own, so writes cannot interleave
 * with a frame it is sending. Undefined when the socket is not open (callers then use `ws.send`).
 */
export function rawSocket(ws: WebSocket): Duplex | undefined {
  if (ws.readyState !== ws.OPEN) return undefined;
  const socket = (ws as unknown as { _socket?: Duplex })._socket;
  return socket && !socket.destroyed && socket.writable ? socket : undefined;
}
