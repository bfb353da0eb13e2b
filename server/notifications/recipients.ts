import type { AppContext } from '../context.js';
import type { UserRow } from '../db/repositories/users.js';
import { registeredDelegations } from '../queries/votes.js';
import type { Intent, Recipients } from './derive.js';

/** Roles that follow a text besides its delegations' members. */
const FOLLOWING_ROLES = new Set(['chair', 'secretariat']);

/** The people an intent names, each once, less whoever caused it. */
export async function recipientsOf(ctx: AppContext, intent: Intent): Promise<UserRow[]> {
  const byId = new Map<string, UserRow>();
  for (const to of intent.to) for (const user of await resolve(ctx, intent.documentId, to)) byId.set(user.id, user);
  return [...byId.values()].filter((u) => u.username !== intent.except);
}

async function resolve(ctx: AppContext, documentId: string, to: Recipients): Promise<UserRow[]> {
  if ('usernames' in to) {
    const users = await Promise.all(to.usernames.map((name) => ctx.store.users.byUsername(name)));
    return users.filter((u): u is UserRow => u !== undefined);
  }
  if ('delegations' in to) return members(ctx, to.delegations);
  const doc = await ctx.store.documents.get(documentId);
  if (!doc) return [];
  const delegations = await members(ctx, await registeredDelegations(ctx, doc));
  if ('electorate' in to) return delegations;
  return [...delegations, ...(await ctx.store.users.list()).filter((u) => FOLLOWING_ROLES.has(u.role))];
}

async function members(ctx: AppContext, codes: readonly string[]): Promise<UserRow[]> {
  return (await Promise.all(codes.map((code) => ctx.store.users.byDelegation(code)))).flat();
}
