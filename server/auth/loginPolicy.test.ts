import { describe, expect, it } from 'vitest';
import { loginLimits, loginWait, LOGIN_WINDOW_MS, type LoginHistory } from './loginPolicy.js';

const limits = loginLimits(10);
const T = 1_000_000_000;
/** `n` failures one second apart, the last at T. */
const failures = (n: number): number[] => Array.from({ length: n }, (_, i) => T - (n - 1 - i) * 1000);
const history = (
  pair: number[],
  account: number[] = pair,
  addressFailures = pair.length,
  pairFailed = pair,
): LoginHistory => ({
  pair,
  pairFailed,
  account,
  addressFailures,
});

describe('loginWait', () => {
  it.each([
    // [failures of this account from this address, wait right after the last one]
    [0, 0],
    [2, 0],
    [3, 1000],
    [4, 2000],
    [5, 4000],
    [9, 64_000],
  ])('after %i failures of one account from one address waits %i ms', (n, wait) => {
    expect(loginWait(history(failures(n)), T, limits)).toBe(wait);
  });

  it('locks the pair at its limit until the oldest failure leaves the window', () => {
    const pair = failures(10);
    expect(loginWait(history(pair), T, limits)).toBe(pair[0]! + LOGIN_WINDOW_MS - T);
    expect(loginWait(history(pair), pair[0]! + LOGIN_WINDOW_MS, limits)).toBe(0);
  });

  it('lets a delay run out', () => {
    expect(loginWait(history(failures(4)), T + 2000, limits)).toBe(0);
  });

  it('slows an account failing from many addresses, never longer than a minute', () => {
    expect(loginWait(history([], failures(29), 0), T, limits)).toBe(0);
    expect(loginWait(history([], failures(30), 0), T, limits)).toBe(1000);
    expect(loginWait(history([], failures(31), 0), T, limits)).toBe(2000);
    expect(loginWait(history([], failures(200), 0), T, limits)).toBe(60_000);
  });

  it('holds an address over its limit only for accounts that failed from it', () => {
    expect(loginWait(history([], [], 1000), T, limits)).toBe(0);
    expect(loginWait(history([T], [T], 100), T, limits)).toBe(LOGIN_WINDOW_MS);
    expect(loginWait(history([T], [T], 99), T, limits)).toBe(0);
  });

  it('does not hold an account at the address limit for an attempt of its own still being checked', () => {
    expect(loginWait(history([T], [T], 1000, []), T, limits)).toBe(0);
  });

  it('derives its limits from LOGIN_MAX_FAILURES: delays never start after the lock', () => {
    expect(loginLimits(3)).toMatchObject({ pairFree: 3, pairMax: 3, accountFree: 9, addressMax: 30 });
    expect(loginLimits(1)).toMatchObject({ pairFree: 1, pairMax: 1 });
  });
});
