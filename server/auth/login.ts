import type { AppContext } from '../context.js';
import type { UserRow } from '../db/repositories/users.js';
import type { LoginAttempt } from '../db/repositories/loginAttempts.js';
import { newId } from '../db/ids.js';
import { HttpError } from '../http/errors.js';
import { loginLimits, loginWait, type LoginLimits } from './loginPolicy.js';
import { decoyHash, verifyPassword } from './passwords.js';
import { hashToken } from './tokens.js';

const WRONG = 'Wrong username or password.';

/**
 * Password and link sign-in. A password attempt is counted before the password is checked: deciding that it
 * may go ahead and recording it (as a failure, until it succeeds) are one transaction, so of any number of
 * concurrent guesses only as many are checked as the limits allow (`loginPolicy.ts`), on every node. The
 * message for a wrong password and an unknown user is the same, and both cost one scrypt.
 */
export class LoginService {
  private readonly limits: LoginLimits;

  constructor(private readonly ctx: AppContext) {
    this.limits = loginLimits(ctx.config.LOGIN_MAX_FAILURES);
  }

  async withPassword(username: string, password: string, address: string): Promise<UserRow> {
    const attempt = await this.begin(username.toLowerCase(), address);
    const user = await this.ctx.store.users.byUsername(username);
    const ok = await verifyPassword(password, user?.password_hash ?? (await decoyHash()), address);
    if (!user || !user.password_hash || !ok) {
      await this.ctx.store.loginAttempts.failed(attempt);
      throw HttpError.of('invalid_credentials', WRONG);
    }
    await this.ctx.store.loginAttempts.succeeded(attempt);
    return user;
  }

  /**
   * Consumes a one-time login link; 401 `link_invalid` when unknown, used or expired. A valid link is never
   * refused for what others did from the same address; an invalid one counts as a failure of that address.
   */
  async withLink(token: string, address: string): Promise<UserRow> {
    const userId = await this.ctx.store.loginLinks.consume(hashToken(token));
    const user = userId ? await this.ctx.store.users.byId(userId) : undefined;
    if (user) return user;
    const at = Date.now();
    await this.ctx.store.loginAttempts.add({ id: newId(), account: '', address, at }, at - this.limits.windowMs, true);
    throw HttpError.of('link_invalid');
  }

  /**
   * Admits and records an attempt, or refuses it with 429 `rate_limited` and `Retry-After`. An attempt the
   * recorded failures refuse already is refused on a plain read, without the writer: more failures only make the
   * wait longer, so the same read under the writer's lock would refuse it too. A flood of guesses past the limit
   * then costs a read each, not a write transaction queued behind the room's commits.
   */
  private async begin(account: string, address: string): Promise<LoginAttempt> {
    const refused = await this.wait(account, address);
    if (refused > 0) throw tooManyAttempts(refused);
    return this.ctx.store.transaction(async () => {
      // Read again under the writer lock: the attempts admitted just before this one are counted now.
      const at = Date.now();
      const wait = await this.wait(account, address, at);
      if (wait > 0) throw tooManyAttempts(wait);
      const attempt: LoginAttempt = { id: newId(), account, address, at };
      await this.ctx.store.loginAttempts.add(attempt, at - this.limits.windowMs);
      return attempt;
    });
  }

  /** How long an attempt at `account` from `address` must wait, by the attempts recorded now (0: none). */
  private async wait(account: string, address: string, at = Date.now()): Promise<number> {
    const history = await this.ctx.store.loginAttempts.history(account, address, at - this.limits.windowMs + 1);
    return loginWait(history, at, this.limits);
  }
}

function tooManyAttempts(waitMs: number): HttpError {
  const seconds = Math.max(1, Math.ceil(waitMs / 1000));
  const when = seconds < 120 ? `${seconds} second(s)` : `${Math.ceil(seconds / 60)} minute(s)`;
  return HttpError.of('rate_limited', `Too many failed sign-ins. Try again in ${when}.`, undefined, {
    'Retry-After': String(seconds),
  });
}
