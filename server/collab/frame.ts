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
 * The TCP socket under a `ws` WebSocket (set before the 'upgrade' callback runs), to write whole pre-framed
 * messages to. Writing beside `ws` is safe because the server never negotiates permessage-deflate and never
 * sends Blobs. ws 8's lib/sender.js queues a frame (and counts it in `_bufferedBytes`) only while it is
 * deflating or reading a Blob; otherwise `sendFrame()` writes each of its own frames — data, ping, pong,
 * close — synchronously, whole (header and payload in one cork/uncork), into this same socket. So frames
 * written here and frames ws writes land in the socket's buffer one after another, never interleaved, and
 * the socket's `writableLength` is all that waits to be sent (ws's `bufferedAmount` adds only that queue).
 */
export function rawSocket(ws: WebSocket): Duplex | undefined {
  return (ws as unknown as { _socket?: Duplex })._socket ?? undefined;
}
