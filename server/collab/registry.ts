import { EventEmitter } from 'node:events';
import * as Y from 'yjs';
import { consoleLogger, type Logger } from '../context.js';
import type { Store } from '../db/store.js';
import type { UpdateAuthor } from '../db/repositories/docUpdates.js';
import { HttpError } from '../http/errors.js';
import { CatchUp } from './catchUp.js';
import { Compaction } from './compaction.js';
import { fanOutWindow, GroupCommit } from './groupCommit.js';
import { LoadedDocs, SERVER_ORIGIN, type DocSubscriber } from './loadedDocs.js';
import { dropPending, hasPending } from './parking.js';

export { SERVER_ORIGIN, type DocSubscriber } from './loadedDocs.js';
export { BATCH_WINDOW, fanOutWindow } from './groupCommit.js';
/** Origin of updates other nodes stored, found in the database (their relay message was lost or late). */
export { ParkedUpdateError, type RegistryEvents, type RegistryOptions } from './registryTypes.js';
import { ParkedUpdateError, type RegistryEvents, type RegistryOptions } from './registryTypes.js';

export const CATCH_UP_ORIGIN = Symbol('accord-catch-up');
/** Origin of the 'update' events of socket updates (the server's own changes use `SERVER_ORIGIN`). */
export const COLLAB_ORIGIN = Symbol('accord-collab');

/**
 * The in-memory Y.Docs, one per declaration, loaded on demand from storage (`loadedDocs.ts`). Every change
 * goes through here so that it is stored before anyone sees it: the server's own changes (`change`) inside
 * the caller's transaction, updates from sockets (`accept`) by group commit (`groupCommit.ts`), several per
 * transaction. In a cluster, updates other nodes stored arrive through `applyStored` and, should any be
 * missed (a relay outage), `catchUp` finds them in the database (`catchUp.ts`). Update logs are folded into
 * snapshots in the background (`compaction.ts`). A document's room subscribes to it (`subscribe`) and
 * broadcasts what is announced as stored.
 */
export class DocRegistry extends EventEmitter<RegistryEvents> {
  private readonly docs: LoadedDocs;
  private readonly commits: GroupCommit;
  private readonly compaction: Compaction;
  private readonly cluster: CatchUp;
  private readonly log: Logger;
  private readonly windowFor: (fanOut: number) => number;

  constructor(
    private readonly store: Store,
    private readonly options: RegistryOptions = {},
  ) {
    super();
    this.setMaxListeners(0);
    this.log = options.log ?? consoleLogger('info');
    const window = options.batchWindow ?? fanOutWindow();
    this.windowFor = typeof window === 'number' ? () => window : window;
    this.docs = new LoadedDocs(store, {
      beforeLoad: options.beforeLoad,
      afterUnload: options.afterUnload,
      parked: (id) => this.parked(id, 'load'),
    });
    this.commits = new GroupCommit(store, this.log, {
      batchWindow: (id) => this.batchWindow(id),
      record: (id, update, author) => this.record(id, update, author),
      drop: (id) => this.drop(id),
      announce: (id, update, seq) => this.announce(id, update, COLLAB_ORIGIN, seq),
    });
    this.compaction = new Compaction(store, this.log, {
      every: options.compactEvery ?? 500,
      folded: (id, rows) => {
        const loaded = this.docs.get(id);
        if (loaded) loaded.sinceSnapshot = Math.max(0, loaded.sinceSnapshot - rows);
      },
    });
    this.cluster = new CatchUp(store, this.docs, {
      announce: (id, update, origin, seq) => this.announce(id, update, origin, seq),
      parked: (id) => this.parked(id, 'catch-up'),
    });
  }

  /**
   * The document's Y.Doc, loading it if needed; undefined when no such document exists. Updates of the
   * document still waiting for their group commit are committed first, so what a caller reads is stored.
   */
  async get(documentId: string): Promise<Y.Doc | undefined> {
    if (this.hasPending(documentId)) await this.flush();
    const loaded = await this.docs.load(documentId);
    if (loaded) loaded.usedAt = Date.now();
    return loaded?.doc;
  }

  /** The document if it is in memory now (no loading, no commit). */
  peek(documentId: string): Y.Doc | undefined {
    return this.docs.get(documentId)?.doc;
  }

  isLoaded(documentId: string): boolean {
    return this.docs.get(documentId) !== undefined;
  }

  /** Documents in memory. */
  loadedIds(): string[] {
    return this.docs.ids();
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
   * Tells `subscriber` of every update of the document stored from now on, and of the document leaving
   * memory (which ends the subscription). Subscribes to `doc` only: undefined when the registry's copy of the
   * document is no longer `doc` (it was reloaded meanwhile). Returns the unsubscribe function.
   */
  subscribe(documentId: string, doc: Y.Doc, subscriber: DocSubscriber): (() => void) | undefined {
    const loaded = this.docs.get(documentId);
    if (loaded?.doc !== doc) return undefined;
    loaded.subscribers.add(subscriber);
    return () => void loaded.subscribers.delete(subscriber);
  }

  /** The document's batch window now, in ms, from its subscribers' fan-out (see `RegistryOptions.batchWindow`). */
  batchWindow(documentId: string): number {
    return this.windowFor(this.docs.get(documentId)?.fanOut() ?? 0);
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
    this.store.afterCommit(() => this.announce(documentId, stored, SERVER_ORIGIN, seq));
    return update;
  }

  /** Stores an update already applied to the in-memory doc; returns its sequence number. Inside a transaction. */
  private async record(documentId: string, update: Uint8Array, author: UpdateAuthor): Promise<number> {
    const seq = await this.store.docUpdates.append(documentId, update, author);
    this.docs.get(documentId)?.noteStored(seq, this.options.shared === true);
    return seq;
  }

  /**
   * Applies an update that the collab policy has already checked, and queues it for the group commit: every
   * update accepted until the next commit (the next event-loop turn, or the batch window after the update
   * that opened the batch) is stored in one transaction, then announced with one 'update' event per
   * document. The document must be loaded. Returns false when the update changed nothing (nothing is stored).
   */
  accept(
    documentId: string,
    update: Uint8Array,
    author: UpdateAuthor,
    origin: unknown,
    store?: () => Promise<void>,
  ): boolean {
    const loaded = this.docs.get(documentId);
    if (!loaded) throw new RangeError(`Document ${documentId} is not loaded`);
    // What is stored and broadcast is what Yjs integrated: structs and deletions the document already had
    // (a client may resend its whole delete set with every change) are left out.
    const effective = loaded.apply(update, origin);
    loaded.usedAt = Date.now();
    // The policy refuses anything Yjs would park. Should Yjs park something all the same, it is dropped at
    // once, so that no later update integrates it, and the caller reloads the document from storage: what
    // this update added in memory is not stored.
    if (hasPending(loaded.doc)) {
      dropPending(loaded.doc);
      this.parked(documentId, 'accept');
      throw new ParkedUpdateError(documentId);
    }
    if (!effective) return false;
    this.commits.add({ documentId, update: effective, author, store });
    return true;
  }

  /** See `CatchUp.applyStored`: a row another node stored, relayed. */
  applyStored(documentId: string, seq: number, update: Uint8Array, origin: unknown): boolean {
    return this.cluster.applyStored(documentId, seq, update, origin);
  }

  /** See `CatchUp.catchUp`: rows other nodes stored whose relay message was lost, read from the database. */
  catchUp(documentId: string, origin: unknown): Promise<number> {
    return this.cluster.catchUp(documentId, origin);
  }

  /** True while accepted updates of the document wait for their commit. */
  hasPending(documentId: string): boolean {
    return this.commits.hasPending(documentId);
  }

  /**
   * The group commit, now: stores every pending update in one transaction (consecutive updates of one author
   * merged into one row), then announces them. Should the transaction fail, it is logged and the documents
   * concerned are unloaded: their sockets resync and resend what was not stored.
   */
  flush(): Promise<void> {
    return this.commits.flush();
  }

  /** Resolves once every group commit started so far has ended (committed or failed). */
  settled(): Promise<void> {
    return this.commits.settled();
  }

  /** Folds the document's update log into a new snapshot (see `Compaction`); rejects, logged, on failure. */
  compact(documentId: string): Promise<void> {
    return this.compaction.run(documentId);
  }

  /**
   * Forgets the in-memory copy; the next `get` reloads from the database. What waits for its commit is
   * committed first: nothing accepted is dropped silently.
   */
  async unload(documentId: string): Promise<void> {
    if (this.hasPending(documentId)) await this.commits.flushQuietly();
    await this.settled();
    this.drop(documentId);
  }

  async unloadAll(): Promise<void> {
    await this.flush();
    await this.settled();
    for (const id of this.docs.ids()) this.drop(id);
  }

  /** Unloads everything (see `unloadAll`) and ends the compaction worker. */
  async close(): Promise<void> {
    try {
      await this.unloadAll();
    } finally {
      await this.compaction.close();
    }
  }

  /**
   * Unloads documents unused for `idleMs`, compacting first when their log grew since the snapshot.
   * `inUse` keeps documents that still have sockets.
   */
  async unloadIdle(idleMs: number, inUse: (documentId: string) => boolean = () => false): Promise<void> {
    const cutoff = Date.now() - idleMs;
    for (const [id, loaded] of this.docs.entries()) {
      if (loaded.usedAt > cutoff || inUse(id) || this.hasPending(id)) continue;
      if (loaded.sinceSnapshot > 0) await this.compact(id);
      if (this.docs.get(id) === loaded && !inUse(id) && !this.hasPending(id)) this.drop(id);
    }
  }

  /** Drops the in-memory copy at once (idle, or its commit failed or rolled back): sockets must resync. */
  private drop(documentId: string): void {
    const loaded = this.docs.remove(documentId);
    if (!loaded) return;
    for (const subscriber of [...loaded.subscribers]) subscriber.unloaded();
    loaded.subscribers.clear();
    this.emit('unload', documentId);
  }

  /**
   * A stored update, to the document's subscribers (its room), then to whoever listens to every document.
   * Returns what resolves once the subscribers' broadcasts are written to every socket (undefined when they
   * were written at once).
   */
  private announce(documentId: string, update: Uint8Array, origin: unknown, seq: number): Promise<void> | undefined {
    const loaded = this.docs.get(documentId);
    const relayed = origin !== SERVER_ORIGIN && origin !== COLLAB_ORIGIN;
    const writing: Promise<void>[] = [];
    for (const subscriber of [...(loaded?.subscribers ?? [])]) {
      subscriber.stored(update, relayed);
      const written = subscriber.written?.();
      if (written) writing.push(written);
    }
    this.emit('update', documentId, update, origin, seq);
    if (loaded && origin === COLLAB_ORIGIN) this.compaction.dueAfter(documentId, loaded.sinceSnapshot);
    return writing.length ? Promise.all(writing).then(() => undefined) : undefined;
  }

  private parked(documentId: string, where: string): void {
    this.log.error(`collab: Yjs held structs of ${documentId} pending (${where}); dropped, never integrated`);
    this.emit('parked', documentId, where);
  }
}
