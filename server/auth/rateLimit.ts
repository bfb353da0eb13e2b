import type { LoginFailures } from '../db/repositories/loginFailures.js';

/**
 * Counts failures per key in a sliding window, in the database, so that every node of a cluster enforces one
 * limit. Used for login: failures are counted per (address, username) and per address, so one person
 * mistyping is not locked out by another, and a guesser cannot try many usernames from one address.
 */
export class FailureLimiter {
  /**
   * @param failures where failures are kept.
   * @param scope names this limiter's keys (two limiters may count the same address separately).
   * @param max failures allowed within the window; the next attempt is refused.
   * @param windowMs window length. Default 15 minutes.
   */
  constructor(
    private readonly failures: LoginFailures,
    private readonly scope: string,
    private readonly max: number,
    private readonly windowMs = 15 * 60_000,
  ) {}

  /** Seconds until `key` may try again, or 0 when it may now. */
  async retryAfter(key: string, at = Date.now()): Promise<number> {
    const recent = await this.failures.since(this.key(key), at - this.windowMs + 1);
    if (recent.length < this.max) return 0;
    return Math.max(1, Math.ceil((recent[recent.length - this.max]! + this.windowMs - at) / 1000));
  }

  async fail(key: string, at = Date.now()): Promise<void> {
    await this.failures.add(this.key(key), at, at - this.windowMs);
  }

  async reset(key: string): Promise<void> {
    await this.failures.clear(this.key(key));
  }

  private key(key: string): string {
    return `${this.scope}:${key}`;
  }
}
