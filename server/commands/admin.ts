import type { Actor } from '../../shared/domain/roles.js';
import { requiresDelegation } from '../../shared/domain/roles.js';
import { isCountryCode } from '../../shared/domain/countries.js';
import type { CreateUserRequest, LoginLinkJson } from '../../shared/api/admin.js';
import type { AppContext } from '../context.js';
import type { UserRow } from '../db/repositories/users.js';
import { authorize } from '../policies/authorize.js';
import { HttpError } from '../http/errors.js';
import { hashPassword } from '../auth/passwords.js';
import { hashToken, newToken } from '../auth/tokens.js';
import { audit } from './audit.js';

/** The admin registers a country's delegation (ISO 3166-1 alpha-3). */
export async function createDelegation(ctx: AppContext, actor: Actor, code: string): Promise<string> {
  const admin = authorize(actor, 'admin.manage');
  if (!isCountryCode(code))
    throw HttpError.of('invalid_input', `code: ${code} is not an ISO 3166-1 alpha-3 country code`, 'code');
  return ctx.store.transaction(async () => {
    const conference = await ctx.store.conferences.current();
    if (!conference) throw HttpError.of('conflict', 'Create the conference first.');
    if (await ctx.store.delegations.get(code))
      throw HttpError.of('delegation_exists', `Delegation ${code} already exists.`);
    await ctx.store.delegations.insert(code, conference.id);
    await audit(ctx, admin, 'delegation.create', { subject: `delegation:${code}`, payload: { code } });
    return code;
  });
}

/**
 * The admin creates an account. Heads and delegates must name an existing delegation, other roles must not;
 * a delegation has at most one head. Without a password the person signs in with a one-time link.
 */
export async function createUser(ctx: AppContext, actor: Actor, input: CreateUserRequest): Promise<UserRow> {
  const admin = authorize(actor, 'admin.manage');
  const delegation = input.delegation ?? null;
  if (requiresDelegation(input.role) !== (delegation !== null)) {
    throw HttpError.of(
      'invalid_input',
      requiresDelegation(input.role)
        ? `delegation: a ${input.role} must belong to a delegation`
        : `delegation: a ${input.role} does not belong to a delegation`,
      'delegation',
    );
  }
  const passwordHash = input.password ? await hashPassword(input.password) : null;
  return ctx.store.transaction(async () => {
    if (delegation && !(await ctx.store.delegations.get(delegation)))
      throw HttpError.of('delegation_not_found', `No delegation ${delegation}.`);
    if (await ctx.store.users.byUsername(input.username))
      throw HttpError.of('username_taken', `The username ${input.username} is taken.`);
    if (input.role === 'head' && (await ctx.store.users.byDelegation(delegation!)).some((u) => u.role === 'head')) {
      throw HttpError.of('conflict', `Delegation ${delegation} already has a head.`);
    }
    const user = await ctx.store.users.insert({
      username: input.username,
      displayName: input.displayName,
      role: input.role,
      delegation,
      passwordHash,
      translates: input.translationLanguages ?? [],
      email: input.email ?? null,
      language: input.language ?? null,
    });
    await audit(ctx, admin, 'user.create', {
      subject: `user:${user.id}`,
      payload: { username: user.username, role: user.role, delegation, translates: input.translationLanguages ?? [] },
    });
    return user;
  });
}

/**
 * The admin gives or takes an account's translation languages (the translator role per language). The write
 * policy reads them from storage on every update, so the next keystroke of that person is judged by the new list.
 */
export async function setTranslationLanguages(
  ctx: AppContext,
  actor: Actor,
  userId: string,
  codes: readonly string[],
): Promise<UserRow> {
  const admin = authorize(actor, 'admin.manage');
  return ctx.store.transaction(async () => {
    const user = await ctx.store.users.byId(userId);
    if (!user) throw HttpError.of('user_not_found', `No user ${userId}.`);
    await ctx.store.users.setTranslationLanguages(user.id, codes);
    await audit(ctx, admin, 'user.translates', {
      subject: `user:${user.id}`,
      payload: { username: user.username, translates: [...codes] },
    });
    return (await ctx.store.users.byId(user.id))!;
  });
}

/**
 * Issues one-time login links. Only the token's hash is stored, so the links exist in clear only in this
 * answer: the admin prints or hands them out right away (the registration-desk sheet).
 */
export async function issueLoginLinks(
  ctx: AppContext,
  actor: Actor | null,
  users: UserRow[],
  hours: number,
  baseUrl: string,
): Promise<LoginLinkJson[]> {
  if (actor) authorize(actor, 'admin.manage');
  const expiresAt = new Date(Date.now() + hours * 3600_000);
  return ctx.store.transaction(async () => {
    const links: LoginLinkJson[] = [];
    for (const user of users) {
      const token = newToken();
      await ctx.store.loginLinks.create(hashToken(token), user.id, actor?.userId ?? null, expiresAt);
      links.push({
        username: user.username,
        displayName: user.display_name,
        role: user.role,
        delegation: user.delegation,
        url: `${baseUrl.replace(/\/$/, '')}/login/link#token=${token}`,
        expiresAt: expiresAt.toISOString(),
      });
    }
    await audit(ctx, actor, 'login_links.issue', { payload: { usernames: users.map((u) => u.username), hours } });
    return links;
  });
}
