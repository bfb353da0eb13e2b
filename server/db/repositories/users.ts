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
}

export interface NewUser {
  username: string;
  displayName: string;
  role: Role;
  delegation: string | null;
  passwordHash: string | null;
  /** Languages the account translates into; none when absent. */
  translates?: readonly string[];
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
    };
    await this.sql.run(
      `INSERT INTO users (id, username, display_name, role, delegation, password_hash, created_at, translation_languages)
       VALUES (@id, @username, @displayName, @role, @delegation, @passwordHash, @createdAt, @translates)`,
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

  async setPassword(id: string, passwordHash: string): Promise<void> {
    await this.sql.run('UPDATE users SET password_hash = ? WHERE id = ?', [passwordHash, id]);
  }
}
