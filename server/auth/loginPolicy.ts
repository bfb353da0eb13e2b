/**
 * When a sign-in attempt may be checked: the pure rule behind the login limits, over the recent attempts the
 * database holds (`LoginAttempts`). Three counts, each fair to someone:
 *
 * - **per account and address** (the person at their keyboard): a few mistypes are free, then each further
 *   attempt waits a doubling delay after the last failure, and at `pairMax` failures the pair is locked until
 *   the oldest of them leaves the window;
 * - **per account**, from every address together (a guesser spread over many addresses): free up to
 *   `accountFree`, then the same doubling delay, capped at `maxDelayMs`, so the owner is slowed, never locked
 *   out for long;
 * - **per address** (one address guessing at many accounts): past `addressMax` failures, an account that has
 *   failed *from that address* is locked until those failures leave the window. An account that has not failed
 *   from it is never held back by it: at a congress behind one venue NAT, one guesser cannot lock out the room.
 *   Only failures count here, not attempts still being checked: a person signing in twice at once (a double
 *   click, a second device) is not held by their own first attempt.
 *
 * An attempt under way counts as a failure until it succeeds, so concurrent guesses cannot all be checked
 * before the first failure is recorded.
 */
export interface LoginLimits {
  /** Window over which failures count, in ms. */
  windowMs: number;
  /** Failures of one account from one address that cost nothing. */
  pairFree: number;
  /** Failures of one account from one address after which the pair is locked for the rest of the window. */
  pairMax: number;
  /** Failures of one account from all addresses together that cost nothing. */
  accountFree: number;
  /** Failures from one address, all accounts together, past which accounts that failed from it are locked. */
  addressMax: number;
  /** The first delay, doubled at each further failure. */
  baseDelayMs: number;
  /** The longest delay the per-account count imposes. */
  maxDelayMs: number;
}

/** Window of the login limits: 15 minutes. */
export const LOGIN_WINDOW_MS = 15 * 60_000;

/**
 * The limits that follow from `LOGIN_MAX_FAILURES` (default 10): the pair is locked at that many failures, and
 * delays start after 3 of them (at once when the limit is 3 or less); the account's delays start at three times
 * as many failures and never exceed a minute; the address counts ten times as many.
 */
export function loginLimits(maxFailures: number): LoginLimits {
  return {
    windowMs: LOGIN_WINDOW_MS,
    pairFree: Math.min(3, maxFailures),
    pairMax: maxFailures,
    accountFree: maxFailures * 3,
    addressMax: maxFailures * 10,
    baseDelayMs: 1000,
    maxDelayMs: 60_000,
  };
}

/** Recent attempts that did not succeed (failed, or under way), within the window, oldest first. */
export interface LoginHistory {
  /** Times of this account's failures from every address. */
  account: readonly number[];
  /** Times of this account's failures from this address (attempts under way included). */
  pair: readonly number[];
  /** Times of this account's failures from this address whose password was checked and wrong. */
  pairFailed: readonly number[];
  /** How many failures this address has, every account together. */
  addressFailures: number;
}

/** Milliseconds until an attempt may be checked, or 0 when it may be now. */
export function loginWait(history: LoginHistory, now: number, limits: LoginLimits): number {
  const { pair, account } = history;
  const until: number[] = [];
  if (pair.length >= limits.pairMax) until.push(pair[pair.length - limits.pairMax]! + limits.windowMs);
  else if (pair.length >= limits.pairFree)
    until.push(pair[pair.length - 1]! + delay(pair.length - limits.pairFree, limits, limits.windowMs));
  if (account.length >= limits.accountFree) {
    until.push(account[account.length - 1]! + delay(account.length - limits.accountFree, limits, limits.maxDelayMs));
  }
  const failed = history.pairFailed;
  if (history.addressFailures >= limits.addressMax && failed.length > 0)
    until.push(failed[failed.length - 1]! + limits.windowMs);
  return Math.max(0, ...until.map((at) => at - now));
}

/** The `n`-th delay (from 0): the base delay doubled n times, at most `cap`. */
function delay(n: number, limits: LoginLimits, cap: number): number {
  return Math.min(cap, limits.baseDelayMs * 2 ** Math.min(n, 30));
}
