import type { AppContext } from '../context.js';
import type { Broadcaster } from '../realtime/broadcast.js';
import { concludeSilence } from '../commands/silence.js';
import { PassLoop } from '../passLoop.js';

/** Longest a timer is set for: setTimeout takes at most 2^31-1 ms, and a node re-reads the next deadline this often anyway. */
const MAX_WAIT_MS = 60_000;
/** Pause before trying again a decision that failed (storage lost mid-way, say). */
const RETRY_MS = 5_000;

/**
 * Takes the decision of each silence procedure at its deadline. The deadline is stored, never held only in
 * memory: every node arms one timer for the earliest running deadline, at start (so a deadline that passed
 * while every node was down is taken at once) and whenever a procedure changes, here or on another node
 * (`rearm`), and re-reads it at least every minute should a node's message be lost. When it fires, each due
 * procedure is concluded by `concludeSilence`, whose conditional update lets exactly one node take it.
 */
export class SilenceClock {
  private readonly loop = new PassLoop(() => this.pass());

  constructor(private readonly ctx: AppContext) {}

  /** Reads the next deadline and sets the timer for it; concludes at once what is already due. */
  rearm(): void {
    this.loop.request();
  }

  /** Stops the timer; a pass under way finishes (it is one transaction). */
  stop(): Promise<void> {
    return this.loop.stop();
  }

  /** Concludes what is due; returns the wait until the next deadline. */
  private async pass(): Promise<number> {
    try {
      let failed = false;
      for (const { id } of await this.ctx.store.silences.due(new Date().toISOString())) {
        try {
          const outcome = await concludeSilence(this.ctx, id);
          if (outcome) this.ctx.log.info(`silence ${id}: ${outcome} at its deadline`);
        } catch (error) {
          failed = true;
          this.ctx.log.error(`silence ${id}: taking the decision at its deadline failed`, error);
        }
      }
      const next = await this.ctx.store.silences.nextDeadline();
      const due = next === undefined ? MAX_WAIT_MS : Date.parse(next) - Date.now();
      // A decision that failed is tried again after a pause, not in a loop.
      return Math.min(Math.max(due, failed ? RETRY_MS : 0), MAX_WAIT_MS);
    } catch (error) {
      // Storage unreachable: try again in a while rather than never.
      this.ctx.log.error('silence: reading the next deadline failed', error);
      return MAX_WAIT_MS;
    }
  }
}

/**
 * An outlet of the events after commit that re-arms `clock` whenever a procedure started or ended on this node,
 * and tells the other nodes (`relay`, when there are several) to re-arm theirs.
 */
export function followSilences(clock: SilenceClock, relay?: { publishSilence(): void }): Broadcaster {
  return {
    emit(_to, event) {
      if (event !== 'silence:changed') return;
      clock.rearm();
      relay?.publishSilence();
    },
  };
}
