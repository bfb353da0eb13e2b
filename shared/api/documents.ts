import { z } from 'zod';
import { CLAUSE_KINDS, CLAUSE_STATUSES, type ClauseKind, type ClauseStatus } from '../domain/clauses.js';
import { STAGES, type Stage } from '../domain/stages.js';
import type { ClauseJSON } from '../editor/schema.js';
import type { TextLimits } from '../domain/limits.js';

/** One clause as `GET /api/documents/:id` presents it (public contract). */
export interface ClauseView {
  id: string;
  kind: ClauseKind;
  /** Derived printed label ("1", "PP2", "Annex I"); null for the title and headings. */
  number: string | null;
  /** Derived short reference ("OP1", "PP2", "Title"). */
  ref: string;
  /** Plain text, subparagraph labels included. */
  text: string;
  status: ClauseStatus;
  /** Count of bracketed passages (`[…]`) still in the text. */
  openBrackets: number;
  /** Rich content (shared schema JSON), only with `?include=content`. */
  content?: ClauseJSON;
}

/** `GET /api/documents/:id` (public contract, extended with metadata). */
export interface DocumentView {
  id: string;
  title: string;
  symbol: string;
  stage: Stage;
  metadata: Record<string, unknown>;
  clauses: ClauseView[];
  /**
   * The text limits in force on this server (`MAX_CLAUSE_CHARS`, `MAX_DOCUMENT_CHARS`), so the editor can
   * count towards them. Absent from a revision's view.
   */
  limits?: TextLimits;
}

/** `GET /api/documents` */
export interface DocumentSummary {
  id: string;
  title: string;
  symbol: string;
  stage: Stage;
  clauseCount: number;
}

/** `POST /api/documents/:id/stage` */
export const changeStageRequest = z.object({ stage: z.enum(STAGES) });

/** `POST /api/documents/:id/clauses/:clauseId/status` */
export const setClauseStatusRequest = z.object({ status: z.enum(CLAUSE_STATUSES) });

export const clauseKindSchema = z.enum(CLAUSE_KINDS);

/** Identifiers in paths: documents and clauses use short url-safe ids. */
export const idSchema = z.string().regex(/^[A-Za-z0-9_-]{1,64}$/);

/**
 * `POST /api/documents` — the secretariat opens a new draft: its title and UN document symbol
 * (e.g. `WIC/2027/L.1`). The draft starts in the drafting stage with its title and one empty operative
 * paragraph, for the committee to write in; its id is the symbol in lower case, dashes for the rest
 * (`wic-2027-l-1`), unless one is given.
 */
export const createDocumentRequest = z.object({
  title: z.string().trim().min(1).max(300),
  symbol: z.string().trim().min(1).max(100),
  id: idSchema.optional(),
});
export type CreateDocumentRequest = z.infer<typeof createDocumentRequest>;

/** The id a new document takes from its symbol: `WIC/2027/L.1` → `wic-2027-l-1`. */
export function documentIdOf(symbol: string): string {
  return symbol
    .normalize('NFKD')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 64)
    .replace(/-+$/, '');
}
