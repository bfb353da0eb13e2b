import { createHash } from 'node:crypto';
import type { ExportFormat } from '../../shared/api/export.js';
import { HttpError } from '../http/errors.js';
import type { SigningKey } from '../ledger/signingKey.js';
import type { ExportSource } from './model.js';
import type { Report, ReportFormat } from './reportModel.js';
import type { RenderJob, RenderResult } from './renderWorker.js';
import { JobTimeoutError, WorkerPool } from '../threads/workerPool.js';
import { CHECKPOINT_ACTION } from '../ledger/checkpoints.js';

/** How the export queue is sized; the server takes these from its configuration. */
export interface ExportQueueOptions {
  /** Render workers (`EXPORT_WORKERS`). */
  workers: number;
  /** Exports one person may have under way at once, the next refused with 429 `export_limit` (`EXPORT_PER_USER`). */
  perUser: number;
  /** Exports under way on this node, everyone together, past which the next is refused with 503 `export_queue_full`. Default 100. */
  maxPending?: number;
  /** A render running longer than this is stopped (503 `export_timeout`), in ms. Default 2 minutes. */
  timeoutMs?: number;
}

/**
 * Every export is rendered on the worker pool, behind one queue: a PDF of a 2 MB declaration (9 s of work)
 * no longer holds the event loop. A person may have `perUser` exports under way; beyond that, or when the
 * node has `maxPending` under way, the request is refused at once, before anything is read. The queue is
 * fair: each person's renders wait in a lane of their own and lanes take turns, so a backlog does not hold
 * someone else's single export. The same file asked for at the same time is rendered once and shared (see
 * `render`): a room asking for the PDF together costs one render.
 */
export class ExportQueue {
  private readonly pool: WorkerPool<RenderJob, RenderResult>;
  private readonly perUser = new Map<string, number>();
  /** Renders under way or waiting, by the file they make (`fileOf`). */
  private readonly files = new Map<string, SameFile>();
  private pending = 0;
  /** Renders started (requests that joined one not counted), for tests and diagnostics. */
  renders = 0;

  constructor(private readonly options: ExportQueueOptions) {
    this.pool = new WorkerPool<RenderJob, RenderResult>({
      module: new URL(`./renderWorker${import.meta.url.endsWith('.ts') ? '.ts' : '.js'}`, import.meta.url),
      size: options.workers,
      timeoutMs: options.timeoutMs ?? 2 * 60_000,
      transferOf: (job) => ('source' in job ? [job.source.buffer as ArrayBuffer] : []),
    });
  }

  /**
   * A place in the queue for `user`, to be released when the export is answered. 429 `export_limit` when the
   * person already has `perUser` exports under way, 503 `export_queue_full` when the node has too many.
   */
  reserve(user: string): ExportTicket {
    const mine = this.perUser.get(user) ?? 0;
    if (mine >= this.options.perUser) {
      throw HttpError.of(
        'export_limit',
        `You have ${mine} export(s) under way; ask for the next when one is ready.`,
        undefined,
        { 'Retry-After': '5' },
      );
    }
    if (this.pending >= (this.options.maxPending ?? 100)) {
      throw HttpError.of(
        'export_queue_full',
        'The server is preparing many exports at the moment; try again in a few seconds.',
        undefined,
        { 'Retry-After': '10' },
      );
    }
    this.perUser.set(user, mine + 1);
    this.pending += 1;
    let released = false;
    return {
      render: (file, read) => this.render(user, file, read),
      renderReport: (format, report) => this.renderReport(user, format, report),
      release: () => {
        if (released) return;
        released = true;
        this.pending -= 1;
        const left = (this.perUser.get(user) ?? 1) - 1;
        if (left > 0) this.perUser.set(user, left);
        else this.perUser.delete(user);
      },
    };
  }

  /** Ends the workers. */
  close(): Promise<void> {
    return this.pool.close();
  }

  /** Nothing under way: no place held, no render waiting or running. */
  get idle(): boolean {
    return this.pending === 0 && this.files.size === 0 && this.pool.busy === 0 && this.pool.waiting === 0;
  }

  /**
   * Renders `file` in `user`'s lane from a reading `read` makes when its turn comes, or joins a render of the
   * same file not read yet. A file is rendered once at a time: the next render waits for the one under way,
   * gathering whoever asks meanwhile, and is read once, after every one of them asked (a 2 MB declaration's
   * reading holds the event loop and the database's writer for over ten milliseconds, which ten heads of
   * delegation asking together paid ten times). A reading the same as the last render's (`renderKey`: text,
   * clauses, votes, the document's ledger, signing key) is not rendered again but gets that render's file, at
   * once: a room asking together costs one render, or two when the text moved on while the first was made.
   */
  private render(user: string, file: FileAsked, read: () => Promise<Reading>): Promise<RenderResult> {
    const name = fileOf(file);
    const same = this.files.get(name) ?? {};
    this.files.set(name, same);
    if (same.waiting) {
      // The newest ask's reading is made, dated when it asked.
      same.waiting.read = read;
      return same.waiting.result;
    }
    const waiting = { read } as Waiting;
    same.waiting = waiting;
    const turn = async (): Promise<RenderResult> => {
      // Whoever asks from now on waits for a reading of their own.
      same.waiting = undefined;
      const { source, textVersion } = await waiting.read();
      const key = renderKey(file, source, textVersion);
      if (same.last?.key === key) return same.last.file;
      this.renders += 1;
      const made = await this.pool.run(
        () => {
          const { generatedAt, ...rest } = source;
          // Handed over as UTF-8 bytes: copying the string to the thread (a 2 MB declaration) took 25 ms of
          // the event loop, the bytes' transfer none.
          return {
            format: file.format,
            source: UTF8.encode(JSON.stringify(rest)),
            generatedAt,
            signingKey: file.signingKey,
          };
        },
        { lane: user },
      );
      same.last = { key, file: made };
      return made;
    };
    const before = same.tail;
    const result = (before ? before.then(turn, turn) : turn()).catch((error: unknown) => {
      if (error instanceof JobTimeoutError) throw HttpError.of('export_timeout');
      throw error;
    });
    waiting.result = result;
    same.tail = result;
    void result
      .finally(() => {
        // The last render of the file, nothing waiting to be compared with it: the file is let go.
        if (same.tail === result && !same.waiting && this.files.get(name) === same) this.files.delete(name);
      })
      .catch(NOTHING);
    return result;
  }

  /**
   * Prints a report (a meeting's record, the compilation table) in `user`'s lane. Reports are small and asked
   * for by one officer at a time, so each is rendered on its own; the queue's places and limits are the same.
   */
  private renderReport(user: string, reportFormat: ReportFormat, report: Report): Promise<RenderResult> {
    this.renders += 1;
    return this.pool
      .run(() => ({ report, reportFormat }), { lane: user })
      .catch((error: unknown) => {
        if (error instanceof JobTimeoutError) throw HttpError.of('export_timeout');
        throw error;
      });
  }
}

const UTF8 = new TextEncoder();

/** The file an export makes, known before anything is read: what `ExportTicket.render` is given. */
export interface FileAsked {
  format: ExportFormat;
  documentId: string;
  /** A published revision's id, or null for the live text. */
  revision: string | null;
  /** The text's language (`?lang=`), or null for the original. */
  language: string | null;
  /** A parallel PDF's second column, or null. */
  parallel: string | null;
  /** The key a submission package is signed with, and the integrity annex names. */
  signingKey: SigningKey;
}

/** What an export prints, read in one transaction: the source, and the version of the text it was read from. */
export interface Reading {
  source: ExportSource;
  /** The text's version (`presenters/versions.ts`), or the revision's. */
  textVersion: string;
}

/** A render not read yet, and whoever joined it; `read` is the newest ask's. */
interface Waiting {
  read: () => Promise<Reading>;
  result: Promise<RenderResult>;
}

/** One file's renders: the next, still gathering asks; the latest; the last made, to compare the next reading with. */
interface SameFile {
  waiting?: Waiting;
  /** The latest render's outcome, which the next one waits for. */
  tail?: Promise<RenderResult>;
  /** The last file made, and its reading's key. */
  last?: { key: string; file: RenderResult };
}

const NOTHING = (): void => undefined;

/** The file an export makes, whenever it is read: the document, live or a revision, the format, the key. */
function fileOf({ format, documentId, revision, signingKey, language, parallel }: FileAsked): string {
  return JSON.stringify([documentId, revision, format, signingKey.fingerprint, language, parallel]);
}

/** The ledger's entries about the ledger and its copies, not the document: they leave a file as it was. */
const BOOKKEEPING: ReadonlySet<string> = new Set(['document.export', CHECKPOINT_ACTION]);

/**
 * What makes two readings of a file the same file, cheaply (the source of a 2 MB declaration takes tens of
 * milliseconds to serialise): the format, the version of the text (`textVersion`: see `presenters/versions.ts`,
 * or the revision), the clauses' kinds and statuses, the document's details (its language among them), the
 * document's ledger (votes, ballots and endorsements are all ledger entries: its length and last hash) and the
 * signing key. Not the exports recorded since with their checkpoints, nor the ledger's head elsewhere: a file is
 * dated by its reading and names the head it was read at, and the record of the file handed to the first of a
 * room asking together does not make the others' file another.
 */
function renderKey({ format, signingKey }: FileAsked, source: ExportSource, textVersion: string): string {
  const substance = source.ledger.filter((row) => !BOOKKEEPING.has(row.action));
  const identity = [
    format,
    textVersion,
    source.document,
    source.revision,
    source.delegations.map((d) => d.code),
    source.clauses.map((c) => [c.id, c.kind, c.status]),
    source.votes.length,
    source.endorsements.length,
    substance.length,
    substance.at(-1)?.hash ?? null,
    signingKey.fingerprint,
    // The languages: the text's, the parallel column's, the package's versions (their text is `textVersion`'s).
    source.language ?? null,
    source.parallel?.code ?? null,
    (source.versions ?? []).map((v) => v.code),
  ];
  return createHash('sha256').update(JSON.stringify(identity)).digest('base64url');
}

/** A reserved place in the export queue. */
export interface ExportTicket {
  /**
   * Renders `file` on a worker from what `read` reads when its turn comes, once the file's render under way is
   * done (one transaction: text, votes and ledger agree), or joins a render of the same file not read yet.
   */
  render(file: FileAsked, read: () => Promise<Reading>): Promise<RenderResult>;
  /** Prints a report (`reportModel.ts`) on a worker. */
  renderReport(format: ReportFormat, report: Report): Promise<RenderResult>;
  /** Gives the place back; call once the export is answered or failed. */
  release(): void;
}

const queues = new Map<string, ExportQueue>();

/**
 * The process's export queue for these options: workers are a resource of the machine, shared by every
 * server in the process (the test suite starts many), so one queue serves each distinct setting.
 */
export function exportQueue(options: ExportQueueOptions): ExportQueue {
  const key = JSON.stringify([options.workers, options.perUser, options.maxPending ?? null, options.timeoutMs ?? null]);
  let queue = queues.get(key);
  if (!queue) {
    queue = new ExportQueue(options);
    queues.set(key, queue);
  }
  return queue;
}

/**
 * Ends every queue's workers and forgets the queues, so the next `exportQueue` starts afresh: for a process
 * that runs one test file after another, where one file's queue (its counts, its workers) must not serve the
 * next.
 */
export async function closeExportQueues(): Promise<void> {
  const closing = [...queues.values()];
  queues.clear();
  await Promise.all(closing.map((queue) => queue.close()));
}

/**
 * Ends and forgets the queues with anything under way (a place held, a render waiting or running), as
 * `closeExportQueues` does, and keeps the idle ones with their workers: for test files run one after another
 * in a process, where a worker's start (the TypeScript loader, pdfkit, the fonts) costs more than most files'
 * renders, and an idle queue carries nothing to the next file but its warm workers and its running count of
 * renders (which tests read as a difference).
 */
export async function closeBusyExportQueues(): Promise<void> {
  const closing = [...queues].filter(([, queue]) => !queue.idle);
  for (const [key] of closing) queues.delete(key);
  await Promise.all(closing.map(([, queue]) => queue.close()));
}
