/**
 * Mentions in a comment. `@` starts one where it does not follow a letter, digit, `_` or another `@` (so an
 * e-mail address mentions nobody), and the mention runs over letters, digits, `.`, `_` and `-`, less any
 * `.`, `_` or `-` it ends with (the full stop of a sentence). Exactly three capital letters name a delegation
 * by its ISO 3166-1 alpha-3 code (`@KAZ`); anything else names a person by username, compared without case
 * (`@kaz-head`, `@Chair`). Which of them exist is the server's to check.
 */
export interface Mentions {
  /** Delegation codes, upper case, in order of first mention, without duplicates. */
  delegations: string[];
  /** Usernames, lower case, in order of first mention, without duplicates. */
  usernames: string[];
}

const MENTION = /(?<![\p{L}\p{N}_@])@([\p{L}\p{N}][\p{L}\p{N}._-]*)/gu;
const DELEGATION_CODE = /^[A-Z]{3}$/;
/** The shape of a username (`shared/api/admin.ts`: 2–63 of a-z, 0-9, `.`, `_`, `-`, starting with a letter or digit). */
const USERNAME = /^[a-z0-9][a-z0-9._-]{1,62}$/;

/** The delegations and people a comment's text mentions. */
export function parseMentions(body: string): Mentions {
  const delegations: string[] = [];
  const usernames: string[] = [];
  for (const match of body.matchAll(MENTION)) {
    const name = match[1]!.replace(/[._-]+$/, '');
    if (DELEGATION_CODE.test(name)) {
      if (!delegations.includes(name)) delegations.push(name);
      continue;
    }
    const username = name.toLowerCase();
    if (USERNAME.test(username) && !usernames.includes(username)) usernames.push(username);
  }
  return { delegations, usernames };
}
