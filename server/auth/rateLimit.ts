/**
 * Counts failures per key in a sliding window, in memory. Used for login: failures are counted per
 * (address, username) and per address, so one person mistyping is not locked out by another, and a guesser
 * cannot try many usernames from one address.
 */
export class FailureLimiter {
  private readonly failures = new Map<string, number[]>();

  /**
   * @param max failures allowed within the window; the next attempt is refused.
   * @param windowMs window length. Default 15 minutes.
   */
  constructor(
    private readonly max: number,
    private readonly windowMs = 15 * 60_000,
  ) {}

  /** Seconds until `key` may try again, or 0 when it may now. */
  retryAfter(key: string, at = Date.now()): number {
    const recent = this.recent(key, at);
    if (recent.length < this.max) return 0;
    return Math.ceil((recent[0]! + this.windowMs - at) / 1000);
  }

  fail(key: string, at = Date.now()): void {
    const recent = this.recent(key, at);
    recent.push(at);
    this.failures.set(key, recent);
  }

  reset(key: string): void {
    this.failures.delete(key);
  }

  private recent(key: string, at: number): number[] {
    const list = this.failures.get(key);
    if (!list) return [];
    const fresh = list.filter((t) => at - t < this.windowMs);
    if (fresh.length === 0) this.failures.delete(key);
    return fresh;
  }
}
