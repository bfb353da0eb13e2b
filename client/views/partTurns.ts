import { useLayoutEffect, useState } from 'preact/hooks';
import type { WhenIdle } from '../editor/mountQueue.js';

/**
 * On a document's first drawing, what the features draw beside and under each clause (its counters, the drag
 * handle, "Locked", the badge of the clause under discussion; its tracked changes, brackets, length counter and
 * unsaved text) and the classes they give it (`is-editable`, `in-panel`…) wait for the page's idle slices, a
 * few clauses per slice from the top, while the text, numbers and statuses are drawn at once. Beside the text
 * alone, those parts were about 320 of the 710 elements of the demo declaration's first drawing, and under it
 * and in its classes some 160 components were drawn again as the editing state and the lists arrived: a large
 * share of the first drawing's work and of the first style and layout, all before the text showed and the live
 * copy could be applied. Drawn in idle slices they come a moment later (most of them wait for the lists and
 * the editing state anyway), and a sync, a click or a key waits for no more than one slice.
 *
 * Parts drawn in a slice are drawn by Preact just after it (a state change renders in a microtask), so a
 * slice takes a fixed number of clauses rather than as many as its time allows.
 */
export class PartTurns {
  private readonly waiting: (() => void)[] = [];
  private cancel: (() => void) | undefined;
  private stopped = false;

  constructor(
    private readonly whenIdle: WhenIdle,
    private readonly perSlice = 4,
  ) {}

  /** Queues `show` after those waiting and asks for a slice; returns its withdrawal (its clause left the page). */
  wait(show: () => void): () => void {
    if (this.stopped) {
      show();
      return () => undefined;
    }
    this.waiting.push(show);
    this.ask();
    return () => {
      const at = this.waiting.indexOf(show);
      if (at >= 0) this.waiting.splice(at, 1);
    };
  }

  /** Clauses still waiting for a slice. */
  get pending(): number {
    return this.waiting.length;
  }

  /** Stops asking for slices (the drawing is gone). */
  stop(): void {
    this.stopped = true;
    this.cancel?.();
    this.cancel = undefined;
    this.waiting.length = 0;
  }

  private ask(): void {
    if (this.cancel || this.waiting.length === 0) return;
    this.cancel = this.whenIdle(() => {
      this.cancel = undefined;
      for (const show of this.waiting.splice(0, this.perSlice)) show();
      this.ask();
    });
  }
}

/** Whether a clause's parts are drawn yet: at once without `turns`, else from its turn on. */
export function usePartsTurn(turns: PartTurns | null | undefined): boolean {
  const [shown, setShown] = useState(!turns);
  useLayoutEffect(() => (shown || !turns ? undefined : turns.wait(() => setShown(true))), []);
  return shown;
}
