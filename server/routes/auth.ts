import { Router } from 'express';
import { ROUTES } from '../../shared/api/routes.js';
import type { AppContext } from '../context.js';
import { on } from '../http/endpoint.js';
import { clearedSessionCookie } from '../http/cookies.js';
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

  on(router, ROUTES.login, async (req, res) => {
    const { username, password } = req.body;
    const user = await login.withPassword(username, password, req.ip ?? 'unknown');
    if (req.sessionHash) await endSession(req.sessionHash);
    res.setHeader('Set-Cookie', await startSession(ctx, user.id));
    res.json({ user: presentUser(actorOf(user)) });
  });

  on(router, ROUTES.linkLogin, async (req, res) => {
    const user = await login.withLink(req.body.token, req.ip ?? 'unknown');
    if (req.sessionHash) await endSession(req.sessionHash);
    res.setHeader('Set-Cookie', await startSession(ctx, user.id));
    res.json({ user: presentUser(actorOf(user)) });
  });

  on(router, ROUTES.me, (req, res) => {
    res.json({ user: presentUser(req.actor) });
  });

  on(router, ROUTES.session, (req, res) => {
    res.json({ user: req.actor ? presentUser(req.actor) : null });
  });

  on(router, ROUTES.logout, async (req, res) => {
    const everywhere =
      req.query.everywhere === '1' || (req.body as { everywhere?: unknown } | undefined)?.everywhere === true;
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
