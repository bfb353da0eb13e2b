/** What an idle slice offers: the time left before the browser has other work (`IdleDeadline`). */
export interface IdleSlice {
  timeRemaining(): number;
}

/** Runs `fn` in the browser's next idle slice; returns its cancel. */
export type WhenIdle = (fn: (slice: IdleSlice) => void) => () => void;

/**
 * The browser's idle slices, or, where it has none to offer (Safari), a task of its own with a short budget.
 * A slice comes within a second even on a page that is never idle, so the clauses do not wait forever.
 */
export const browserIdle: WhenIdle = (fn) => {
  if (typeof requestIdleCallback === 'function') {
    const handle = requestIdleCallback(fn, { timeout: 1000 });
    return () => cancelIdleCallback(handle);
  }
  const timer = setTimeout(() => {
    const end = performance.now() + 8;
    fn({ timeRemaining: () => Math.max(0, end - performance.now()) });
  }, 0);
  return () => clearTimeout(timer);
};

/**
 * Does the work of a list of items in the page's idle slices, as many per slice as its time allows and at
 * least one, so that a keystroke or a click never waits for more than one item. An item taken ahead of its
 * turn (`take`) is skipped when its turn comes. Used to make clause editors in the background once the text
 * shows, the clause the reader reaches for being made at once instead.
 */
export class MountQueue {
  private readonly waiting: string[] = [];
  private readonly done = new Set<string>();
  private cancel: (() => void) | undefined;

  /**
   * `ready` says whether an item may be done in a slice now; one that may not waits for a later slice (words
   * the reader has selected in a clause's text, which its editor would replace). `take` does it regardless.
   */
  constructor(
    private readonly mount: (id: string) => void,
    private readonly whenIdle: WhenIdle = browserIdle,
    private readonly ready: (id: string) => boolean = () => true,
  ) {}

  /** Queues `ids` in this order after those already waiting, and asks for a slice. */
  add(ids: Iterable<string>): void {
    for (const id of ids) if (!this.done.has(id) && !this.waiting.includes(id)) this.waiting.push(id);
    this.ask();
  }

  /** Does `id` now if it has not been done; false when it had been. */
  take(id: string): boolean {
    if (this.done.has(id)) return false;
    this.done.add(id);
    const at = this.waiting.indexOf(id);
    if (at >= 0) this.waiting.splice(at, 1);
    this.mount(id);
    return true;
  }

  /** Whether `id` has been done (in a slice or taken). */
  has(id: string): boolean {
    return this.done.has(id);
  }

  /** Items still waiting for a slice. */
  get pending(): number {
    return this.waiting.length;
  }

  /** Forgets everything done and waiting (a fresh copy: every item is to be done again). */
  clear(): void {
    this.cancel?.();
    this.cancel = undefined;
    this.waiting.length = 0;
    this.done.clear();
  }

  private ask(): void {
    if (this.cancel || this.waiting.length === 0) return;
    this.cancel = this.whenIdle((slice) => {
      this.cancel = undefined;
      const later: string[] = [];
      do {
        const id = this.waiting.shift();
        if (id === undefined) break;
        if (this.ready(id)) this.take(id);
        else later.push(id);
      } while (this.waiting.length > 0 && slice.timeRemaining() > 0);
      this.waiting.push(...later);
      this.ask();
    });
  }
}
