import { z } from 'zod';
import type { LoginLinkJson } from '../../shared/api/admin.js';
import { createUserRequest } from '../../shared/api/admin.js';
import type { AppContext } from '../context.js';
import { HttpError } from '../http/errors.js';
import { audit } from './audit.js';
import { issueLoginLinks } from './admin.js';

const isoDate = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'use YYYY-MM-DD')
  .refine(
    (s) => !Number.isNaN(Date.parse(`${s}T00:00:00Z`)) && new Date(`${s}T00:00:00Z`).toISOString().startsWith(s),
    'is not a date',
  );

/** What `npm run setup` asks for: the conference, and who administers it. */
export const setUpConferenceInput = z
  .object({
    id: z
      .string()
      .trim()
      .regex(/^[a-z0-9][a-z0-9-]{1,62}$/, 'use 2–63 lowercase letters, digits or dashes'),
    name: z.string().trim().min(1).max(200),
    place: z.string().trim().max(200).default(''),
    startsOn: isoDate.nullable().default(null),
    endsOn: isoDate.nullable().default(null),
    admin: createUserRequest.pick({ username: true, displayName: true }),
  })
  .refine((c) => !c.startsOn || !c.endsOn || c.startsOn <= c.endsOn, {
    message: 'the conference ends before it starts',
    path: ['endsOn'],
  });
export type SetUpConferenceInput = z.input<typeof setUpConferenceInput>;

/**
 * Sets up an installation started empty (`SEED=none`): the conference and its first admin account, with a
 * one-time login link for that admin, who then registers the delegations and accounts. Run from the command
 * line by whoever holds the server (nobody can sign in before it), so there is no actor; the audit log
 * records it as the system's. One transaction: refused, it leaves the database as it was.
 */
export async function setUpConference(
  ctx: AppContext,
  input: SetUpConferenceInput,
  hours: number,
  baseUrl: string,
): Promise<LoginLinkJson> {
  const parsed = setUpConferenceInput.safeParse(input);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw HttpError.of('invalid_input', `${issue.path.join('.')}: ${issue.message}`, issue.path.join('.'));
  }
  const { admin, ...conference } = parsed.data;
  return ctx.store.transaction(async () => {
    const existing = await ctx.store.conferences.current();
    if (existing)
      throw HttpError.of(
        'already_set_up',
        `This installation already holds ${existing.name}; issue sign-in links with npm run invite.`,
      );
    if (await ctx.store.users.byUsername(admin.username))
      throw HttpError.of('username_taken', `The username ${admin.username} is taken.`);
    await ctx.store.conferences.insert(conference);
    const user = await ctx.store.users.insert({
      username: admin.username,
      displayName: admin.displayName,
      role: 'admin',
      delegation: null,
      passwordHash: null,
    });
    await audit(ctx, null, 'conference.setup', { payload: { conference: conference.id, admin: admin.username } });
    const [link] = await issueLoginLinks(ctx, null, [user], hours, baseUrl);
    return link!;
  });
}
