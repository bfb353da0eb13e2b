import type { RequestHandler } from 'express';
import type { Actor } from '../../shared/domain/roles.js';
import type { AppContext } from '../context.js';
import type { UserRow } from '../db/repositories/users.js';
import { readCookie, sessionCookie, SESSION_COOKIE } from '../http/cookies.js';
import { hashToken, newToken } from './tokens.js';

declare module 'express-serve-static-core' {
  interface Request {
    /** The signed-in person, when the request carries a live session. */
    actor?: Actor;
    /** Hash of the session token behind `actor`. */
    sessionHash?: string;
  }
}

export function actorOf(user: UserRow): Actor {
  return {
    userId: user.id,
    username: user.username,
    displayName: user.display_name,
    role: user.role,
    delegation: user.delegation,
    translates: user.translation_languages ? user.translation_languages.split(',') : [],
  };
}

/** The session behind a Cookie header (HTTP, socket.io and the collab upgrade all use this). */
export async function resolveSession(
  ctx: AppContext,
  cookieHeader: string | undefined,
): Promise<{ actor: Actor; sessionHash: string } | undefined> {
  const token = readCookie(cookieHeader, SESSION_COOKIE);
  if (!token || token.length > 128) return undefined;
  const sessionHash = hashToken(token);
  const user = await ctx.store.sessions.findUser(sessionHash);
  return user ? { actor: actorOf(user), sessionHash } : undefined;
}

/** Attaches `req.actor` when the request carries a live session; never refuses by itself. */
export function sessionMiddleware(ctx: AppContext): RequestHandler {
  return async (req, _res, next) => {
    const session = await resolveSession(ctx, req.headers.cookie);
    if (session) {
      req.actor = session.actor;
      req.sessionHash = session.sessionHash;
    }
    next();
  };
}

/**
 * Starts a new session for a user and returns the Set-Cookie value. A fresh token every time: a session id
 * known before login (fixation) is never promoted.
 */
export async function startSession(ctx: AppContext, userId: string): Promise<string> {
  const token = newToken();
  const ttlSeconds = ctx.config.SESSION_TTL_HOURS * 3600;
  await ctx.store.sessions.create(hashToken(token), userId, new Date(Date.now() + ttlSeconds * 1000));
  return sessionCookie(token, { maxAgeSeconds: ttlSeconds, secure: ctx.config.SECURE_COOKIES });
}
