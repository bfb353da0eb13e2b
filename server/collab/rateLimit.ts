/**
 * Token buckets: a bucket holds up to `burst` tokens and gains `perSecond` a second; each event takes one
 * (or `n`). A burst up to the capacity passes at once (a paste, a reconnection's first messages); a steady
 * stream passes at the refill rate; what is beyond both is refused.
 */

/** A bucket's size and refill. */
export interface Rate {
  /** Tokens a full bucket holds: the largest burst let through at once. */
  burst: number;
  /** Tokens added per second, up to `burst`: the steady rate let through. */
  perSecond: number;
}

export class TokenBucket {
  private tokens: number;
  private at: number;

  constructor(
    private readonly rate: Rate,
    now = performance.now(),
  ) {
    this.tokens = rate.burst;
    this.at = now;
  }

  /** Takes `n` tokens if there are that many; false (and nothing taken) otherwise. */
  take(n = 1, now = performance.now()): boolean {
    this.refill(now);
    if (this.tokens < n) return false;
    this.tokens -= n;
    return true;
  }

  /** True when the bucket is full again (nothing to remember about its owner). */
  isFull(now = performance.now()): boolean {
    this.refill(now);
    return this.tokens >= this.rate.burst;
  }

  private refill(now: number): void {
    if (now > this.at)
      this.tokens = Math.min(this.rate.burst, this.tokens + ((now - this.at) / 1000) * this.rate.perSecond);
    this.at = now;
  }
}

/**
 * What the collab door counts, per connection and per person: messages (updates, awareness changes), the
 * volume of the updates (their structs and deletion ranges: what decoding and integrating them costs),
 * sync step 1s (each answered with what the sender lacks: up to the whole document), new client ids, and the
 * bytes of every message read (what reading, scanning and parsing them costs, whatever they are).
 */
export type CollabTraffic = 'updates' | 'structs' | 'syncs' | 'awareness' | 'client_ids' | 'bytes' | 'sockets';

/** The rates of one kind of traffic: per socket, and per person across every socket they hold on this node. */
export interface TrafficRates {
  connection: Rate;
  person: Rate;
}

export type CollabRates = Record<CollabTraffic, TrafficRates>;

/**
 * Defaults, generous for people and tight for scripts (`collabRates.test.ts` and `limits.test.ts` hold them to
 * both): a typist's every keystroke is one update and one awareness change, 10–20 a second even at full speed
 * (a held key repeats at about 30 a second); a reconnection sends a handful of messages; a person uses a new
 * client id per tab, per page load and per resync, a few an hour (30 at once, then one every 10 s). Bursts
 * cover a page's first seconds and a held key; the steady rates are twice the fastest typing.
 */
export const DEFAULT_COLLAB_RATES: CollabRates = {
  updates: { connection: { burst: 300, perSecond: 60 }, person: { burst: 600, perSecond: 120 } },
  // A keystroke is a struct or two; a whole clause pasted with its formatting a few thousand, an offline spell
  // as much again. Decoding, checking and integrating costs microseconds a struct: the steady rate keeps one
  // person's writing under a few per cent of a core, whatever the size of their messages.
  structs: { connection: { burst: 20_000, perSecond: 2_000 }, person: { burst: 40_000, perSecond: 4_000 } },
  // A client asks once as it connects: that first time is counted against its person only (a page load, a
  // tab, a reconnection: a few a minute); a socket asking again is a script's doing.
  syncs: { connection: { burst: 10, perSecond: 1 }, person: { burst: 40, perSecond: 2 } },
  awareness: { connection: { burst: 300, perSecond: 60 }, person: { burst: 600, perSecond: 120 } },
  client_ids: { connection: { burst: 10, perSecond: 0.2 }, person: { burst: 30, perSecond: 0.1 } },
  // New sockets, counted per person at the upgrade (a socket opens once: its own bucket is never drawn on): a
  // page load opens one or two, a resync or a reconnection one more; a script reopening as fast as it is
  // closed is refused with HTTP 429 before it is sent anything (the room's presence, the document).
  sockets: { connection: { burst: 1, perSecond: 1 }, person: { burst: 40, perSecond: 2 } },
  // A keystroke and its presence are a few hundred bytes; a clause pasted at the limit with its formatting
  // some 100 KiB; a reconnection after a long spell offline up to the 1 MiB message limit, several at once.
  // Steadily a socket may send 512 KiB a second, a hundred times the fastest typing.
  bytes: {
    connection: { burst: 8 * 1024 * 1024, perSecond: 512 * 1024 },
    person: { burst: 16 * 1024 * 1024, perSecond: 1024 * 1024 },
  },
};

/** One set of buckets (a connection's, or a person's). */
export class TrafficBuckets {
  private readonly buckets: Record<CollabTraffic, TokenBucket>;

  constructor(rates: CollabRates, which: keyof TrafficRates, now = performance.now()) {
    this.buckets = {
      updates: new TokenBucket(rates.updates[which], now),
      structs: new TokenBucket(rates.structs[which], now),
      syncs: new TokenBucket(rates.syncs[which], now),
      awareness: new TokenBucket(rates.awareness[which], now),
      client_ids: new TokenBucket(rates.client_ids[which], now),
      bytes: new TokenBucket(rates.bytes[which], now),
      sockets: new TokenBucket(rates.sockets[which], now),
    };
  }

  take(traffic: CollabTraffic, n = 1, now = performance.now()): boolean {
    return this.buckets[traffic].take(n, now);
  }

  isFull(now = performance.now()): boolean {
    return Object.values(this.buckets).every((bucket) => bucket.isFull(now));
  }
}

/**
 * Takes from a connection's buckets and its person's together: an event passes only if both have room, and
 * then both are charged. (A connection alone cannot drain its person's allowance for the others, since its
 * own bucket is smaller; several connections of one person share the person's.)
 */
export function takeBoth(
  connection: TrafficBuckets,
  person: TrafficBuckets,
  traffic: CollabTraffic,
  n = 1,
  now = performance.now(),
): boolean {
  if (!connection.take(traffic, n, now)) return false;
  return person.take(traffic, n, now);
}

/**
 * The people's buckets of one node, kept while they hold sockets and for a while after (a person cannot
 * refill by reconnecting), dropped once full again.
 */
export class PersonBuckets {
  private readonly byUser = new Map<string, { buckets: TrafficBuckets; sockets: number }>();

  constructor(private readonly rates: CollabRates) {}

  /** The person's buckets, for a new socket of theirs. */
  open(userId: string): TrafficBuckets {
    let entry = this.byUser.get(userId);
    if (!entry) this.byUser.set(userId, (entry = { buckets: new TrafficBuckets(this.rates, 'person'), sockets: 0 }));
    entry.sockets += 1;
    return entry.buckets;
  }

  /**
   * Whether the person may open one more socket now (the `sockets` rate), charged when they may. A person
   * without sockets is kept until their buckets refill, so closing everything does not reset the count.
   */
  mayOpen(userId: string, now = performance.now()): boolean {
    let entry = this.byUser.get(userId);
    if (!entry) this.byUser.set(userId, (entry = { buckets: new TrafficBuckets(this.rates, 'person'), sockets: 0 }));
    return entry.buckets.take('sockets', 1, now);
  }

  close(userId: string): void {
    const entry = this.byUser.get(userId);
    if (entry) entry.sockets -= 1;
  }

  /** Forgets people without sockets whose buckets have refilled (called by the collab sweep). */
  sweep(now = performance.now()): void {
    for (const [userId, entry] of this.byUser)
      if (entry.sockets <= 0 && entry.buckets.isFull(now)) this.byUser.delete(userId);
  }

  get size(): number {
    return this.byUser.size;
  }
}
