import { EventEmitter } from 'node:events';
import * as Y from 'yjs';
import type { Store } from '../db/store.js';
import type { UpdateAuthor } from '../db/repositories/docUpdates.js';

/** Origin given to Y transactions made by the server itself (seed, accepted amendments). */
export const SERVER_ORIGIN = Symbol('accord-server');

interface LoadedDoc {
  doc: Y.Doc;
  /** Last stored update folded into `doc`. */
  seq: number;
  /** Stored updates not yet folded into the snapshot. */
  sinceSnapshot: number;
  /** When the document was last read or written (ms since epoch), for idle unloading. */
  usedAt: number;
}

/** An update applied in memory and waiting for the group commit. */
interface PendingWrite {
  documentId: string;
  update: Uint8Array;
  author: UpdateAuthor;
  /** Extra rows to store in the same transaction (e.g. the client id bindings the update introduced). */
  store?: () => void;
}

export interface RegistryEvents {
  /** An update was stored and applied; collab broadcasts it to connected clients. */
  update: [documentId: string, update: Uint8Array, origin: unknown];
  /** The in-memory copy was dropped (idle, or memory ran ahead of a failed commit): sockets must resync. */
  unload: [documentId: string];
}

export interface RegistryOptions {
  /**
   * Least time between two group commits, in ms, unless `flushSpacing` says otherwise. An update arriving
   * after a quiet spell is committed in the next event-loop turn; while updates keep coming, commits (each
   * one fsync and one broadcast to every socket) are spaced this far apart, so a busy document gathers
   * several updates per commit. Default 0 (every turn).
   */
  minFlushIntervalMs?: number;
  /** Stored updates after which the log is folded into a new snapshot, in the background. Default 500. */
  compactEvery?: number;
}

/**
 * The in-memory Y.Docs, one per declaration, loaded on demand from SQLite (snapshot, then the updates after
 * it). Every change goes through here so that it is stored before anyone sees it: the server's own changes
 * (`change`) synchronously, updates from sockets (`accept`) by group commit, several per transaction.
 */
export class DocRegistry extends EventEmitter<RegistryEvents> {
  private readonly docs = new Map<string, LoadedDoc>();
  private pending: PendingWrite[] = [];
  private flushTimer: NodeJS.Immediate | NodeJS.Timeout | undefined;
  private readonly compacting = new Set<string>();
  private readonly existsStmt;
  /** See `RegistryOptions.minFlushIntervalMs`. */
  minFlushIntervalMs: number;
  /**
   * Spacing of commits for a document, in ms; the collab server sets it from the document's fan-out (a
   * broadcast costs one socket write per connection). Defaults to `minFlushIntervalMs`.
   */
  flushSpacing: (documentId: string) => number = () => this.minFlushIntervalMs;
  private lastFlushAt = 0;
  private readonly compactEvery: number;

  constructor(
    private readonly store: Store,
    options: RegistryOptions = {},
  ) {
    super();
    this.setMaxListeners(0);
    this.minFlushIntervalMs = options.minFlushIntervalMs ?? 0;
    this.compactEvery = options.compactEvery ?? 500;
    this.existsStmt = store.db.prepare<[number], { one: number }>('SELECT 1 AS one FROM doc_updates WHERE seq = ?');
  }

  /**
   * The document's Y.Doc, loading it if needed; undefined when no such document exists. Updates of the
   * document still waiting for their group commit are committed first, so what a caller reads is stored.
   */
  get(documentId: string): Y.Doc | undefined {
    const loaded = this.docs.get(documentId);
    if (loaded) {
      if (this.pending.some((p) => p.documentId === documentId)) this.flush();
      const again = this.docs.get(documentId);
      if (again) again.usedAt = Date.now();
      return again?.doc ?? this.get(documentId);
    }
    if (!this.store.documents.get(documentId)) return undefined;
    return this.load(documentId).doc;
  }

  isLoaded(documentId: string): boolean {
    return this.docs.has(documentId);
  }

  private load(documentId: string): LoadedDoc {
    const doc = new Y.Doc({ gc: true });
    let seq = 0;
    let sinceSnapshot = 0;
    const snapshot = this.store.docUpdates.snapshot(documentId);
    doc.transact(() => {
      if (snapshot) {
        Y.applyUpdate(doc, snapshot.data);
        seq = snapshot.through_seq;
      }
      for (const row of this.store.docUpdates.since(documentId, seq)) {
        Y.applyUpdate(doc, row.data);
        seq = row.seq;
        sinceSnapshot += 1;
      }
    }, SERVER_ORIGIN);
    // The server writes under its own client id: never one that already wrote to this document.
    while (doc.store.clients.has(doc.clientID)) doc.clientID = Math.floor(Math.random() * 0xffffffff);
    const loaded = { doc, seq, sinceSnapshot, usedAt: Date.now() };
    this.docs.set(documentId, loaded);
    return loaded;
  }

  /**
   * Makes a change on the server: runs `fn` in one Y transaction, stores the resulting update with its
   * author (in the caller's SQLite transaction, if any), then announces it — once the caller's transaction
   * has committed; if it rolled back, the document is unloaded instead. Returns the update, or null when
   * `fn` changed nothing. If storing fails the document is dropped from memory, so the next read reloads
   * what was actually committed.
   */
  change(documentId: string, author: UpdateAuthor, fn: (doc: Y.Doc) => void): Uint8Array | null {
    const doc = this.get(documentId);
    if (!doc) throw new RangeError(`No document ${documentId}`);
    let update: Uint8Array | null = null;
    const capture = (u: Uint8Array): void => {
      update = update ? Y.mergeUpdates([update, u]) : u;
    };
    doc.on('update', capture);
    try {
      doc.transact(() => fn(doc), SERVER_ORIGIN);
    } finally {
      doc.off('update', capture);
    }
    if (!update) return null;
    let seq: number;
    try {
      seq = this.record(documentId, update, author);
    } catch (error) {
      this.unload(documentId);
      throw error;
    }
    this.announce(documentId, update, seq, SERVER_ORIGIN);
    return update;
  }

  /** Stores an update already applied to the in-memory doc; returns its sequence number. */
  record(documentId: string, update: Uint8Array, author: UpdateAuthor): number {
    const seq = this.store.docUpdates.append(documentId, update, author);
    const loaded = this.docs.get(documentId);
    if (loaded) {
      loaded.seq = seq;
      loaded.sinceSnapshot += 1;
    }
    return seq;
  }

  /**
   * Applies an update that the collab policy has already checked, and queues it for the group commit: every
   * update accepted until the next commit (the next event-loop turn, or `minFlushIntervalMs` after the last
   * commit) is stored in one transaction, then announced with one 'update' event per document. The document
   * must be loaded. Returns false when the update changed nothing (nothing is stored).
   */
  accept(documentId: string, update: Uint8Array, author: UpdateAuthor, origin: unknown, store?: () => void): boolean {
    const loaded = this.docs.get(documentId);
    if (!loaded) throw new RangeError(`Document ${documentId} is not loaded`);
    // What is stored and broadcast is what Yjs integrated: structs and deletions the document already had
    // (a client may resend its whole delete set with every change) are left out.
    let effective: Uint8Array | null = null;
    const capture = (u: Uint8Array): void => {
      effective = u;
    };
    loaded.doc.on('update', capture);
    try {
      Y.applyUpdate(loaded.doc, update, origin);
    } finally {
      loaded.doc.off('update', capture);
    }
    loaded.usedAt = Date.now();
    if (!effective) return false;
    this.pending.push({ documentId, update: effective, author, store });
    if (this.flushTimer === undefined) {
      const wait = this.lastFlushAt + this.flushSpacing(documentId) - performance.now();
      this.flushTimer = wait > 1 ? setTimeout(() => this.flush(), wait) : setImmediate(() => this.flush());
    }
    return true;
  }

  /** True while accepted updates of the document wait for their commit. */
  hasPending(documentId: string): boolean {
    return this.pending.some((p) => p.documentId === documentId);
  }

  /**
   * The group commit: stores every pending update in one transaction (consecutive updates of one author
   * merged into one row), then announces them. Should the transaction fail, the documents concerned are
   * unloaded: their sockets resync and resend what was not stored.
   */
  flush(): void {
    if (this.flushTimer !== undefined) {
      clearTimeout(this.flushTimer as NodeJS.Timeout);
      clearImmediate(this.flushTimer as NodeJS.Immediate);
      this.flushTimer = undefined;
    }
    const batch = this.pending;
    if (batch.length === 0) return;
    this.pending = [];
    this.lastFlushAt = performance.now();
    const byDoc = new Map<string, PendingWrite[]>();
    for (const write of batch) {
      const list = byDoc.get(write.documentId);
      if (list) list.push(write);
      else byDoc.set(write.documentId, [write]);
    }
    const stored: { documentId: string; update: Uint8Array; seq: number }[] = [];
    try {
      this.store.transaction(() => {
        for (const [documentId, writes] of byDoc) {
          let seq = 0;
          for (const run of runsByAuthor(writes)) {
            for (const write of run) write.store?.();
            const update = run.length === 1 ? run[0]!.update : Y.mergeUpdates(run.map((w) => w.update));
            seq = this.record(documentId, update, run[0]!.author);
          }
          const all = writes.length === 1 ? writes[0]!.update : Y.mergeUpdates(writes.map((w) => w.update));
          stored.push({ documentId, update: all, seq });
        }
      });
    } catch (error) {
      for (const documentId of byDoc.keys()) this.unload(documentId);
      throw error;
    }
    for (const { documentId, update, seq } of stored) {
      this.announce(documentId, update, seq, COLLAB_ORIGIN);
      this.maybeCompact(documentId);
    }
  }

  /**
   * Emits 'update' once the update is durable. Inside a caller's transaction that is after the current
   * synchronous run (better-sqlite3 transactions cannot span an await): the update is announced if its row
   * exists, and the document unloaded if the transaction rolled back.
   */
  private announce(documentId: string, update: Uint8Array, seq: number, origin: unknown): void {
    if (!this.store.db.inTransaction) {
      this.emit('update', documentId, update, origin);
      return;
    }
    process.nextTick(() => {
      if (this.existsStmt.get(seq)) this.emit('update', documentId, update, origin);
      else this.unload(documentId);
    });
  }

  /** Schedules a compaction outside the current turn once enough updates piled up since the snapshot. */
  private maybeCompact(documentId: string): void {
    const loaded = this.docs.get(documentId);
    if (!loaded || loaded.sinceSnapshot < this.compactEvery || this.compacting.has(documentId)) return;
    this.compacting.add(documentId);
    setTimeout(() => {
      this.compacting.delete(documentId);
      if (this.docs.has(documentId) && !this.store.db.inTransaction) this.compact(documentId);
    }, 50).unref();
  }

  /**
   * Folds the update log into a snapshot so loading stays fast. The log itself is kept: it carries who wrote
   * what.
   */
  compact(documentId: string): void {
    const doc = this.get(documentId);
    if (!doc) return;
    const loaded = this.docs.get(documentId)!;
    this.store.docUpdates.putSnapshot(documentId, Y.encodeStateAsUpdate(doc), loaded.seq);
    loaded.sinceSnapshot = 0;
  }

  /** Forgets the in-memory copy; the next `get` reloads from the database. */
  unload(documentId: string): void {
    const loaded = this.docs.get(documentId);
    if (!loaded) return;
    // Nothing accepted may be dropped silently: commit what waits, or unload knowing it failed.
    if (this.pending.some((p) => p.documentId === documentId)) {
      try {
        this.flush();
      } catch {
        // flush() unloaded the documents of the failed batch.
      }
      if (!this.docs.has(documentId)) return;
    }
    this.docs.delete(documentId);
    loaded.doc.destroy();
    this.emit('unload', documentId);
  }

  unloadAll(): void {
    this.flush();
    for (const id of [...this.docs.keys()]) this.unload(id);
  }

  /**
   * Unloads documents unused for `idleMs`, compacting first when their log grew since the snapshot.
   * `inUse` keeps documents that still have sockets.
   */
  unloadIdle(idleMs: number, inUse: (documentId: string) => boolean = () => false): void {
    const cutoff = Date.now() - idleMs;
    for (const [id, loaded] of [...this.docs]) {
      if (loaded.usedAt > cutoff || inUse(id) || this.hasPending(id)) continue;
      if (loaded.sinceSnapshot > 0) this.compact(id);
      this.unload(id);
    }
  }
}

/** Origin of the 'update' events of socket updates (the server's own changes use `SERVER_ORIGIN`). */
export const COLLAB_ORIGIN = Symbol('accord-collab');

/** Consecutive writes by the same author, so each stored row keeps one author. */
function runsByAuthor(writes: PendingWrite[]): PendingWrite[][] {
  const runs: PendingWrite[][] = [];
  for (const write of writes) {
    const last = runs[runs.length - 1];
    const author = last?.[0]?.author;
    if (last && author!.userId === write.author.userId && author!.delegation === write.author.delegation) last.push(write);
    else runs.push([write]);
  }
  return runs;
}
