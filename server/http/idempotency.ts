import { createHash } from 'node:crypto';
import type { RequestHandler, Response } from 'express';
import type { AppContext } from '../context.js';
import type { IdempotencyRecord } from '../db/repositories/idempotencyKeys.js';
import { HttpError } from './errors.js';

const COMMAND_METHODS = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);
/** How long an answer is kept for its key: 24 hours. */
export const IDEMPOTENCY_TTL_MS = 24 * 3600_000;
/** How long a repeated request waits for the first one's answer before 409 `idempotency_key_in_flight`. */
const WAIT_MS = 30_000;
const POLL_MS = 25;

/**
 * `Idempotency-Key` on state-changing requests (the console sends one per user action, so a double click or
 * a retry reuses it). Per session: the first request with a key claims it in the database and runs; its
 * answer (status and body) is recorded, and any later request with the key, on any node, within 24 hours,
 * gets that answer again (`Idempotent-Replayed: true`) and does nothing. A request arriving while the first
 * still runs waits for its answer. A key reused for another request (method, path or body) is refused with
 * 422 `idempotency_key_reused`. An answer of 5xx is not kept: the action was not carried out, so a retry
 * runs. A server stopping while a request runs leaves its key claimed, never run twice: a retry is told
 * 409 `idempotency_key_in_flight` until the key expires.
 *
 * A person's answers are kept for 24 hours and, of them, the newest `IDEMPOTENCY_KEYS_PER_PERSON` (default
 * 1,000): a script sending a fresh key with every request cannot grow the table without bound (the command
 * rate alone would let one person leave 170,000 a day). A retry comes within seconds, long before a person
 * has sent a thousand other commands.
 *
 * Requests without a session, and sign-in, ignore the header (there is no session to key it on, and a
 * sign-in answer carries a new session that must not be handed out twice).
 */
export function idempotency(ctx: AppContext): RequestHandler {
  const keys = ctx.store.idempotencyKeys;
  let purgedAt = 0;
  return async (req, res, next) => {
    const key = req.get('idempotency-key');
    if (key === undefined || !req.sessionHash || !COMMAND_METHODS.has(req.method) || req.path.startsWith('/auth/'))
      return next();
    if (!/^[\x21-\x7e]{1,200}$/.test(key)) {
      return next(HttpError.of('invalid_idempotency_key'));
    }
    const session = req.sessionHash;
    const requestHash = createHash('sha256')
      .update(`${req.method} ${req.originalUrl}\n`)
      // An upload (a Word file) is hashed as its bytes.
      .update(Buffer.isBuffer(req.body) ? req.body : JSON.stringify(req.body ?? null))
      .digest('hex');
    const now = Date.now();
    if (now - purgedAt > 60_000) {
      purgedAt = now;
      await keys.forgetBefore(now - IDEMPOTENCY_TTL_MS);
    }

    const deadline = now + WAIT_MS;
    for (;;) {
      const userId = req.actor?.userId ?? '';
      if (await keys.claim(session, key, requestHash, Date.now(), userId)) {
        await keys.keepNewest(userId, ctx.config.IDEMPOTENCY_KEYS_PER_PERSON);
        record(
          res,
          (answer) => (answer.status >= 500 ? keys.release(session, key) : keys.complete(session, key, answer)),
          ctx,
        );
        return next();
      }
      const held = await keys.get(session, key);
      if (!held) continue; // let go meanwhile (the first failed): claim it now
      const expiredBefore = Date.now() - IDEMPOTENCY_TTL_MS;
      if (held.created_at < expiredBefore) {
        await keys.releaseExpired(session, key, expiredBefore);
        continue;
      }
      if (held.request_hash !== requestHash) {
        return next(HttpError.of('idempotency_key_reused'));
      }
      if (held.state === 'done') return replay(res, held);
      if (Date.now() > deadline) {
        return next(
          HttpError.of(
            'idempotency_key_in_flight',
            'The first request with this Idempotency-Key has not been answered; reload to see whether it was carried out.',
            undefined,
            { 'Retry-After': '5' },
          ),
        );
      }
      await new Promise((resolve) => setTimeout(resolve, POLL_MS));
    }
  };
}

interface Answer {
  status: number;
  contentType: string | null;
  body: string;
}

/**
 * Holds the answer back until `keep` has stored it, then sends it: a request repeated the moment this answer
 * arrives finds it recorded. Whatever the storage says, the answer goes out.
 */
function record(res: Response, keep: (answer: Answer) => Promise<void>, ctx: AppContext): void {
  const end = res.end.bind(res) as (...args: unknown[]) => Response;
  const toBuffer = (chunk: unknown): Buffer => (Buffer.isBuffer(chunk) ? chunk : Buffer.from(String(chunk)));
  // An answer written in pieces (`sendJson` with a reader's own fields) is held back with the rest.
  const pieces: Buffer[] = [];
  res.write = ((chunk: unknown, ...rest: unknown[]) => {
    if (chunk !== undefined && chunk !== null) pieces.push(toBuffer(chunk));
    const done = rest.find((a) => typeof a === 'function') as (() => void) | undefined;
    if (done) process.nextTick(done);
    return true;
  }) as Response['write'];
  let ended = false;
  res.end = ((...args: unknown[]) => {
    if (ended) return res;
    ended = true;
    const chunk = typeof args[0] === 'function' ? undefined : args[0];
    if (chunk !== undefined && chunk !== null) pieces.push(toBuffer(chunk));
    const whole = Buffer.concat(pieces);
    const done = args.find((a) => typeof a === 'function');
    const contentType = res.getHeader('content-type');
    keep({
      status: res.statusCode,
      contentType: typeof contentType === 'string' ? contentType : null,
      body: whole.toString('utf8'),
    })
      .catch((error: unknown) => ctx.log.error('Recording an idempotent answer failed', error))
      .finally(() => (done ? end(whole, done) : end(whole)));
    return res;
  }) as Response['end'];
}

function replay(res: Response, held: IdempotencyRecord): void {
  res.status(held.status ?? 200).set('Idempotent-Replayed', 'true');
  if (held.content_type) res.set('Content-Type', held.content_type);
  res.end(held.body ?? '');
}
