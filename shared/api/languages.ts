import { z } from 'zod';
import { LANGUAGE_CODES, SETTABLE_TRANSLATION_STATUSES, type TranslationStatus } from '../domain/languages.js';

/** `POST /api/documents/:id/languages` (secretariat): adds a version in `code`. */
export const addLanguageRequest = z.object({ code: z.enum(LANGUAGE_CODES) });
export type AddLanguageRequest = z.infer<typeof addLanguageRequest>;

/** `POST /api/documents/:id/clauses/:clauseId/translations/:lang/status` (translator of `lang`, secretariat). */
export const setTranslationStatusRequest = z.object({ status: z.enum(SETTABLE_TRANSLATION_STATUSES) });
export type SetTranslationStatusRequest = z.infer<typeof setTranslationStatusRequest>;

/** A version of a document in `GET /api/documents/:id`: its language, and how many live clauses are current in it. */
export interface DocumentLanguageJson {
  code: string;
  /** True for the negotiating original (its clauses are all current in it). */
  original: boolean;
  current: number;
  total: number;
}

/**
 * Where a clause's version stands, in `GET /api/documents/:id?lang=<code>`. `since` is when it was last
 * marked (draft or current). A stale clause carries `originalThen`, the original clause's text when the
 * version was marked current (empty when a split or merge voided it), for the word diff against `original`,
 * the original's text now.
 */
export interface ClauseTranslationJson {
  status: TranslationStatus;
  since?: string;
  originalThen?: string;
  original?: string;
}

/** The answer to a status change. */
export interface TranslationStatusResult {
  clauseId: string;
  lang: string;
  status: TranslationStatus;
}

/** `translation:status`, pushed to the document's room after a status change commits. */
export interface TranslationStatusChanged {
  documentId: string;
  clauseId: string;
  lang: string;
  status: TranslationStatus;
  by: string;
}
