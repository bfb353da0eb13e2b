import type { Logger } from '../context.js';

/** What the document registry tells, and how it is set up (`registry.ts`). */

export interface RegistryEvents {
  /**
   * An update was stored and applied; in a cluster the relay passes it to the other nodes (the document's
   * room hears of it through its subscription). `seq` is the stored row's number (the last one, for a merged
   * batch).
   */
  update: [documentId: string, update: Uint8Array, origin: unknown, seq: number];
  /** The in-memory copy was dropped (idle, or memory ran ahead of a failed commit): sockets must resync. */
  unload: [documentId: string];
  /**
   * Yjs held structs or deletions of the document waiting for a gap to be filled, and they were dropped
   * instead (`where`: `load`, `accept`, `catch-up`). Never expected: the collab policy refuses any update
   * that would leave something waiting. The registry logs it as an error.
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
   * The group commit's batch window, in ms: the longest an accepted update waits for its commit while
   * updates keep coming. Each commit is one fsync and one broadcast to every socket of the document, so a
   * crowded document gathers several updates per commit: the first update of a batch waits this long, and
   * what arrives meanwhile joins it. After a quiet spell (no commit for two windows) an update is committed
   * in the next event-loop turn. A function is given the document's fan-out (the sockets its room writes a
   * broadcast to); a number is the window whatever the fan-out. Default `fanOutWindow()`: 0.025 ms per
   * socket, at most 20 ms (`BATCH_WINDOW`); a document no socket reads is committed every turn.
   */
  batchWindow?: number | ((fanOut: number) => number);
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
  /**
   * Where failed group commits, failed compactions and parked structs are reported, each with the
   * document's id. Default: the console.
   */
  log?: Logger;
}
