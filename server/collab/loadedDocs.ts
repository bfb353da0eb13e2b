import * as Y from 'yjs';
import type { Store } from '../db/store.js';
import { ClauseActivity } from './clauseActivity.js';
import { dropPending, hasPending } from './parking.js';

/** Origin given to Y transactions made by the server itself (seed, accepted amendments). */
export const SERVER_ORIGIN = Symbol('accord-server');

/**
 * What hears of one loaded document's stored updates: its collab room. Subscribed through
 * `DocRegistry.subscribe`, to one in-memory copy; the subscription ends when that copy is dropped.
 */
export interface DocSubscriber {
  /** Sockets each broadcast of the document is written to: the group commit's batch window grows with it. */
  readonly fanOut: number;
  /**
   * An update of the document is stored. `relayed`: another node stored it (relayed, or found by a
   * catch-up); else this node committed it (a group commit, or a change made on the server).
   */
  stored(update: Uint8Array, relayed: boolean): void;
  /** The in-memory copy was dropped (idle, or its memory ran ahead of a failed commit): let go of it. */
  unloaded(): void;
  /** Resolves once what it broadcast so far is written to every socket; undefined when nothing is left. */
  written?(): Promise<void> | undefined;
}

/** One document in memory, with what the registry knows of how far it reaches into storage. */
export class LoadedDoc {
  /** Stored updates after `seq` known to be folded in too (this node's own, and those other nodes relayed). */
  readonly applied = new Set<number>();
  /** When the document was last read or written (ms since epoch), for idle unloading. */
  usedAt = Date.now();
  /** When people last changed each clause (see `DocRegistry.recentlyEdited`). */
  readonly activity = new ClauseActivity();
  readonly subscribers = new Set<DocSubscriber>();

  constructor(
    readonly doc: Y.Doc,
    /** Every stored update up to this sequence number is folded into `doc`. */
    public seq: number,
    /** Stored updates not yet folded into the snapshot. */
    public sinceSnapshot: number,
  ) {
    doc.on('afterTransaction', (transaction) => {
      if (transaction.origin !== SERVER_ORIGIN) this.activity.note(transaction);
    });
  }

  /** True when the stored row `seq` is already folded in. */
  holds(seq: number): boolean {
    return seq <= this.seq || this.applied.has(seq);
  }

  /**
   * This node stored row `seq` of the document (already applied in memory). Alone on its database, this node
   * writes every row it could miss: the watermark simply follows. `shared`: other nodes write too, so the
   * row is remembered until a catch-up has checked there is no gap below it.
   */
  noteStored(seq: number, shared: boolean): void {
    if (shared) this.applied.add(seq);
    else this.seq = seq;
    this.sinceSnapshot += 1;
  }

  /** Every stored row up to `top` is in memory now: forget the individual numbers below it. */
  advanceTo(top: number): void {
    if (top <= this.seq) return;
    this.seq = top;
    for (const seq of this.applied) if (seq <= top) this.applied.delete(seq);
  }

  /** Applies an update and returns what Yjs integrated from it (null when it added nothing). */
  apply(update: Uint8Array, origin: unknown): Uint8Array | null {
    let effective: Uint8Array | null = null;
    const capture = (u: Uint8Array): void => {
      effective = effective ? Y.mergeUpdates([effective, u]) : u;
    };
    this.doc.on('update', capture);
    try {
      Y.applyUpdate(this.doc, update, origin);
    } finally {
      this.doc.off('update', capture);
    }
    return effective;
  }

  /** Sockets all subscribers broadcast to. */
  fanOut(): number {
    let n = 0;
    for (const subscriber of this.subscribers) n += subscriber.fanOut;
    return n;
  }
}

export interface LoadHooks {
  /** Called before a document is read from the database (a cluster relay subscribes to it first). */
  beforeLoad?: (documentId: string) => Promise<void>;
  /** Called when a document leaves memory (the relay unsubscribes). */
  afterUnload?: (documentId: string) => void;
  /** Yjs held something of a stored row pending, and it was dropped (see `RegistryEvents.parked`). */
  parked(documentId: string): void;
}

/**
 * The documents in memory, each read from storage (snapshot, then the updates after it) when first asked
 * for, once however many callers ask at the same time.
 */
export class LoadedDocs {
  private readonly docs = new Map<string, LoadedDoc>();
  private readonly loading = new Map<string, Promise<LoadedDoc | undefined>>();

  constructor(
    private readonly store: Store,
    private readonly hooks: LoadHooks,
  ) {}

  get(documentId: string): LoadedDoc | undefined {
    return this.docs.get(documentId);
  }

  ids(): string[] {
    return [...this.docs.keys()];
  }

  entries(): [string, LoadedDoc][] {
    return [...this.docs];
  }

  /** The document, from memory or read from storage; undefined when no such document exists. */
  load(documentId: string): Promise<LoadedDoc | undefined> {
    const loaded = this.docs.get(documentId);
    if (loaded) return Promise.resolve(loaded);
    let loading = this.loading.get(documentId);
    if (!loading) {
      loading = this.read(documentId).finally(() => this.loading.delete(documentId));
      this.loading.set(documentId, loading);
    }
    return loading;
  }

  /**
   * Forgets the in-memory copy at once and destroys it; returns it (its subscribers still to be told), or
   * undefined when it was not loaded.
   */
  remove(documentId: string): LoadedDoc | undefined {
    const loaded = this.docs.get(documentId);
    if (!loaded) return undefined;
    this.docs.delete(documentId);
    loaded.doc.destroy();
    this.hooks.afterUnload?.(documentId);
    return loaded;
  }

  private async read(documentId: string): Promise<LoadedDoc | undefined> {
    if (!(await this.store.documents.get(documentId))) return undefined;
    await this.hooks.beforeLoad?.(documentId);
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
    if (parked) this.hooks.parked(documentId);
    // The server writes under its own client id: never one that already wrote to this document.
    while (doc.store.clients.has(doc.clientID)) doc.clientID = Math.floor(Math.random() * 0xffffffff);
    const loaded = new LoadedDoc(doc, seq, rows.length);
    this.docs.set(documentId, loaded);
    return loaded;
  }
}
