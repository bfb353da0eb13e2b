import { Router } from 'express';
import { createDelegationRequest, createLoginLinksRequest, createUserRequest } from '../../shared/api/admin.js';
import type { AppContext } from '../context.js';
import type { UserRow } from '../db/repositories/users.js';
import { parse } from '../http/validate.js';
import { HttpError } from '../http/errors.js';
import { authorize, requireActor } from '../policies/authorize.js';
import { createDelegation, createUser, issueLoginLinks } from '../commands/admin.js';
import { presentDelegation } from '../presenters/delegation.js';

function presentAccount(u: UserRow): { id: string; username: string; displayName: string; role: string; delegation: string | null; hasPassword: boolean } {
  return { id: u.id, username: u.username, displayName: u.display_name, role: u.role, delegation: u.delegation, hasPassword: u.password_hash !== null };
}

/** The conference's delegations (every signed-in person) and the admin's accounts and login links. */
export function adminRoutes(ctx: AppContext): Router {
  const router = Router();

  router.get('/delegations', (req, res) => {
    requireActor(req.actor);
    res.json({ delegations: ctx.store.delegations.list().map((d) => presentDelegation(d.code, d.members)) });
  });

  router.post('/admin/delegations', (req, res) => {
    const { code } = parse(createDelegationRequest, req.body);
    createDelegation(ctx, req.actor, code);
    res.status(201).json(presentDelegation(code, 0));
  });

  router.get('/admin/users', (req, res) => {
    authorize(req.actor, 'admin.manage');
    res.json({ users: ctx.store.users.list().map(presentAccount) });
  });

  router.post('/admin/users', async (req, res) => {
    const input = parse(createUserRequest, req.body);
    const user = await createUser(ctx, req.actor, input);
    res.status(201).json(presentAccount(user));
  });

  router.post('/admin/login-links', (req, res) => {
    const admin = authorize(req.actor, 'admin.manage');
    const input = parse(createLoginLinksRequest, req.body);
    let users: UserRow[];
    if (input.usernames) {
      users = input.usernames.map((name) => {
        const user = ctx.store.users.byUsername(name);
        if (!user) throw new HttpError(404, 'user_not_found', `No user ${name}.`, 'usernames');
        return user;
      });
    } else if (input.delegation) {
      if (!ctx.store.delegations.get(input.delegation)) throw new HttpError(404, 'delegation_not_found', `No delegation ${input.delegation}.`);
      users = ctx.store.users.byDelegation(input.delegation);
    } else {
      users = ctx.store.users.list().filter((u) => u.role !== 'admin');
    }
    const base = ctx.config.PUBLIC_URL ?? `${req.protocol}://${req.get('host')}`;
    res.status(201).json({ links: issueLoginLinks(ctx, admin, users, input.hours, base) });
  });

  return router;
}
