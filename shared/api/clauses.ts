import { z } from 'zod';
import { BODY_KINDS, CLAUSE_KINDS } from '../domain/clauses.js';
export { BODY_KINDS, type BodyKind } from '../domain/clauses.js';
import { idSchema } from './documents.js';

/**
 * `POST /api/documents/:id/clauses` (secretariat): a new clause after `after` (null or absent: first), its
 * text in the light markup (shared/editor/markup.ts), within the text limits in force (413 beyond).
 */
export const insertClauseRequest = z.object({
  kind: z.enum(CLAUSE_KINDS),
  after: idSchema.nullable().optional(),
  text: z.string().optional(),
});
export type InsertClauseRequest = z.infer<typeof insertClauseRequest>;

/** `POST /api/documents/:id/clauses/:clauseId/move` (secretariat): after `after`, or first when null. */
export const moveClauseRequest = z.object({ after: idSchema.nullable() });
export type MoveClauseRequest = z.infer<typeof moveClauseRequest>;

/** `POST /api/documents/:id/clauses/:clauseId/kind` (secretariat): numbering follows at once. */
export const setClauseKindRequest = z.object({ kind: z.enum(BODY_KINDS) });
export type SetClauseKindRequest = z.infer<typeof setClauseKindRequest>;

/** A base64 `Y.encodeRelativePosition(...)` over the clause's fragment (see `shared/api/comments.ts`). */
const relativePosition = z
  .string()
  .regex(/^[A-Za-z0-9+/]+={0,2}$/, 'expected a base64 relative position')
  .max(512);

/**
 * `POST /api/documents/:id/clauses/:clauseId/split` (secretariat): the clause is cut at `at`, a relative
 * position in its text (so the cut lands between the same characters whatever was typed meanwhile); what
 * follows becomes a new clause right after it, of `kind` (default: the same kind; a title's is preambular).
 */
export const splitClauseRequest = z.object({ at: relativePosition, kind: z.enum(BODY_KINDS).optional() });
export type SplitClauseRequest = z.infer<typeof splitClauseRequest>;

/**
 * `POST /api/documents/:id/clauses/:clauseId/restore` (secretariat): a deleted clause back in the text after
 * `after` (first when null), with its text, comments and amendments: the undo of a deletion.
 */
export const restoreClauseRequest = z.object({ after: idSchema.nullable() });
export type RestoreClauseRequest = z.infer<typeof restoreClauseRequest>;

/**
 * The answer of a merge (`POST /api/documents/:id/clauses/:clauseId/merge`): the clause merged into the one
 * before it, `id`; `joinAt` is where the merged text begins in it (a ProseMirror position, for the caret).
 */
export interface MergeClauseResult extends ClauseStructureResult {
  joinAt: number;
}

/** The answer of the structure commands. */
export interface ClauseStructureResult {
  id: string;
  /** Clause ids in document order after the change. */
  order: string[];
}
