import type { RequestHandler } from 'express';
import { HttpError } from './errors.js';

const COMMAND_METHODS = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/**
 * Token buckets by key: each holds up to `capacity` tokens and gains `perMinute` a minute; taking one when the
 * bucket is empty is refused. A burst up to the capacity passes at once, a steady flow at the rate. In memory,
 * per node: with several nodes behind a load balancer each counts what reaches it.
 */
export class TokenBuckets {
  private readonly buckets = new Map<string, { tokens: number; at: number }>();

  constructor(
    private readonly capacity: number,
    private readonly perMinute: number,
  ) {}

  /** Takes a token for `key`: 0 when taken, else the milliseconds until one is there. */
  take(key: string, now = Date.now()): number {
    const rate = this.perMinute / 60_000;
    const bucket = this.buckets.get(key) ?? { tokens: this.capacity, at: now };
    bucket.tokens = Math.min(this.capacity, bucket.tokens + (now - bucket.at) * rate);
    bucket.at = now;
    this.buckets.set(key, bucket);
    if (bucket.tokens >= 1) {
      bucket.tokens -= 1;
      if (this.buckets.size > 10_000) this.forgetFull(now);
      return 0;
    }
    return Math.ceil((1 - bucket.tokens) / rate);
  }

  /** Drops buckets that have filled up again: they hold nothing a fresh one would not. */
  private forgetFull(now: number): void {
    const rate = this.perMinute / 60_000;
    for (const [key, bucket] of this.buckets)
      if (bucket.tokens + (now - bucket.at) * rate >= this.capacity) this.buckets.delete(key);
  }
}

/**
 * Rate limit on HTTP commands (every state-changing request) per signed-in person: `burst` at once, then
 * `perMinute`. Beyond it, 429 `rate_limited` with `Retry-After`, before anything is read or written. The
 * defaults (60 at once, 120 a minute) are far above what a chair's busiest minute sends; a script or a stuck
 * client sending thousands is held to the rate. Requests without a session are refused by the routes anyway
 * (sign-in has its own limits, `server/auth/loginPolicy.ts`). A burst of 0 lifts the limit.
 */
export function commandRateLimit(burst: number, perMinute: number): RequestHandler {
  if (burst <= 0) return (_req, _res, next) => next();
  const buckets = new TokenBuckets(burst, perMinute);
  return (req, _res, next) => {
    if (!req.actor || !COMMAND_METHODS.has(req.method)) return next();
    const wait = buckets.take(req.actor.userId);
    if (wait === 0) return next();
    const seconds = Math.max(1, Math.ceil(wait / 1000));
    next(
      HttpError.of('rate_limited', `Too many changes in a short time. Try again in ${seconds} second(s).`, undefined, {
        'Retry-After': String(seconds),
      }),
    );
  };
}
