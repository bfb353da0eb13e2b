import { z } from 'zod';
import { ROLES } from '../domain/roles.js';

/** `POST /api/auth/login` */
export const loginRequest = z.object({
  username: z.string().trim().min(1).max(64),
  password: z.string().min(1).max(256),
});
export type LoginRequest = z.infer<typeof loginRequest>;

/** `POST /api/auth/link` — exchange a one-time login link's token for a session. */
export const linkLoginRequest = z.object({ token: z.string().min(16).max(128) });

/** The signed-in person, as `GET /api/auth/me` and login return them. */
export const sessionUser = z.object({
  id: z.string(),
  username: z.string(),
  displayName: z.string(),
  role: z.enum(ROLES),
  delegation: z.string().nullable(),
  /** Languages the person translates into (`docs/languages.md`); absent or empty for none. */
  translationLanguages: z.array(z.string()).optional(),
});
export type SessionUser = z.infer<typeof sessionUser>;

export interface LoginResponse {
  user: SessionUser;
}

/** `GET /api/session`: who is signed in on this browser, `null` for a visitor without a session. */
export interface SessionResponse {
  user: SessionUser | null;
}
