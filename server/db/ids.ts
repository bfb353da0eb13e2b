import { randomBytes } from 'node:crypto';

/** A short random url-safe id (72 bits): enough to never collide within a conference. */
export function newId(): string {
  return randomBytes(9).toString('base64url');
}

/** Current time as an ISO string; the one clock the server writes with. */
export function now(): string {
  return new Date().toISOString();
}
