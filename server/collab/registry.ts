import { EventEmitter } from 'node:events';
import * as Y from 'yjs';
import { Folder } from './fold.js';
import { ClauseActivity } from './clauseActivity.js';
import { dropPending, hasPending, wouldPark } from './parking.js';
import type { Store } from '../db/store.js';
import type { UpdateAuthor } from '../db/repositories/docUpdates.js';
import { HttpError } from '../http/errors.js';

/** Origin given to Y transactions made by the server itself (seed, accepted amendments). */
export const SERVER_ORIGIN = Symbol('accord-server');
/** Origin of updates other nodes stored, found in the database (their relay message was lost or late). */
export const CATCH_UP_ORIGIN = Symbol('accord-catch-up');

interface LoadedDoc {
  doc: Y.Doc;
  /** Every stored update up to this sequence number is folded into `doc`. */
  seq: number;
  /** Stored updates after `seq` known to be folded in too (this node's own, and those other nodes relayed). */
  applied: Set<number>;
  /** Stored updates not yet folded into the snapshot. */
  sinceSnapshot: number;
  /** When the document was last read or written (ms since epoch), for idle unloading. */
  usedAt: number;
  /** When people last changed each clause (see `recentlyEdited`). */
  activity: ClauseActivity;
}

/** An update applied in memory and waiting for the group commit. */
interface PendingWrite {
  documentId: string;
  update: Uint8Array;
  author: UpdateAuthor;
  /** Extra rows to store in the same transaction (e.g. the client id bindings the update introduced). */
  store?: () => Promise<void>;
}

export interface RegistryEvents {
  /**
   * An update was stored and applied; collab broadcasts it to connected clients, and in a cluster the relay
   * passes it to the other nodes. `seq` is the stored row's number (the last one, for a merged batch).
   */
  update: [documentId: string, update: Uint8Array, origin: unknown, seq: number];
  /** The in-memory copy was dropped (idle, or memory ran ahead of a failed commit): sockets must resync. */
  unload: [documentId: string];
  /**
   * Yjs held structs or deletions of the document waiting for a gap to be filled, and they were dropped
   * instead (`where`: `load`, `accept`, `catch-up`). Never expected: the collab policy refuses any update
   * that would leave something waiting. The collab server logs it as an error.
   */
  parked: [documentId: string, where: string];
}

/** Thrown by `accept` when Yjs parked part of an update the policy let through; the document must be reloaded. */
export class ParkedUpdateError extends Error {
  constructor(documentId: string) {
    super(`An update to ${documentId} left structs or deletions pending`);
  }
}

export interface RegistryOptions {
  /**
   * Longest wait of an accepted update for its group commit while updates keep coming, in ms, unless
   * `batchWindow` says otherwise. Each commit is one fsync and one broadcast to every socket, so a busy
   * document gathers several updates per commit: the first update of a batch waits this long, and what
   * arrives meanwhile joins it. After a quiet spell (no commit for two windows) an update is committed in the
   * next event-loop turn. Default 0 (every turn).
   */
  batchWindowMs?: number;
  /** Stored updates after which the log is folded into a new snapshot, in the background. Default 500. */
  compactEvery?: number;
  /**
   * Called before a document is read from the database, so that a cluster relay can subscribe to the
   * document's updates first: nothing another node stores after the read can be missed. Default: nothing.
   */
  beforeLoad?: (documentId: string) => Promise<void>;
  /** Called when a document leaves memory (the relay unsubscribes). */
  afterUnload?: (documentId: string) => void;
  /**
   * True when other nodes write to the same database (PostgreSQL cluster): the registry then remembers which
   * stored updates it holds until `catchUp` has checked there is no gap below them. Default false.
   */
  shared?: boolean;
}

/**
 * The in-memory Y.Docs, one per declaration, loaded on demand from storage (snapshot, then the updates after
 * it). Every change goes through here so that it is stored before anyone sees it: the server's own changes
 * (`change`) inside the caller's transaction, updates from sockets (`accept`) by group commit, several per
 * transaction. In a cluster, updates other nodes stored arrive through `applyStored` and, should any be
 * missed (a relay outage), `catchUp` finds them in the database.
 */
export class DocRegistry extends EventEmitter<RegistryEvents> {
  private readonly docs = new Map<string, LoadedDoc>();
  private readonly loading = new Map<string, Promise<LoadedDoc | undefined>>();
  private pending: PendingWrite[] = [];
  private flushTimer: NodeJS.Immediate | NodeJS.Timeout | undefined;
  /** Group commits under way, oldest first; `settled` waits for them. */
  private commits = new Set<Promise<void>>();
  private readonly compacting = new Set<string>();
  private readonly folder = new Folder();
  /**
   * The batch window of a document, in ms; the collab server sets it from the document's fan-out (a
   * broadcast costs one socket write per connection). Defaults to `RegistryOptions.batchWindowMs`.
   */
  batchWindow: (documentId: string) => number;
  /** When the last group commit began, and when its announcement (the broadcast) ended. */
  private lastFlushAt = 0;
  private lastAnnouncedAt = Number.NEGATIVE_INFINITY;
  /**
   * True from an announcement until the event loop's next check phase: sockets read meanwhile (the poll
   * phase right after the broadcast) may have waited through that commit.
   */
  private afterAnnounce = false;
  private readonly compactEvery: number;

  constructor(
    private readonly store: Store,
    private readonly options: RegistryOptions = {},
  ) {
    super();
    this.setMaxListeners(0);
    const window = options.batchWindowMs ?? 0;
    this.batchWindow = () => window;
    this.compactEvery = options.compactEvery ?? 500;
  }

  /**
   * The document's Y.Doc, loading it if needed; undefined when no such document exists. Updates of the
   * document still waiting for their group commit are committed first, so what a caller reads is stored.
   */
  async get(documentId: string): Promise<Y.Doc | undefined> {
    if (this.hasPending(documentId)) await this.flush();
    const loaded = this.docs.get(documentId) ?? (await this.load(documentId));
    if (loaded) loaded.usedAt = Date.now();
    return loaded?.doc;
  }

  /** The document if it is in memory now (no loading, no commit). */
  peek(documentId: string): Y.Doc | undefined {
    return this.docs.get(documentId)?.doc;
  }

  isLoaded(documentId: string): boolean {
    return this.docs.has(documentId);
  }

  /** Documents in memory. */
  loadedIds(): string[] {
    return [...this.docs.keys()];
  }

  /** Loads once however many callers ask at the same time. */
  private load(documentId: string): Promise<LoadedDoc | undefined> {
    let loading = this.loading.get(documentId);
    if (!loading) {
      loading = this.read(documentId).finally(() => this.loading.delete(documentId));
      this.loading.set(documentId, loading);
    }
    return loading;
  }

  private async read(documentId: string): Promise<LoadedDoc | undefined> {
    if (!(await this.store.documents.get(documentId))) return undefined;
    await this.options.beforeLoad?.(documentId);
    const snapshot = await this.store.docUpdates.snapshot(documentId);
    const rows = await this.store.docUpdates.since(documentId, snapshot?.through_seq ?? 0);
    const existing = this.docs.get(documentId);
    if (existing) return existing;
    const doc = new Y.Doc({ gc: true });
    let seq = snapshot?.through_seq ?? 0;
    // Stored rows follow one another in the order they were integrated: nothing may wait here to be
    // integrated by a later row or update (a database written before the policy refused parked updates).
    let parked = false;
    const dropParked = (): void => {
      if (!hasPending(doc)) return;
      dropPending(doc);
      parked = true;
    };
    doc.transact(() => {
      if (snapshot) Y.applyUpdate(doc, snapshot.data);
      dropParked();
      for (const row of rows) {
        Y.applyUpdate(doc, row.data);
        dropParked();
        seq = row.seq;
      }
    }, SERVER_ORIGIN);
    if (parked) this.emit('parked', documentId, 'load');
    // The server writes under its own client id: never one that already wrote to this document.
    while (doc.store.clients.has(doc.clientID)) doc.clientID = Math.floor(Math.random() * 0xffffffff);
    const activity = new ClauseActivity();
    doc.on('afterTransaction', (transaction) => {
      if (transaction.origin !== SERVER_ORIGIN) activity.note(transaction);
    });
    const loaded: LoadedDoc = { doc, seq, applied: new Set(), sinceSnapshot: rows.length, usedAt: Date.now(), activity };
    this.docs.set(documentId, loaded);
    return loaded;
  }

  /**
   * Clauses of a loaded document that people (not the server) changed within the last `windowMs`, most
   * recent first, whether their updates are committed or still wait for the group commit. Empty for a
   * document not in memory: nobody has written to it since it was loaded.
   */
  recentlyEdited(documentId: string, windowMs: number): string[] {
    return this.docs.get(documentId)?.activity.since(windowMs) ?? [];
  }

  /**
   * Makes a change on the server: runs `fn` in one Y transaction, stores the resulting update with its
   * author (in the caller's transaction, if any), then announces it once that transaction has committed; if
   * it rolls back, the document is unloaded instead, so memory never runs ahead of what was committed.
   * Returns the update, or null when `fn` changed nothing.
   *
   * An adopted text is frozen: whatever the caller (an accepted amendment, a clause command, a vote's
   * effect, a script), the change is refused with 409 `text_frozen` before anything is applied. The stage is
   * read in the caller's transaction, so a command that adopts and then changes text is refused too.
   */
  async change(documentId: string, author: UpdateAuthor, fn: (doc: Y.Doc) => void): Promise<Uint8Array | null> {
    const row = await this.store.documents.get(documentId);
    if (!row) throw new RangeError(`No document ${documentId}`);
    if (row.stage === 'adopted') throw HttpError.of('text_frozen', 'The text is adopted: it can no longer change.');
    const doc = await this.get(documentId);
    if (!doc) throw new RangeError(`No document ${documentId}`);
    // Another node's latest edits first, so that a rewrite (an accepted amendment) is computed against them;
    // inside the caller's transaction every stored row is already visible.
    if (this.options.shared) await this.catchUp(documentId, CATCH_UP_ORIGIN);
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
    const stored: Uint8Array = update;
    let seq: number;
    try {
      seq = await this.store.transaction(() => this.record(documentId, stored, author));
    } catch (error) {
      this.drop(documentId);
      throw error;
    }
    this.store.onRollback(() => this.drop(documentId));
    this.store.afterCommit(() => this.emit('update', documentId, stored, SERVER_ORIGIN, seq));
    return update;
  }

  /** Stores an update already applied to the in-memory doc; returns its sequence number. Inside a transaction. */
  private async record(documentId: string, update: Uint8Array, author: UpdateAuthor): Promise<number> {
    const seq = await this.store.docUpdates.append(documentId, update, author);
    const loaded = this.docs.get(documentId);
    if (loaded) {
      // Alone on its database, this node writes every row it could miss: the watermark simply follows.
      if (this.options.shared) loaded.applied.add(seq);
      else loaded.seq = seq;
      loaded.sinceSnapshot += 1;
    }
    return seq;
  }

  /**
   * Applies an update that the collab policy has already checked, and queues it for the group commit: every
   * update accepted until the next commit (the next event-loop turn, or the batch window after the update
   * that opened the batch) is stored in one transaction, then announced with one 'update' event per
   * document. The document must be loaded. Returns false when the update changed nothing (nothing is stored).
   */
  accept(documentId: string, update: Uint8Array, author: UpdateAuthor, origin: unknown, store?: () => Promise<void>): boolean {
    const loaded = this.docs.get(documentId);
    if (!loaded) throw new RangeError(`Document ${documentId} is not loaded`);
    // What is stored and broadcast is what Yjs integrated: structs and deletions the document already had
    // (a client may resend its whole delete set with every change) are left out.
    const effective = applyCapturing(loaded.doc, update, origin);
    loaded.usedAt = Date.now();
    // The policy refuses anything Yjs would park. Should Yjs park something all the same, it is dropped at
    // once, so that no later update integrates it, and the caller reloads the document from storage: what
    // this update added in memory is not stored.
    if (hasPending(loaded.doc)) {
      dropPending(loaded.doc);
      this.emit('parked', documentId, 'accept');
      throw new ParkedUpdateError(documentId);
    }
    if (!effective) return false;
    this.pending.push({ documentId, update: effective, author, store });
    if (this.flushTimer === undefined) {
      const wait = this.batchWait(this.batchWindow(documentId));
      this.flushTimer = wait > 1 ? setTimeout(() => void this.flushQuietly(), wait) : setImmediate(() => void this.flushQuietly());
    }
    return true;
  }

  /**
   * Applies an update another node has stored (relayed, or found by `catchUp`) and announces what it added.
   * Ignored when the document is not in memory: it will be read from the database when needed.
   */
  applyStored(documentId: string, seq: number, update: Uint8Array, origin: unknown): boolean {
    return this.applyRow(documentId, seq, update, origin, false);
  }

  /**
   * `inOrder`: every row stored before this one has been applied (catch-up). A relayed row may arrive ahead
   * of one whose message was lost; Yjs would park it, so it waits for the catch-up, which applies rows in the
   * order they were stored. A row that would park even then is dropped (and reported): nothing waits in
   * memory for a later update to integrate it.
   */
  private applyRow(documentId: string, seq: number, update: Uint8Array, origin: unknown, inOrder: boolean): boolean {
    const loaded = this.docs.get(documentId);
    if (!loaded || seq <= loaded.seq || loaded.applied.has(seq)) return false;
    if (wouldPark(loaded.doc, update)) {
      if (!inOrder) return false;
      loaded.applied.add(seq);
      this.emit('parked', documentId, 'catch-up');
      return false;
    }
    const effective = applyCapturing(loaded.doc, update, origin);
    loaded.applied.add(seq);
    loaded.sinceSnapshot += 1;
    if (effective) this.emit('update', documentId, effective, origin, seq);
    return effective !== null;
  }

  /**
   * Reads the stored updates of a loaded document that it has not folded in yet (another node stored them
   * and their relay message was lost) and applies them. Cheap when nothing is missing: one query of
   * sequence numbers.
   */
  async catchUp(documentId: string, origin: unknown): Promise<number> {
    const loaded = this.docs.get(documentId);
    if (!loaded) return 0;
    const from = loaded.seq;
    const rows = await this.store.docUpdates.since(documentId, from);
    let missing = 0;
    for (const row of rows) {
      if (loaded.applied.has(row.seq)) continue;
      // Rows merged into one relayed message are not named in it: re-applying them adds nothing.
      if (this.applyRow(documentId, row.seq, row.data, origin, true)) missing += 1;
    }
    // Everything up to the last row read is in memory now: forget the individual numbers below it.
    const top = rows.length > 0 ? rows[rows.length - 1]!.seq : from;
    if (this.docs.get(documentId) === loaded && top > loaded.seq) {
      loaded.seq = top;
      for (const seq of loaded.applied) if (seq <= top) loaded.applied.delete(seq);
    }
    return missing;
  }

  /**
   * How long the update opening a batch waits for its commit, in ms. After a quiet spell, not at all. Else the
   * window, counted from when the update may have arrived: one read in the turn right after a commit's
   * broadcast may have waited through that commit, so its window counts from the commit's start. (Counting
   * every window from the previous commit instead would commit every window while updates keep coming,
   * however few; counting from the first update of a batch commits every window plus the gap to the next
   * update, at the same longest wait.)
   */
  private batchWait(window: number): number {
    const now = performance.now();
    const sinceAnnounced = now - this.lastAnnouncedAt;
    if (sinceAnnounced >= 2 * window) return 0;
    const opened = this.afterAnnounce ? this.lastFlushAt : now;
    return opened + window - now;
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
  flush(): Promise<void> {
    if (this.flushTimer !== undefined) {
      clearTimeout(this.flushTimer as NodeJS.Timeout);
      clearImmediate(this.flushTimer as NodeJS.Immediate);
      this.flushTimer = undefined;
    }
    const batch = this.pending;
    if (batch.length === 0) return Promise.resolve();
    this.pending = [];
    this.lastFlushAt = performance.now();
    const commit = this.commit(batch);
    this.commits.add(commit);
    void commit.catch(() => undefined).finally(() => this.commits.delete(commit));
    return commit;
  }

  /** Resolves once every group commit started so far has ended (committed or failed). */
  async settled(): Promise<void> {
    while (this.commits.size > 0) await Promise.allSettled([...this.commits]);
  }

  private async flushQuietly(): Promise<void> {
    try {
      await this.flush();
    } catch {
      // commit() unloaded the documents of the failed batch; their sockets resync.
    }
  }

  private async commit(batch: PendingWrite[]): Promise<void> {
    const byDoc = new Map<string, PendingWrite[]>();
    for (const write of batch) {
      const list = byDoc.get(write.documentId);
      if (list) list.push(write);
      else byDoc.set(write.documentId, [write]);
    }
    const stored: { documentId: string; update: Uint8Array; seq: number }[] = [];
    try {
      await this.store.transaction(async () => {
        for (const [documentId, writes] of byDoc) {
          let seq = 0;
          for (const run of runsByAuthor(writes)) {
            for (const write of run) await write.store?.();
            const update = run.length === 1 ? run[0]!.update : Y.mergeUpdates(run.map((w) => w.update));
            seq = await this.record(documentId, update, run[0]!.author);
          }
          const all = writes.length === 1 ? writes[0]!.update : Y.mergeUpdates(writes.map((w) => w.update));
          stored.push({ documentId, update: all, seq });
        }
      });
    } catch (error) {
      for (const documentId of byDoc.keys()) this.drop(documentId);
      throw error;
    }
    const announce = (): void => {
      for (const { documentId, update, seq } of stored) {
        this.emit('update', documentId, update, COLLAB_ORIGIN, seq);
        this.maybeCompact(documentId);
      }
      this.lastAnnouncedAt = performance.now();
      if (!this.afterAnnounce) {
        this.afterAnnounce = true;
        setImmediate(() => (this.afterAnnounce = false));
      }
    };
    // Inside a caller's transaction (a reader flushing first), the rows are durable only once it commits.
    this.store.onRollback(() => {
      for (const documentId of byDoc.keys()) this.drop(documentId);
    });
    this.store.afterCommit(announce);
  }

  /** Schedules a compaction outside the current turn once enough updates piled up since the snapshot. */
  private maybeCompact(documentId: string): void {
    const loaded = this.docs.get(documentId);
    if (!loaded || loaded.sinceSnapshot < this.compactEvery || this.compacting.has(documentId)) return;
    this.compacting.add(documentId);
    setTimeout(() => {
      this.compact(documentId)
        .catch(() => undefined)
        .finally(() => this.compacting.delete(documentId));
    }, 50).unref();
  }

  /**
   * Folds the update log into a snapshot so loading stays fast. The snapshot is rebuilt from what is stored
   * (the previous snapshot and the rows after it), not from memory: in a cluster another node's updates may
   * still be on their way to this node's memory, and a snapshot must not claim rows it does not hold. The
   * fold runs on a worker thread, so keystrokes keep flowing meanwhile; updates stored during it stay after
   * the snapshot, and a snapshot never replaces one that reaches further. The log itself is kept: it carries
   * who wrote what.
   */
  async compact(documentId: string): Promise<void> {
    const { snapshot, rows } = await this.store.transaction(async () => {
      const snapshot = await this.store.docUpdates.snapshot(documentId);
      return { snapshot, rows: await this.store.docUpdates.since(documentId, snapshot?.through_seq ?? 0) };
    });
    if (rows.length === 0) return;
    const state = await this.folder.fold([...(snapshot ? [snapshot.data] : []), ...rows.map((row) => row.data)]);
    await this.store.transaction(() => this.store.docUpdates.putSnapshot(documentId, state, rows[rows.length - 1]!.seq));
    const loaded = this.docs.get(documentId);
    if (loaded) loaded.sinceSnapshot = Math.max(0, loaded.sinceSnapshot - rows.length);
  }

  /**
   * Forgets the in-memory copy; the next `get` reloads from the database. What waits for its commit is
   * committed first: nothing accepted is dropped silently.
   */
  async unload(documentId: string): Promise<void> {
    if (this.hasPending(documentId)) await this.flushQuietly();
    await this.settled();
    this.drop(documentId);
  }

  /** Drops the in-memory copy at once (its commit failed or rolled back): sockets must resync. */
  private drop(documentId: string): void {
    const loaded = this.docs.get(documentId);
    if (!loaded) return;
    this.docs.delete(documentId);
    loaded.doc.destroy();
    this.options.afterUnload?.(documentId);
    this.emit('unload', documentId);
  }

  async unloadAll(): Promise<void> {
    await this.flush();
    await this.settled();
    for (const id of [...this.docs.keys()]) this.drop(id);
  }

  /** Unloads everything (see `unloadAll`) and ends the compaction worker. */
  async close(): Promise<void> {
    try {
      await this.unloadAll();
    } finally {
      await this.folder.close();
    }
  }

  /**
   * Unloads documents unused for `idleMs`, compacting first when their log grew since the snapshot.
   * `inUse` keeps documents that still have sockets.
   */
  async unloadIdle(idleMs: number, inUse: (documentId: string) => boolean = () => false): Promise<void> {
    const cutoff = Date.now() - idleMs;
    for (const [id, loaded] of [...this.docs]) {
      if (loaded.usedAt > cutoff || inUse(id) || this.hasPending(id)) continue;
      if (loaded.sinceSnapshot > 0) await this.compact(id);
      if (this.docs.get(id) === loaded && !inUse(id) && !this.hasPending(id)) this.drop(id);
    }
  }
}

/** Origin of the 'update' events of socket updates (the server's own changes use `SERVER_ORIGIN`). */
export const COLLAB_ORIGIN = Symbol('accord-collab');

/** Applies an update and returns what Yjs integrated from it (null when it added nothing). */
function applyCapturing(doc: Y.Doc, update: Uint8Array, origin: unknown): Uint8Array | null {
  let effective: Uint8Array | null = null;
  const capture = (u: Uint8Array): void => {
    effective = effective ? Y.mergeUpdates([effective, u]) : u;
  };
  doc.on('update', capture);
  try {
    Y.applyUpdate(doc, update, origin);
  } finally {
    doc.off('update', capture);
  }
  return effective;
}

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
