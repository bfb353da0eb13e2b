import { z } from 'zod';
import { CLAUSE_KINDS } from '../domain/clauses.js';
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

/** The answer of the three structure commands. */
export interface ClauseStructureResult {
  id: string;
  /** Clause ids in document order after the change. */
  order: string[];
}
