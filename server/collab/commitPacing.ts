export interface CommitPacingOptions {
  /**
   * Longest wait of an accepted update for its commit, per connected socket, in ms. Default 0.03: a
   * document's broadcasts cost at most about 33,000 socket writes a second (each is one write per socket).
   */
  delayPerConnectionMs: number;
  /** Cap on that wait, in ms, whatever the crowd. Default 36 (reached at 1,200 sockets). */
  maxDelayMs: number;
}

export const DEFAULT_COMMIT_PACING: CommitPacingOptions = { delayPerConnectionMs: 0.03, maxDelayMs: 36 };

/**
 * When the group commit of a document runs, as the registry's `flushSpacing`. Each commit is broadcast
 * with one socket write per connection, so a crowded document should commit rarely; but every accepted
 * update must reach everyone within a bound. The pacing keeps that bound and otherwise waits as long as
 * it can: an update arriving after a quiet spell (no commit for the bound) is committed in the next turn;
 * one arriving sooner opens a batch that is committed the bound after it arrived, gathering everything
 * that comes meanwhile. With keystrokes arriving every g ms on average this commits every bound + g ms
 * rather than every bound, at the same worst wait (spacing commits a fixed time apart does the latter).
 */
export class CommitPacing {
  /** When each document's last commit was announced (performance.now()). */
  private readonly lastCommit = new Map<string, number>();

  constructor(
    private readonly options: CommitPacingOptions,
    /** Sockets connected to a document now. */
    private readonly connections: (documentId: string) => number,
  ) {}

  /** The longest wait for a commit of this document, in ms. */
  delay(documentId: string): number {
    return Math.min(this.options.maxDelayMs, this.connections(documentId) * this.options.delayPerConnectionMs);
  }

  /** A commit of the document was announced now (call before broadcasting it). */
  committed(documentId: string, now = performance.now()): void {
    this.lastCommit.set(documentId, now);
  }

  /** The document has no room any more. */
  forget(documentId: string): void {
    this.lastCommit.delete(documentId);
  }

  /**
   * The registry's `flushSpacing` for the first update after a commit: the registry waits until its last
   * commit began plus this, so `since + delay` makes it wait `delay` from now. Its commit begins a
   * transaction (about a millisecond) before the announcement that `committed` records, so the wait is
   * short of `delay` by that much, never over it.
   */
  spacing(documentId: string, now = performance.now()): number {
    const last = this.lastCommit.get(documentId);
    if (last === undefined) return 0;
    const since = now - last;
    const delay = this.delay(documentId);
    return since >= delay ? 0 : since + delay;
  }
}
