/**
 * The benchmarks' audience: one observer account and session per simulated participant, as a conference
 * gives everyone an account of their own. (Sharing one account among a thousand clients would measure the
 * collab door's per-person rate limits instead of the server: they would close most of them.)
 */
import { hashPassword } from '../../server/auth/passwords.js';
import { startSession } from '../../server/auth/session.js';
import type { AppContext } from '../../server/context.js';

/** Creates `count` observers (`audience-0001` …) with a session each; returns their session cookies. */
export async function seatAudience(ctx: AppContext, count: number): Promise<string[]> {
  const passwordHash = await hashPassword('demo');
  const ids = await ctx.store.transaction(async () => {
    const out: string[] = [];
    for (let i = 1; i <= count; i++) {
      const username = `audience-${String(i).padStart(4, '0')}`;
      out.push(
        (
          await ctx.store.users.insert({
            username,
            displayName: `Participant ${i}`,
            role: 'observer',
            delegation: null,
            passwordHash,
          })
        ).id,
      );
    }
    return out;
  });
  const cookies: string[] = [];
  for (const id of ids) cookies.push(/^[^;]*/.exec(await startSession(ctx, id))![0]);
  return cookies;
}
