/**
 * Limits and choices of a document's commands the browser and the server share (the schemas are in
 * `shared/api/documents.ts`, which the browser does not load).
 */

/** Longest reason the chair may give for a stage move. */
export const STAGE_REASON_MAX = 1000;

/** Longest objection window the chair may give, in minutes (a week: a silence procedure between sessions). */
export const OBJECTION_WINDOW_MAX_MINUTES = 10_080;

/** The shapes a new draft can start from: a title and one operative paragraph, or a declaration's parts. */
export const DRAFT_TEMPLATES = ['blank', 'declaration', 'declarationWithAnnex'] as const;
export type DraftTemplate = (typeof DRAFT_TEMPLATES)[number];
