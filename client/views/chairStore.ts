import { eventsWhileReading } from '../api/liveLists.js';
import { loadVotingData, type VotingData } from './votingCommon.js';

/** The console's change of what it knows, applied now and again to a read that was on its way meanwhile. */
export type Change = (data: VotingData) => VotingData;

export interface ConsoleStoreOptions {
  /** Draws the console from what it knows now. */
  render(): void;
  /** A read of everything failed. */
  failed(error: unknown): void;
}

/**
 * What the chair's console knows about its document, and the one way it changes: a `Change` applied now and
 * recorded, so that a read of everything already on its way (which may have left before the change) gets it
 * applied too. Reads asked for while one is under way are folded into one more.
 */
export class ConsoleStore {
  alive = true;
  private readonly reading = eventsWhileReading<Change>();
  private refreshing: Promise<void> | null = null;
  private again = false;

  constructor(
    private readonly documentId: string,
    public data: VotingData,
    private readonly o: ConsoleStoreOptions,
  ) {}

  /** Applies a change and draws the console. */
  change(fn: Change): void {
    this.quietly(fn);
    this.o.render();
  }

  /** Applies a change without drawing (the caller draws what it touched). */
  quietly(fn: Change): void {
    this.data = fn(this.data);
    this.reading.record(fn);
  }

  /** Reads everything again (a stage, a changed text). */
  refresh(): Promise<void> {
    if (this.refreshing) {
      this.again = true;
      return this.refreshing;
    }
    this.refreshing = this.readAll();
    return this.refreshing;
  }

  private async readAll(): Promise<void> {
    try {
      do {
        this.again = false;
        this.data = await this.reading.read(
          () => loadVotingData(this.documentId, { amendments: true }),
          (read, fn) => fn(read),
        );
      } while (this.again && this.alive);
      this.o.render();
    } catch (error) {
      if (this.alive) this.o.failed(error);
    } finally {
      this.refreshing = null;
    }
  }
}
