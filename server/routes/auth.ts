import { Router } from 'express';
import { linkLoginRequest, loginRequest } from '../../shared/api/auth.js';
import type { AppContext } from '../context.js';
import { parse } from '../http/validate.js';
import { clearedSessionCookie } from '../http/cookies.js';
import { requireActor } from '../policies/authorize.js';
import { actorOf, startSession } from '../auth/session.js';
import { LoginService } from '../auth/login.js';
import { presentUser } from '../presenters/user.js';

export interface AuthHooks {
  /** Called after logout-everywhere so live sockets of that user are closed too. */
  endUserConnections(userId: string): void;
  /** Called when one session ends (sign-out on one device, or replaced at login) to close its sockets. */
  endSessionConnections(sessionHash: string): void;
}

/** Sign in (password or one-time link), who am I, sign out (this device or everywhere). */
export function authRoutes(ctx: AppContext, hooks: AuthHooks): Router {
  const router = Router();
  const login = new LoginService(ctx);
  const endSession = async (sessionHash: string): Promise<void> => {
    await ctx.store.sessions.delete(sessionHash);
    hooks.endSessionConnections(sessionHash);
  };

  router.post('/auth/login', async (req, res) => {
    const { username, password } = parse(loginRequest, req.body);
    const user = await login.withPassword(username, password, req.ip ?? 'unknown');
    if (req.sessionHash) await endSession(req.sessionHash);
    res.setHeader('Set-Cookie', await startSession(ctx, user.id));
    res.json({ user: presentUser(actorOf(user)) });
  });

  router.post('/auth/link', async (req, res) => {
    const { token } = parse(linkLoginRequest, req.body);
    const user = await login.withLink(token, req.ip ?? 'unknown');
    if (req.sessionHash) await endSession(req.sessionHash);
    res.setHeader('Set-Cookie', await startSession(ctx, user.id));
    res.json({ user: presentUser(actorOf(user)) });
  });

  router.get('/auth/me', (req, res) => {
    res.json({ user: presentUser(requireActor(req.actor)) });
  });

  router.post('/auth/logout', async (req, res) => {
    const everywhere = req.query.everywhere === '1' || (req.body as { everywhere?: unknown } | undefined)?.everywhere === true;
    if (req.actor && everywhere) {
      await ctx.store.sessions.deleteForUser(req.actor.userId);
      ctx.events.emit({ user: req.actor.userId }, 'session:ended', { reason: 'logout' });
      hooks.endUserConnections(req.actor.userId);
    } else if (req.sessionHash) {
      await endSession(req.sessionHash);
    }
    res.setHeader('Set-Cookie', clearedSessionCookie(ctx.config.SECURE_COOKIES));
    res.status(204).end();
  });

  return router;
}
