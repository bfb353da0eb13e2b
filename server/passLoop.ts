/**
 * Background work done in passes, one at a time: the silence clock's deadlines, the mail outbox. Asking for a
 * pass while one runs gives exactly one more after it, never two alongside and never a queue of them; each
 * pass says how long until the next is due, and a timer (which never keeps the process alive) asks then.
 * Stopping cancels the timer and waits for the pass under way.
 */
export class PassLoop {
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<void> = Promise.resolve();
  private again = false;
  private halted = false;

  /** `pass` does one pass and returns the wait before the next, in ms; it handles its own errors. */
  constructor(private readonly pass: () => Promise<number>) {}

  /** True once `stop` was called: a long pass checks it between items. */
  get stopped(): boolean {
    return this.halted;
  }

  /** Runs a pass now, or once more after the one under way. */
  request(): void {
    if (this.halted || this.again) return;
    this.again = true;
    this.running = this.running.then(async () => {
      this.again = false;
      if (this.halted) return;
      clearTimeout(this.timer);
      const wait = await this.pass();
      if (!this.halted) this.timer = setTimeout(() => this.request(), wait).unref();
    });
  }

  /** No more passes; resolves when the one under way has finished. */
  async stop(): Promise<void> {
    this.halted = true;
    clearTimeout(this.timer);
    await this.running;
  }
}
