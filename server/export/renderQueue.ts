import { createHash } from 'node:crypto';
import type { ExportFormat } from '../../shared/api/export.js';
import { HttpError } from '../http/errors.js';
import type { SigningKey } from '../ledger/signingKey.js';
import type { ExportSource } from './model.js';
import type { Report, ReportFormat } from './reportModel.js';
import type { RenderJob, RenderResult } from './renderWorker.js';
import { JobTimeoutError, WorkerPool } from '../threads/workerPool.js';

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
      render: (format, source, textVersion, signingKey) =>
        this.render(user, { format, source, textVersion, signingKey }),
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
   * Renders `asked` in `user`'s lane, or joins a render of the same file. One under way is joined only when
   * it was read from the same state (`renderKey`: text, clauses, votes, ledger head, signing key). One still
   * waiting for a worker is joined whatever it was read from, and takes the newer of the two readings (the
   * later ledger head): everyone who joins gets a file read after they asked, and ten heads of delegation
   * asking while amendments are recorded cost one render, not ten.
   */
  private render(user: string, asked: Asked): Promise<RenderResult> {
    const file = fileOf(asked);
    const same = this.files.get(file) ?? {};
    this.files.set(file, same);
    const key = renderKey(asked);
    if (same.running?.key === key) return same.running.result;
    if (same.waiting) {
      if (headSeq(asked) >= headSeq(same.waiting.asked)) Object.assign(same.waiting, { asked, key });
      return same.waiting.result;
    }
    this.renders += 1;
    const shared = { asked, key } as Shared;
    same.waiting = shared;
    shared.result = this.pool
      .run(
        () => {
          // A worker takes it: from now on only the same reading joins.
          same.waiting = undefined;
          same.running = shared;
          const { generatedAt, ...rest } = shared.asked.source;
          const { format, signingKey } = shared.asked;
          // Handed over as UTF-8 bytes: copying the string to the thread (a 2 MB declaration) took 25 ms of
          // the event loop, the bytes' transfer none.
          return { format, source: UTF8.encode(JSON.stringify(rest)), generatedAt, signingKey };
        },
        { lane: user },
      )
      .catch((error: unknown) => {
        if (error instanceof JobTimeoutError) throw HttpError.of('export_timeout');
        throw error;
      })
      .finally(() => {
        if (same.running === shared) same.running = undefined;
        if (same.waiting === shared) same.waiting = undefined;
        if (!same.running && !same.waiting && this.files.get(file) === same) this.files.delete(file);
      });
    return shared.result;
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

/** One export asked for: what `ExportTicket.render` is given. */
interface Asked {
  format: ExportFormat;
  source: ExportSource;
  textVersion: string;
  signingKey: SigningKey;
}

/** A render and whoever joined it; `asked` is the reading it renders (the newest, while it waits). */
interface Shared {
  asked: Asked;
  key: string;
  result: Promise<RenderResult>;
}

/** The render of one file under way on a worker, and the next one waiting. */
interface SameFile {
  running?: Shared;
  waiting?: Shared;
}

/** The file an export makes, whenever it is read: the document, live or a revision, the format, the key. */
function fileOf({ format, source, signingKey }: Asked): string {
  return JSON.stringify([
    source.document.id,
    source.revision?.id ?? null,
    format,
    signingKey.fingerprint,
    source.language?.code ?? null,
    source.parallel?.code ?? null,
  ]);
}

/** The ledger head a source was read at: a later reading has a later (or the same) head. */
function headSeq({ source }: Asked): number {
  return source.signing?.head?.seq ?? 0;
}

/**
 * What makes two exports the same file, cheaply (the source of a 2 MB declaration takes tens of milliseconds to
 * serialise): the format, the version of the text (`textVersion`: see `presenters/versions.ts`, or the revision), the
 * clauses' kinds and statuses, the document's details (its language among them), the ledger's length and last
 * hash (votes, ballots and endorsements are all ledger entries), and the signing key and the ledger head the
 * file's integrity annex names.
 */
function renderKey({ format, source, textVersion, signingKey }: Asked): string {
  const identity = [
    format,
    textVersion,
    source.document,
    source.revision,
    source.delegations.map((d) => d.code),
    source.clauses.map((c) => [c.id, c.kind, c.status]),
    source.votes.length,
    source.endorsements.length,
    source.ledger.length,
    source.ledger.at(-1)?.hash ?? null,
    signingKey.fingerprint,
    source.signing ?? null,
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
   * Renders `format` of `source` on a worker, or joins the same render under way; `textVersion` names the
   * text the source was read from (the live text's version, `presenters/versions.ts`, or the revision);
   * `signingKey` signs a submission package.
   */
  render(
    format: ExportFormat,
    source: ExportSource,
    textVersion: string,
    signingKey: SigningKey,
  ): Promise<RenderResult>;
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
