import { createHash, randomBytes } from 'node:crypto';

/** A fresh secret token (256 bits, base64url) for session cookies and login links. */
export function newToken(): string {
  return randomBytes(32).toString('base64url');
}

/** What the database stores instead of the token: its SHA-256, so a leaked database opens no session. */
export function hashToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}
