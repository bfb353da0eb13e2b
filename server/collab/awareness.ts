import * as encoding from 'lib0/encoding';
import * as decoding from 'lib0/decoding';
import type { PresenceUser } from '../../shared/domain/presence.js';
import { CloseCode } from '../../shared/protocol/collab.js';
import { rewriteState } from './awarenessState.js';

/** One client id's presence as the server keeps it: the state is already rewritten and serialised. */
interface Entry {
  clock: number;
  /** When this client id's state last went out to everyone (0: never since it changed owner or appeared). */
  sentAt: number;
  /** JSON of the state, or null once removed (kept as a tombstone so late echoes stay stale). */
  json: string | null;
  /** The connection that owns the id, or null after it left. */
  owner: object | null;
  userId: string;
  /** For a state relayed from another node: when it last arrived (ms since epoch). */
  remoteAt?: number;
}

/** Who is sending an awareness update. */
export interface AwarenessSender {
  /** Identity object; ownership of client ids is by connection. */
  key: object;
  user: PresenceUser;
  /** Whose a client id is in the document's bindings (undefined when unbound). */
  boundTo(clientId: number): string | undefined;
}

export type AwarenessResult =
  | {
      ok: true;
      changed: boolean;
      /** Client ids this sender newly holds presence for (rate-limited like new client ids in updates). */
      claimed: number;
    }
  | { ok: false; code: CloseCode; reason: string };

/** Client ids one connection may hold presence for (a tab has one; a few cover reconnect races). */
export const MAX_IDS_PER_CONNECTION = 4;
/** Tombstones kept per document before the oldest are forgotten. */
const MAX_TOMBSTONES = 10_000;

/**
 * The merged awareness (presence) of one document, held by the server rather than relayed blindly:
 *
 * - identity is the server's: every state's `user` is replaced by the sender's session identity, and only
 *   the fields the editor uses (`cursor`) are kept, size-limited;
 * - a connection may set only the client ids it owns (the first to claim a free id owns it; a person's other
 *   connection may take it over). An entry for someone else's id that is not newer is an echo — the stock
 *   y-websocket client re-sends every remote change — and is ignored; a newer one is refused;
 * - changes are not forwarded one by one: they mark the entry dirty, and `takeDirty()` encodes the dirty
 *   entries into one message per interval, which the room sends to everyone (one encoding, N sends), within
 *   a byte budget per receiver so that a plenary of 1,500 does not flood every laptop on the venue Wi-Fi.
 */
export class DocAwareness {
  private readonly entries = new Map<number, Entry>();
  private readonly dirty = new Set<number>();
  /** Client ids of this node's own sockets changed since `takeLocal` (what other nodes must hear). */
  private readonly localDirty = new Set<number>();
  private tombstones = 0;
  private everything: Uint8Array | null = null;

  /** Applies an awareness update (y-protocols encoding) sent by `sender`. */
  apply(sender: AwarenessSender, update: Uint8Array): AwarenessResult {
    const decoder = decoding.createDecoder(update);
    let changed = false;
    let claimed = 0;
    // The ids the sender holds, counted once per message when first needed and kept up to date after: a
    // message of many new ids would otherwise scan the whole room's presence for each.
    const count: { owned: number | null } = { owned: null };
    const ownedNow = (): number => (count.owned ??= this.ownedBy(sender.key));
    for (const { clientId, clock, raw } of entriesOf(decoder)) {
      const held = this.entries.get(clientId)?.owner === sender.key;
      const result = this.applyEntry(sender, clientId, clock, raw, ownedNow);
      if (!result.ok) return result;
      changed ||= result.changed;
      const holds = this.entries.get(clientId)?.owner === sender.key;
      if (count.owned !== null && holds !== held) count.owned += holds ? 1 : -1;
      if (!held && holds) claimed += 1;
    }
    if (decoding.hasContent(decoder)) return { ok: false, code: CloseCode.MALFORMED_MESSAGE, reason: 'trailing_bytes' };
    return { ok: true, changed, claimed };
  }

  private applyEntry(
    sender: AwarenessSender,
    clientId: number,
    clock: number,
    raw: string,
    owned: () => number,
  ): AwarenessResult {
    const existing = this.entries.get(clientId);
    const removal = raw === 'null';
    if (existing && existing.owner !== sender.key) {
      const stale = clock <= existing.clock || removal;
      if (existing.userId !== sender.user.userId) {
        if (stale) return { ok: true, changed: false, claimed: 0 };
        return { ok: false, code: CloseCode.CLIENT_ID_TAKEN, reason: `awareness_client_id_taken:${clientId}` };
      }
      // The same person's other connection (a reconnect racing the old socket's close): take the id over.
      if (clock <= existing.clock) return { ok: true, changed: false, claimed: 0 };
    } else if (!existing) {
      if (removal) return { ok: true, changed: false, claimed: 0 };
      const bound = sender.boundTo(clientId);
      if (bound !== undefined && bound !== sender.user.userId) {
        return { ok: false, code: CloseCode.CLIENT_ID_TAKEN, reason: `awareness_client_id_taken:${clientId}` };
      }
      if (owned() >= MAX_IDS_PER_CONNECTION) return { ok: true, changed: false, claimed: 0 };
    } else if (clock < existing.clock || (clock === existing.clock && !removal)) {
      return { ok: true, changed: false, claimed: 0 };
    }
    if (existing?.json === null) this.tombstones -= 1;
    const json = removal ? null : rewriteState(raw, sender.user);
    this.entries.set(clientId, {
      clock,
      json,
      owner: removal ? null : sender.key,
      userId: sender.user.userId,
      sentAt: existing?.json != null && json !== null ? existing.sentAt : 0,
    });
    if (json === null) this.noteTombstone();
    this.markDirty(clientId);
    this.localDirty.add(clientId);
    return { ok: true, changed: true, claimed: 0 };
  }

  /**
   * Merges presence relayed from another node (already checked and stamped with identity there). A state of
   * one of this node's own sockets is never overwritten; otherwise the newer clock wins, as in y-protocols.
   */
  applyRemote(node: object, update: Uint8Array, now = Date.now()): boolean {
    let changed = false;
    for (const { clientId, clock, raw } of entriesOf(decoding.createDecoder(update))) {
      const existing = this.entries.get(clientId);
      if (existing && existing.owner !== null && existing.remoteAt === undefined) continue;
      if (
        existing &&
        (clock < existing.clock || (clock === existing.clock && (raw !== 'null' || existing.json === null)))
      ) {
        if (existing.owner === node) existing.remoteAt = now;
        continue;
      }
      const json = raw === 'null' ? null : raw;
      let userId = existing?.userId ?? '';
      if (json !== null) {
        try {
          userId = String((JSON.parse(json) as { user?: { userId?: unknown } }).user?.userId ?? '');
        } catch {
          continue;
        }
      }
      if (existing?.json === null && json !== null) this.tombstones -= 1;
      this.entries.set(clientId, { clock, json, owner: json === null ? null : node, userId, sentAt: 0, remoteAt: now });
      if (json === null && existing?.json !== null) this.noteTombstone();
      this.markDirty(clientId);
      changed = true;
    }
    return changed;
  }

  /**
   * Removes relayed states not renewed since `before` (their node stopped, or lost Redis): clients renew
   * their presence every 15 s, so a state silent for 30 s is gone, as y-protocols itself decides.
   */
  expireRemote(before: number): boolean {
    let changed = false;
    for (const [clientId, entry] of this.entries) {
      if (entry.remoteAt === undefined || entry.json === null || entry.remoteAt >= before) continue;
      this.entries.set(clientId, { ...entry, clock: entry.clock + 1, json: null, owner: null, sentAt: 0 });
      this.noteTombstone();
      this.markDirty(clientId);
      changed = true;
    }
    return changed;
  }

  /** The states of this node's own sockets changed since the last call, for other nodes; null when none. */
  takeLocal(): Uint8Array | null {
    const ids = [...this.localDirty].filter((id) => this.entries.has(id));
    this.localDirty.clear();
    return ids.length ? this.encode(ids) : null;
  }

  private ownedBy(key: object): number {
    let n = 0;
    for (const entry of this.entries.values()) if (entry.owner === key) n += 1;
    return n;
  }

  /** The user who currently holds presence for a client id (for the document's client id check). */
  holder(clientId: number): string | undefined {
    const entry = this.entries.get(clientId);
    return entry && entry.owner !== null ? entry.userId : undefined;
  }

  /** A connection left: its states are removed for everyone (clock + 1, as y-protocols does). */
  removeOwner(key: object): void {
    for (const [clientId, entry] of this.entries) {
      if (entry.owner !== key) continue;
      this.entries.set(clientId, { clock: entry.clock + 1, json: null, owner: null, userId: entry.userId, sentAt: 0 });
      this.noteTombstone();
      this.markDirty(clientId);
      this.localDirty.add(clientId);
    }
  }

  private noteTombstone(): void {
    this.tombstones += 1;
    if (this.tombstones <= MAX_TOMBSTONES) return;
    for (const [clientId, entry] of this.entries) {
      if (entry.json !== null || this.dirty.has(clientId) || this.localDirty.has(clientId)) continue;
      this.entries.delete(clientId);
      this.tombstones -= 1;
      if (this.tombstones <= MAX_TOMBSTONES / 2) break;
    }
  }

  private markDirty(clientId: number): void {
    this.dirty.add(clientId);
    this.everything = null;
  }

  hasDirty(): boolean {
    return this.dirty.size > 0;
  }

  /**
   * One awareness update with the entries changed since they were last sent, within about `maxBytes`:
   * arrivals and departures first (presence must be right), then cursor moves, least recently sent first,
   * so every state still goes out within a bounded time (clients drop states not renewed for 30 s). What
   * does not fit stays dirty for the next call; an entry that changed again meanwhile goes out once, in
   * its latest state. Null when nothing is dirty.
   */
  takeDirty(maxBytes = Number.POSITIVE_INFINITY, now = Date.now()): Uint8Array | null {
    if (this.dirty.size === 0) return null;
    const ids = [...this.dirty].sort((a, b) => this.priority(a) - this.priority(b));
    const chosen: number[] = [];
    let bytes = 0;
    for (const id of ids) {
      const entry = this.entries.get(id);
      if (!entry) {
        this.dirty.delete(id);
        continue;
      }
      const urgent = entry.sentAt === 0 || entry.json === null;
      const size = (entry.json?.length ?? 4) + 12;
      if (!urgent && chosen.length > 0 && bytes + size > maxBytes) break;
      chosen.push(id);
      bytes += size;
      entry.sentAt = now;
      this.dirty.delete(id);
    }
    return chosen.length ? this.encode(chosen) : null;
  }

  /** Sort key: never-sent entries and removals first, then by when the entry was last sent. */
  private priority(clientId: number): number {
    const entry = this.entries.get(clientId);
    if (!entry || entry.json === null) return -1;
    return entry.sentAt;
  }

  /** Every present state, for a connection that just joined or asked (cached until something changes). */
  encodeAll(): Uint8Array | null {
    if (this.everything) return this.everything;
    const ids = [...this.entries].filter(([, e]) => e.json !== null).map(([id]) => id);
    if (ids.length === 0) return null;
    this.everything = this.encode(ids);
    return this.everything;
  }

  private encode(ids: number[]): Uint8Array {
    const encoder = encoding.createEncoder();
    encoding.writeVarUint(encoder, ids.length);
    for (const id of ids) {
      const entry = this.entries.get(id)!;
      encoding.writeVarUint(encoder, id);
      encoding.writeVarUint(encoder, entry.clock);
      encoding.writeVarString(encoder, entry.json ?? 'null');
    }
    return encoding.toUint8Array(encoder);
  }

  /** Present states (for tests and the presence list). */
  states(): Map<number, unknown> {
    const out = new Map<number, unknown>();
    for (const [id, entry] of this.entries) if (entry.json !== null) out.set(id, JSON.parse(entry.json));
    return out;
  }
}

/** The entries of an awareness update (y-protocols encoding), read one at a time. */
function* entriesOf(decoder: decoding.Decoder): Generator<{ clientId: number; clock: number; raw: string }> {
  const count = decoding.readVarUint(decoder);
  for (let i = 0; i < count; i++) {
    yield {
      clientId: decoding.readVarUint(decoder),
      clock: decoding.readVarUint(decoder),
      raw: decoding.readVarString(decoder),
    };
  }
}
