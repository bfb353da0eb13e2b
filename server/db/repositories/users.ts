import type { Sql } from '../sql.js';
import type { Role } from '../../../shared/domain/roles.js';
import { newId, now } from '../ids.js';

export interface UserRow {
  id: string;
  username: string;
  display_name: string;
  role: Role;
  delegation: string | null;
  password_hash: string | null;
  created_at: string;
  /** Languages the account translates into, comma-separated (migration 160); empty for none. */
  translation_languages: string;
  /** Where notifications are e-mailed (migration 170); null: none are. */
  email: string | null;
  /** The language the person's e-mail is written in (`en`, `ru`, `kk`); null: English. */
  language: string | null;
  /** 1 when the person wants notifications by e-mail too (the default), 0 when not. */
  email_notifications: number;
}

export interface NewUser {
  username: string;
  displayName: string;
  role: Role;
  delegation: string | null;
  passwordHash: string | null;
  /** Languages the account translates into; none when absent. */
  translates?: readonly string[];
  /** Where notifications are e-mailed; none when absent. */
  email?: string | null;
  /** The language of the person's e-mail; English when absent. */
  language?: string | null;
}

/** Accounts. Usernames are stored lower-case and unique. */
export class Users {
  constructor(private readonly sql: Sql) {}

  byId(id: string): Promise<UserRow | undefined> {
    return this.sql.get<UserRow>('SELECT * FROM users WHERE id = ?', [id]);
  }

  byUsername(username: string): Promise<UserRow | undefined> {
    return this.sql.get<UserRow>('SELECT * FROM users WHERE username = ?', [username.toLowerCase()]);
  }

  async insert(user: NewUser): Promise<UserRow> {
    const { translates, ...rest } = user;
    const row = {
      id: newId(),
      ...rest,
      username: user.username.toLowerCase(),
      createdAt: now(),
      translates: (translates ?? []).join(','),
      email: user.email ?? null,
      language: user.language ?? null,
    };
    await this.sql.run(
      `INSERT INTO users (id, username, display_name, role, delegation, password_hash, created_at, translation_languages,
                          email, language)
       VALUES (@id, @username, @displayName, @role, @delegation, @passwordHash, @createdAt, @translates, @email, @language)`,
      row,
    );
    return (await this.byId(row.id))!;
  }

  list(): Promise<UserRow[]> {
    return this.sql.all<UserRow>('SELECT * FROM users ORDER BY delegation IS NOT NULL, delegation, role, username');
  }

  byDelegation(code: string): Promise<UserRow[]> {
    return this.sql.all<UserRow>('SELECT * FROM users WHERE delegation = ? ORDER BY role DESC, username', [code]);
  }

  async count(): Promise<number> {
    return (await this.sql.get<{ n: number }>('SELECT COUNT(*) AS n FROM users'))!.n;
  }

  /** Replaces the languages the account translates into. */
  async setTranslationLanguages(id: string, codes: readonly string[]): Promise<void> {
    await this.sql.run('UPDATE users SET translation_languages = ? WHERE id = ?', [codes.join(','), id]);
  }

  /** Where the person's notifications are e-mailed (null: nowhere), and whether they want them e-mailed. */
  async setEmail(id: string, email: string | null, wanted = true): Promise<void> {
    await this.sql.run('UPDATE users SET email = ?, email_notifications = ? WHERE id = ?', [email, wanted ? 1 : 0, id]);
  }

  async setPassword(id: string, passwordHash: string): Promise<void> {
    await this.sql.run('UPDATE users SET password_hash = ? WHERE id = ?', [passwordHash, id]);
  }
}
