import type { AppContext } from '../context.js';
import type { UserRow } from '../db/repositories/users.js';
import { HttpError } from '../http/errors.js';
import { FailureLimiter } from './rateLimit.js';
import { decoyHash, verifyPassword } from './passwords.js';
import { hashToken } from './tokens.js';

const WRONG = 'Wrong username or password.';

/**
 * Password and link sign-in, with failure limits per (address, username) and per address. The message for
 * a wrong password and an unknown user is the same, and both cost one scrypt.
 */
export class LoginService {
  private readonly perUser: FailureLimiter;
  private readonly perAddress: FailureLimiter;

  constructor(private readonly ctx: AppContext) {
    this.perUser = new FailureLimiter(ctx.store.loginFailures, 'user', ctx.config.LOGIN_MAX_FAILURES);
    this.perAddress = new FailureLimiter(ctx.store.loginFailures, 'address', ctx.config.LOGIN_MAX_FAILURES * 10);
  }

  async withPassword(username: string, password: string, address: string): Promise<UserRow> {
    const userKey = `${address}|${username.toLowerCase()}`;
    const wait = Math.max(await this.perUser.retryAfter(userKey), await this.perAddress.retryAfter(address));
    if (wait > 0) {
      throw new HttpError(429, 'rate_limited', `Too many failed sign-ins. Try again in ${Math.ceil(wait / 60)} minute(s).`, undefined, {
        'Retry-After': String(wait),
      });
    }
    const user = await this.ctx.store.users.byUsername(username);
    const ok = await verifyPassword(password, user?.password_hash ?? (await decoyHash()));
    if (!user || !user.password_hash || !ok) {
      await this.perUser.fail(userKey);
      await this.perAddress.fail(address);
      throw new HttpError(401, 'invalid_credentials', WRONG);
    }
    await this.perUser.reset(userKey);
    return user;
  }

  /** Consumes a one-time login link; 401 `link_invalid` when unknown, used or expired. */
  async withLink(token: string, address: string): Promise<UserRow> {
    const wait = await this.perAddress.retryAfter(address);
    if (wait > 0) throw new HttpError(429, 'rate_limited', 'Too many failed sign-ins. Try again later.', undefined, { 'Retry-After': String(wait) });
    const userId = await this.ctx.store.loginLinks.consume(hashToken(token));
    const user = userId ? await this.ctx.store.users.byId(userId) : undefined;
    if (!user) {
      await this.perAddress.fail(address);
      throw new HttpError(401, 'link_invalid', 'This sign-in link is not valid: it may have been used already or have expired.');
    }
    return user;
  }
}
