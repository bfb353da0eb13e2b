import { z } from 'zod';
import { ROLES } from '../domain/roles.js';
import { LANGUAGE_CODES } from '../domain/languages.js';
import { LANGUAGES } from '../domain/countries.js';

/** ISO 3166-1 alpha-3, upper case. Whether the code names a real country is checked on the server. */
export const iso3Schema = z
  .string()
  .trim()
  .regex(/^[A-Za-z]{3}$/, 'must be a three-letter ISO 3166-1 alpha-3 code')
  .transform((s) => s.toUpperCase());

/** `POST /api/admin/delegations` */
export const createDelegationRequest = z.object({ code: iso3Schema });

/** `POST /api/admin/users` */
export const createUserRequest = z.object({
  username: z
    .string()
    .trim()
    .toLowerCase()
    .regex(/^[a-z0-9][a-z0-9._-]{1,62}$/, 'use 2–63 letters, digits, dots, dashes or underscores'),
  displayName: z.string().trim().min(1).max(120),
  role: z.enum(ROLES),
  delegation: iso3Schema.nullable().optional(),
  password: z.string().min(8).max(256).optional(),
  /** The translator role, per language, held beside `role` (none when absent). */
  translationLanguages: z
    .array(z.enum(LANGUAGE_CODES))
    .max(LANGUAGE_CODES.length)
    .transform((codes) => [...new Set(codes)])
    .optional(),
  /** Where the person's notifications are e-mailed when the server sends e-mail (`SMTP_URL`); none when absent. */
  email: z.string().trim().toLowerCase().max(254).pipe(z.email()).nullable().optional(),
  /** The language the person's e-mail is written in; English when absent. */
  language: z.enum(LANGUAGES).nullable().optional(),
});
export type CreateUserRequest = z.infer<typeof createUserRequest>;

/**
 * `POST /api/admin/users/:id/translation-languages`: the account's translator role, per language, given or taken
 * (the list replaces the one it had; empty for none).
 */
export const setTranslationLanguagesRequest = z.object({
  translationLanguages: z
    .array(z.enum(LANGUAGE_CODES))
    .max(LANGUAGE_CODES.length)
    .transform((codes) => [...new Set(codes)]),
});
export type SetTranslationLanguagesRequest = z.infer<typeof setTranslationLanguagesRequest>;

/** `POST /api/admin/login-links` — one link per user, valid for `hours`. */
export const createLoginLinksRequest = z.object({
  usernames: z.array(z.string().trim().toLowerCase()).min(1).max(500).optional(),
  delegation: iso3Schema.optional(),
  hours: z
    .number()
    .int()
    .min(1)
    .max(24 * 30)
    .default(72),
});

export interface LoginLinkJson {
  username: string;
  displayName: string;
  role: string;
  delegation: string | null;
  url: string;
  expiresAt: string;
}

export interface DelegationJson {
  code: string;
  /** Names by language: the UN short names (UNTERM) in English and Russian, the ISO 3166 data in Kazakh. */
  names: { en: string; ru: string; kk: string };
  members: number;
}
