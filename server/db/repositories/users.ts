import type { DB } from '../connection.js';
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
}

export interface NewUser {
  username: string;
  displayName: string;
  role: Role;
  delegation: string | null;
  passwordHash: string | null;
}

/** Accounts. Usernames are stored lower-case and unique. */
export class Users {
  private readonly byIdStmt;
  private readonly byUsernameStmt;
  private readonly insertStmt;
  private readonly listStmt;
  private readonly byDelegationStmt;
  private readonly countStmt;
  private readonly setPasswordStmt;

  constructor(db: DB) {
    this.byIdStmt = db.prepare<[string], UserRow>('SELECT * FROM users WHERE id = ?');
    this.byUsernameStmt = db.prepare<[string], UserRow>('SELECT * FROM users WHERE username = ?');
    this.insertStmt = db.prepare(
      `INSERT INTO users (id, username, display_name, role, delegation, password_hash, created_at)
       VALUES (@id, @username, @displayName, @role, @delegation, @passwordHash, @createdAt)`,
    );
    this.listStmt = db.prepare<[], UserRow>('SELECT * FROM users ORDER BY delegation IS NOT NULL, delegation, role, username');
    this.byDelegationStmt = db.prepare<[string], UserRow>('SELECT * FROM users WHERE delegation = ? ORDER BY role DESC, username');
    this.countStmt = db.prepare<[], { n: number }>('SELECT COUNT(*) AS n FROM users');
    this.setPasswordStmt = db.prepare('UPDATE users SET password_hash = ? WHERE id = ?');
  }

  byId(id: string): UserRow | undefined {
    return this.byIdStmt.get(id);
  }

  byUsername(username: string): UserRow | undefined {
    return this.byUsernameStmt.get(username.toLowerCase());
  }

  insert(user: NewUser): UserRow {
    const row = { id: newId(), ...user, username: user.username.toLowerCase(), createdAt: now() };
    this.insertStmt.run(row);
    return this.byId(row.id)!;
  }

  list(): UserRow[] {
    return this.listStmt.all();
  }

  byDelegation(code: string): UserRow[] {
    return this.byDelegationStmt.all(code);
  }

  count(): number {
    return this.countStmt.get()!.n;
  }

  setPassword(id: string, passwordHash: string): void {
    this.setPasswordStmt.run(passwordHash, id);
  }
}
