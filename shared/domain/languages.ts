/**
 * Language versions of a document (issue 20). One language is the negotiating original, held in the clause
 * fragments `clause/<id>`; every other version is aligned with it clause by clause (`clause/<id>/<code>`).
 */

/** Codes a version may take: the congress's languages and the six official languages of the UN. */
export const LANGUAGE_CODES = ['en', 'ru', 'kk', 'uz', 'ar', 'zh', 'fr', 'es'] as const;
export type LanguageCode = (typeof LANGUAGE_CODES)[number];

/** The original's language of a document that recorded none (every document before versions existed). */
export const DEFAULT_ORIGINAL: LanguageCode = 'en';

/** True when `code` is one of `LANGUAGE_CODES`. */
export function isLanguageCode(code: string): code is LanguageCode {
  return (LANGUAGE_CODES as readonly string[]).includes(code);
}

/**
 * Where a clause's version stands against the original: `missing` (nothing written), `draft` (written, not
 * yet vouched for), `current` (marked current and the original has not changed since), `stale` (marked
 * current, and the original changed afterwards or its clause was split or merged).
 */
export const TRANSLATION_STATUSES = ['missing', 'draft', 'current', 'stale'] as const;
export type TranslationStatus = (typeof TRANSLATION_STATUSES)[number];

/** What a translator or the secretariat may set; `missing` and `stale` follow from the text. */
export const SETTABLE_TRANSLATION_STATUSES = ['draft', 'current'] as const;
export type SettableTranslationStatus = (typeof SETTABLE_TRANSLATION_STATUSES)[number];

/** What storage holds of one clause's version: the status set and, when marked current, the original's fingerprint. */
export interface TranslationMark {
  status: SettableTranslationStatus;
  /** Fingerprint of the original clause's text when marked current (`''` once a split or merge voided it). */
  fingerprint: string | null;
}

/**
 * The status of a clause's version: `empty` says whether its fragment holds no text, `originalFingerprint`
 * is the fingerprint of the original clause's text now.
 */
export function translationStatus(
  mark: TranslationMark | undefined,
  empty: boolean,
  originalFingerprint: string,
): TranslationStatus {
  if (empty) return 'missing';
  if (!mark || mark.status === 'draft') return 'draft';
  return mark.fingerprint === originalFingerprint ? 'current' : 'stale';
}
