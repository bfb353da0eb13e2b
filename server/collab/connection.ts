import type { Duplex } from 'node:stream';
import type { WebSocket } from 'ws';
import * as decoding from 'lib0/decoding';
import type { Actor } from '../../shared/domain/roles.js';
import { presenceColor, type PresenceUser } from '../../shared/domain/presence.js';
import {
  CloseCode,
  MESSAGE_AWARENESS,
  MESSAGE_QUERY_AWARENESS,
  MESSAGE_SYNC,
  SYNC_STEP1,
  SYNC_STEP2,
  SYNC_UPDATE,
} from '../../shared/protocol/collab.js';
import type { CollabRoom } from './room.js';
import { rawSocket } from './frame.js';
import { takeBoth, type CollabTraffic, type TrafficBuckets } from './rateLimit.js';
import { scanUpdate, type UpdateBounds } from './updateBounds.js';

const SEND_OPTIONS = { binary: true } as const;
/** `WebSocket.OPEN`, read as a constant on the hot path. */
const OPEN = 1;

export interface ConnectionLimits {
  /** Largest message read, in bytes; bigger ones close the socket with `MESSAGE_TOO_LARGE`. */
  maxMessageBytes: number;
  /** Bytes waiting in the socket's send buffer beyond which the connection is closed with `RATE_LIMITED`. */
  maxBufferedBytes: number;
  /** What one update may hold; beyond it the socket is closed with `MESSAGE_TOO_LARGE`. Default: no bound. */
  updateBounds?: UpdateBounds;
}

/** The rate limits a connection answers to: its own buckets, and its person's (shared by their sockets). */
export interface ConnectionTraffic {
  own: TrafficBuckets;
  person: TrafficBuckets;
}

/**
 * One socket on a document: reads y-websocket messages, hands updates and awareness to its room, and sends
 * with a bound on what may wait in the send buffer. A connection that cannot keep up is closed rather than
 * buffered for without limit.
 */
export class CollabConnection {
  readonly user: PresenceUser;
  private closed = false;
  /** Whether the client has asked for the document already (sync step 1). */
  private asked = false;
  /** Where broadcasts are written, framed (see `rawSocket`); undefined only for a socket `ws` did not expose. */
  private readonly socket: Duplex | undefined;

  constructor(
    readonly ws: WebSocket,
    readonly actor: Actor,
    readonly sessionHash: string,
    private readonly room: CollabRoom,
    private readonly limits: ConnectionLimits,
    private readonly traffic?: ConnectionTraffic,
  ) {
    this.user = {
      userId: actor.userId,
      name: actor.displayName,
      role: actor.role,
      delegation: actor.delegation,
      color: presenceColor(actor.role, actor.delegation),
    };
    this.socket = rawSocket(ws);
    ws.on('message', (data, isBinary) => this.onMessage(data as Buffer, isBinary));
    ws.on('close', () => this.onClose());
    ws.on('error', () => this.onClose());
  }

  get isOpen(): boolean {
    return !this.closed;
  }

  /** Sends a prepared message; closes the connection instead when its send buffer is over the limit. */
  send(message: Uint8Array): void {
    if (this.closed) return;
    if (this.ws.bufferedAmount > this.limits.maxBufferedBytes) {
      this.close(CloseCode.RATE_LIMITED, 'send_buffer_full');
      return;
    }
    this.ws.send(message, SEND_OPTIONS);
  }

  /**
   * Sends frames already built by `binaryFrame`, back to back in one buffer (broadcasts: framed once, one
   * write of the same bytes to every socket; see `FanOut`); `messages` are the same messages unframed. The
   * fan-out's hot path, run once per socket per broadcast: no allocation of its own, and the send-buffer
   * check reads the socket's own count rather than `ws.bufferedAmount`, which is the same number here (see
   * `rawSocket`).
   */
  sendFrame(frames: Buffer, messages: readonly Uint8Array[]): void {
    if (this.closed) return;
    const socket = this.socket;
    // Past the OPEN state ws has sent or received a close frame: no data frame may follow, and ws.send
    // (which drops it) decides.
    if (socket === undefined || this.ws.readyState !== OPEN) {
      for (const message of messages) this.send(message);
      return;
    }
    if (socket.writableLength > this.limits.maxBufferedBytes) {
      this.close(CloseCode.RATE_LIMITED, 'send_buffer_full');
      return;
    }
    socket.write(frames);
  }

  /**
   * Takes `n` of `what` from this connection's and its person's rate limits; when either is exhausted the
   * connection is closed with `RATE_LIMITED` (what it sent is not taken: its client sends it again after
   * reconnecting) and false is returned.
   */
  allow(what: CollabTraffic, n = 1): boolean {
    if (!this.traffic || n === 0 || takeBoth(this.traffic.own, this.traffic.person, what, n)) return true;
    this.close(CloseCode.RATE_LIMITED, `rate_limited:${what}`);
    return false;
  }

  /** As `allow`, charging the person alone (what every socket does once, as it connects). */
  private allowPerson(what: CollabTraffic): boolean {
    if (!this.traffic || this.traffic.person.take(what)) return true;
    this.close(CloseCode.RATE_LIMITED, `rate_limited:${what}`);
    return false;
  }

  /** Closes with a named code; a socket that does not finish the closing handshake soon is cut. */
  close(code: CloseCode, reason: string): void {
    if (this.closed) return;
    this.onClose();
    try {
      this.ws.close(code, reason.slice(0, 120));
    } catch {
      this.ws.terminate();
    }
    setTimeout(() => this.ws.terminate(), 2000).unref();
  }

  private onClose(): void {
    if (this.closed) return;
    this.closed = true;
    this.room.leave(this);
  }

  private onMessage(data: Buffer, isBinary: boolean): void {
    if (this.closed) return;
    if (data.length > this.limits.maxMessageBytes) {
      this.close(CloseCode.MESSAGE_TOO_LARGE, `message_too_large:${data.length}`);
      return;
    }
    if (!isBinary) {
      this.close(CloseCode.MALFORMED_MESSAGE, 'text_frame');
      return;
    }
    // Bytes are counted before anything is read from them: many small messages cost as much as one big one.
    if (!this.allow('bytes', data.length)) return;
    try {
      this.dispatch(data);
    } catch (error) {
      if (this.closed) return;
      // A decoding error is the sender's; anything else is ours, but the socket is still the safe thing
      // to drop: its client resyncs.
      this.close(
        CloseCode.MALFORMED_MESSAGE,
        error instanceof Error && /Unexpected end|Integer out of Range/.test(error.message)
          ? 'truncated'
          : 'undecodable',
      );
    }
  }

  private dispatch(data: Uint8Array): void {
    const decoder = decoding.createDecoder(data);
    const type = decoding.readVarUint(decoder);
    switch (type) {
      case MESSAGE_SYNC: {
        const step = decoding.readVarUint(decoder);
        const payload = decoding.readVarUint8Array(decoder);
        if (decoding.hasContent(decoder)) return this.close(CloseCode.MALFORMED_MESSAGE, 'trailing_bytes');
        // A step 1 is answered with everything the sender lacks, up to the whole document. A client asks once,
        // as it connects: that one is part of connecting and its socket's own first, but its person's count
        // holds it, or a script opening socket after socket would be sent the document each time.
        if (step === SYNC_STEP1) {
          if (!(this.asked ? this.allow('syncs') : this.allowPerson('syncs'))) return;
          this.asked = true;
          return this.room.syncStep1(this, payload);
        }
        if (step === SYNC_STEP2 || step === SYNC_UPDATE) {
          if (!this.allow('updates')) return;
          // Counted before anything is decoded: what one update holds bounds the time it takes.
          const limit = this.limits.updateBounds;
          const bounds = limit ? scanUpdate(payload, limit, step === SYNC_STEP2) : undefined;
          if (bounds && !bounds.ok) {
            const code =
              bounds.reason === 'undecodable_update' ? CloseCode.MALFORMED_MESSAGE : CloseCode.MESSAGE_TOO_LARGE;
            return this.close(code, bounds.reason);
          }
          // A reconnection's deletions past the usual bound are the document's history, applied here already
          // (the write policy refuses more than the bound of new ones): a lookup each, not charged.
          const ranges = Math.min(bounds?.counts.deleteRanges ?? 0, limit?.deleteRanges ?? 0);
          if (bounds && !this.allow('structs', bounds.counts.structs + ranges)) return;
          return this.room.receiveUpdate(this, payload);
        }
        return this.close(CloseCode.MALFORMED_MESSAGE, `unknown_sync_step:${step}`);
      }
      case MESSAGE_AWARENESS: {
        const payload = decoding.readVarUint8Array(decoder);
        if (decoding.hasContent(decoder)) return this.close(CloseCode.MALFORMED_MESSAGE, 'trailing_bytes');
        if (!this.allow('awareness')) return;
        return this.room.receiveAwareness(this, payload);
      }
      case MESSAGE_QUERY_AWARENESS:
        // Answered with every presence in the room: as costly to serve as an awareness change.
        if (!this.allow('awareness')) return;
        return this.room.sendAwareness(this);
      default:
        return this.close(CloseCode.MALFORMED_MESSAGE, `unknown_message_type:${type}`);
    }
  }
}
