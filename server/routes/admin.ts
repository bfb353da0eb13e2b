import { Router } from 'express';
import { ROUTES, type AccountJson } from '../../shared/api/routes.js';
import type { AppContext } from '../context.js';
import type { UserRow } from '../db/repositories/users.js';
import { on } from '../http/endpoint.js';
import { HttpError } from '../http/errors.js';
import { publicBaseUrl } from '../http/publicUrl.js';
import { authorize } from '../policies/authorize.js';
import { createDelegation, createUser, issueLoginLinks, setTranslationLanguages } from '../commands/admin.js';
import { presentDelegation } from '../presenters/delegation.js';

function presentAccount(u: UserRow): AccountJson {
  return {
    id: u.id,
    username: u.username,
    displayName: u.display_name,
    role: u.role,
    delegation: u.delegation,
    hasPassword: u.password_hash !== null,
    translationLanguages: u.translation_languages ? u.translation_languages.split(',') : [],
    email: u.email,
    language: u.language,
  };
}

/** The conference's delegations (every signed-in person) and the admin's accounts and login links. */
export function adminRoutes(ctx: AppContext): Router {
  const router = Router();

  on(router, ROUTES.delegations, async (_req, res) => {
    res.json({ delegations: (await ctx.store.delegations.list()).map((d) => presentDelegation(d.code, d.members)) });
  });

  on(router, ROUTES.createDelegation, async (req, res) => {
    const { code } = req.body;
    await createDelegation(ctx, req.actor, code);
    res.status(201).json(presentDelegation(code, 0));
  });

  on(router, ROUTES.users, async (req, res) => {
    authorize(req.actor, 'admin.manage');
    res.json({ users: (await ctx.store.users.list()).map(presentAccount) });
  });

  on(router, ROUTES.createUser, async (req, res) => {
    const user = await createUser(ctx, req.actor, req.body);
    res.status(201).json(presentAccount(user));
  });

  on(router, ROUTES.setTranslationLanguages, async (req, res) => {
    const user = await setTranslationLanguages(ctx, req.actor, req.params.id, req.body.translationLanguages);
    res.json(presentAccount(user));
  });

  on(router, ROUTES.loginLinks, async (req, res) => {
    const admin = authorize(req.actor, 'admin.manage');
    const input = req.body;
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
      if (!(await ctx.store.delegations.get(input.delegation)))
        throw HttpError.of('delegation_not_found', `No delegation ${input.delegation}.`);
      users = await ctx.store.users.byDelegation(input.delegation);
    } else {
      users = (await ctx.store.users.list()).filter((u) => u.role !== 'admin');
    }
    res
      .status(201)
      .json({ links: await issueLoginLinks(ctx, admin, users, input.hours, publicBaseUrl(ctx.config, req)) });
  });

  return router;
}
