import { Router } from 'express';
import { createDelegationRequest, createLoginLinksRequest, createUserRequest } from '../../shared/api/admin.js';
import type { AppContext } from '../context.js';
import type { UserRow } from '../db/repositories/users.js';
import { parse } from '../http/validate.js';
import { HttpError } from '../http/errors.js';
import { publicBaseUrl } from '../http/publicUrl.js';
import { authorize, requireActor } from '../policies/authorize.js';
import { createDelegation, createUser, issueLoginLinks } from '../commands/admin.js';
import { presentDelegation } from '../presenters/delegation.js';

function presentAccount(u: UserRow): { id: string; username: string; displayName: string; role: string; delegation: string | null; hasPassword: boolean } {
  return { id: u.id, username: u.username, displayName: u.display_name, role: u.role, delegation: u.delegation, hasPassword: u.password_hash !== null };
}

/** The conference's delegations (every signed-in person) and the admin's accounts and login links. */
export function adminRoutes(ctx: AppContext): Router {
  const router = Router();

  router.get('/delegations', async (req, res) => {
    requireActor(req.actor);
    res.json({ delegations: (await ctx.store.delegations.list()).map((d) => presentDelegation(d.code, d.members)) });
  });

  router.post('/admin/delegations', async (req, res) => {
    const { code } = parse(createDelegationRequest, req.body);
    await createDelegation(ctx, req.actor, code);
    res.status(201).json(presentDelegation(code, 0));
  });

  router.get('/admin/users', async (req, res) => {
    authorize(req.actor, 'admin.manage');
    res.json({ users: (await ctx.store.users.list()).map(presentAccount) });
  });

  router.post('/admin/users', async (req, res) => {
    const input = parse(createUserRequest, req.body);
    const user = await createUser(ctx, req.actor, input);
    res.status(201).json(presentAccount(user));
  });

  router.post('/admin/login-links', async (req, res) => {
    const admin = authorize(req.actor, 'admin.manage');
    const input = parse(createLoginLinksRequest, req.body);
    let users: UserRow[];
    if (input.usernames) {
      // One by one, in the order given: the first unknown name is the one reported.
      users = [];
      for (const name of input.usernames) {
        const user = await ctx.store.users.byUsername(name);
        if (!user) throw HttpError.of('user_not_found', `No user ${name}.`, 'usernames');
        users.push(user);
      }
    } else if (input.delegation) {
      if (!(await ctx.store.delegations.get(input.delegation))) throw HttpError.of('delegation_not_found', `No delegation ${input.delegation}.`);
      users = await ctx.store.users.byDelegation(input.delegation);
    } else {
      users = (await ctx.store.users.list()).filter((u) => u.role !== 'admin');
    }
    res.status(201).json({ links: await issueLoginLinks(ctx, admin, users, input.hours, publicBaseUrl(ctx.config, req)) });
  });

  return router;
}
