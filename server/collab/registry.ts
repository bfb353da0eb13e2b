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
}

export interface RegistryEvents {
  /** An update was stored and applied; collab broadcasts it to connected clients. */
  update: [documentId: string, update: Uint8Array, origin: unknown];
}

/**
 * The in-memory Y.Docs, one per declaration, loaded on demand from SQLite (snapshot, then the updates after
 * it). Every change goes through here so that it is stored before anyone sees it.
 */
export class DocRegistry extends EventEmitter<RegistryEvents> {
  private readonly docs = new Map<string, LoadedDoc>();

  constructor(private readonly store: Store) {
    super();
  }

  /** The document's Y.Doc, loading it if needed; undefined when no such document exists. */
  get(documentId: string): Y.Doc | undefined {
    const loaded = this.docs.get(documentId);
    if (loaded) return loaded.doc;
    if (!this.store.documents.get(documentId)) return undefined;
    return this.load(documentId).doc;
  }

  isLoaded(documentId: string): boolean {
    return this.docs.has(documentId);
  }

  private load(documentId: string): LoadedDoc {
    const doc = new Y.Doc({ gc: true });
    let seq = 0;
    const snapshot = this.store.docUpdates.snapshot(documentId);
    doc.transact(() => {
      if (snapshot) {
        Y.applyUpdate(doc, snapshot.data);
        seq = snapshot.through_seq;
      }
      for (const row of this.store.docUpdates.since(documentId, seq)) {
        Y.applyUpdate(doc, row.data);
        seq = row.seq;
      }
    }, SERVER_ORIGIN);
    const loaded = { doc, seq };
    this.docs.set(documentId, loaded);
    return loaded;
  }

  /**
   * Makes a change on the server: runs `fn` in one Y transaction, stores the resulting update with its
   * author (in the caller's SQLite transaction, if any), then announces it. Returns the update, or null when
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
    try {
      this.record(documentId, update, author);
    } catch (error) {
      this.unload(documentId);
      throw error;
    }
    this.emit('update', documentId, update, SERVER_ORIGIN);
    return update;
  }

  /** Stores an update already applied to the in-memory doc; returns its sequence number. */
  record(documentId: string, update: Uint8Array, author: UpdateAuthor): number {
    const seq = this.store.docUpdates.append(documentId, update, author);
    const loaded = this.docs.get(documentId);
    if (loaded) loaded.seq = seq;
    return seq;
  }

  /**
   * Folds the update log into a snapshot so loading stays fast. The log itself is kept: it carries who wrote
   * what.
   */
  compact(documentId: string): void {
    const loaded = this.docs.get(documentId);
    const doc = loaded?.doc ?? this.get(documentId);
    if (!doc) return;
    const seq = this.docs.get(documentId)!.seq;
    this.store.docUpdates.putSnapshot(documentId, Y.encodeStateAsUpdate(doc), seq);
  }

  /** Forgets the in-memory copy; the next `get` reloads from the database. */
  unload(documentId: string): void {
    const loaded = this.docs.get(documentId);
    if (!loaded) return;
    this.docs.delete(documentId);
    loaded.doc.destroy();
  }

  unloadAll(): void {
    for (const id of [...this.docs.keys()]) this.unload(id);
  }
}
