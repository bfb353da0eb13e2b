/**
 * Folds a document's stored updates into one state update on a worker thread. Compaction replays the whole
 * log of a long-edited declaration (thousands of updates: a tenth of a second and more); on the main thread
 * that would hold every socket's keystrokes for as long.
 */
import { createRequire } from 'node:module';
import { Worker } from 'node:worker_threads';
import { backgroundNice } from '../threads/threadPriority.js';

/**
 * The worker's source: CommonJS, loading the same Yjs package by path, so that it runs as it is under tsx,
 * the test runner or plain Node, with no build step of its own.
 */
const SOURCE = `
const { parentPort, workerData } = require('node:worker_threads');
const Y = require(workerData.yjs);
// Folding yields to the event loop that carries the keystrokes: on Linux the thread lowers its own priority
// to the background's (nice 19 unless the operator says otherwise), by its thread id (as the export workers
// do, server/threads/threadPriority.ts).
try {
  const tid = Number(require('node:fs').readlinkSync('/proc/thread-self').split('/').pop());
  if (process.platform === 'linux' && tid > 0 && workerData.nice > 0) require('node:os').setPriority(tid, workerData.nice);
} catch {}
parentPort.on('message', ({ id, updates }) => {
  try {
    const doc = new Y.Doc({ gc: true });
    doc.transact(() => {
      for (const update of updates) {
        Y.applyUpdate(doc, update);
        // As on loading (loadedDocs.ts): what Yjs would park is dropped, never integrated by a later row, and a
        // snapshot (which would carry it) never holds it.
        doc.store.pendingStructs = null;
        doc.store.pendingDs = null;
      }
    });
    const state = Y.encodeStateAsUpdate(doc);
    doc.destroy();
    parentPort.postMessage({ id, state }, [state.buffer]);
  } catch (error) {
    parentPort.postMessage({ id, error: String((error && error.message) || error) });
  }
});
`;

type Reply = { id: number; state: Uint8Array; error?: undefined } | { id: number; error: string };

export class Folder {
  private worker: Worker | undefined;
  private nextId = 1;
  private readonly waiting = new Map<
    number,
    { resolve: (state: Uint8Array) => void; reject: (error: Error) => void }
  >();

  /** The state that applying `updates` in order to an empty document gives, as one update. */
  fold(updates: Uint8Array[]): Promise<Uint8Array> {
    const worker = this.start();
    const id = this.nextId++;
    // Held while a fold is under way, so that whoever awaits it is not left behind by an exiting process.
    worker.ref();
    return new Promise((resolve, reject) => {
      this.waiting.set(id, { resolve, reject });
      worker.postMessage({ id, updates });
    });
  }

  /** Ends the worker; folds under way are refused. */
  async close(): Promise<void> {
    const worker = this.worker;
    this.worker = undefined;
    if (worker) await worker.terminate();
  }

  private start(): Worker {
    if (this.worker) return this.worker;
    const yjs = createRequire(import.meta.url).resolve('yjs');
    const worker = new Worker(SOURCE, { eval: true, workerData: { yjs, nice: backgroundNice() } });
    worker.on('message', (reply: Reply) => {
      const waiter = this.waiting.get(reply.id);
      this.waiting.delete(reply.id);
      // Idle between compactions, it must not keep the process alive.
      if (this.waiting.size === 0) worker.unref();
      if (reply.error === undefined) waiter?.resolve(reply.state);
      else waiter?.reject(new Error(`Folding updates failed: ${reply.error}`));
    });
    const fail = (error: Error): void => {
      if (this.worker === worker) this.worker = undefined;
      for (const waiter of this.waiting.values()) waiter.reject(error);
      this.waiting.clear();
    };
    worker.on('error', fail);
    worker.on('exit', (code) => fail(new Error(`The fold worker stopped (exit code ${code})`)));
    this.worker = worker;
    return worker;
  }
}
