/**
 * Who someone is in the conference. Heads and delegates belong to exactly one delegation; the other roles
 * belong to none.
 */
export const ROLES = ['admin', 'chair', 'secretariat', 'head', 'delegate', 'observer'] as const;
export type Role = (typeof ROLES)[number];

/** Roles that must belong to a delegation. */
export const DELEGATION_ROLES: readonly Role[] = ['head', 'delegate'];

/** The authenticated person behind a request or socket, as the server knows them. */
export interface Actor {
  userId: string;
  username: string;
  displayName: string;
  role: Role;
  /** ISO 3166-1 alpha-3 code of the person's delegation, or null. */
  delegation: string | null;
  /**
   * Languages the person translates into (`shared/domain/languages.ts`), held beside their role: the
   * translator role per language. Absent or empty: none.
   */
  translates?: readonly string[];
}

export function requiresDelegation(role: Role): boolean {
  return DELEGATION_ROLES.includes(role);
}
