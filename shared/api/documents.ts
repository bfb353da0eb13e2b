import { LANGUAGE_CODES } from '../domain/languages.js';
import type { ClauseTranslationJson, DocumentLanguageJson } from './languages.js';
import { z } from 'zod';
import { CLAUSE_KINDS, CLAUSE_STATUSES, type ClauseKind, type ClauseStatus } from '../domain/clauses.js';
import { STAGES, type Stage, type StageStep } from '../domain/stages.js';
import type { UnfinishedItem } from '../domain/unfinished.js';
import type { ClauseJSON } from '../editor/schema.js';
import type { DetailedErrorBody } from './errors.js';
import type { TextLimits } from '../domain/limits.js';
import { DRAFT_TEMPLATES, OBJECTION_WINDOW_MAX_MINUTES, STAGE_REASON_MAX } from '../domain/documentRules.js';
export {
  DRAFT_TEMPLATES,
  OBJECTION_WINDOW_MAX_MINUTES,
  STAGE_REASON_MAX,
  type DraftTemplate,
} from '../domain/documentRules.js';

/** One clause as `GET /api/documents/:id` presents it (public contract). */
export interface ClauseJson {
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
  /** With `?lang=<code>` of a version (not the original): where this clause's version stands. */
  translation?: ClauseTranslationJson;
}

/** `GET /api/documents/:id` (public contract, extended with metadata). */
export interface DocumentJson {
  id: string;
  title: string;
  symbol: string;
  stage: Stage;
  metadata: Record<string, unknown>;
  clauses: ClauseJson[];
  /** The language versions, the original first, each with how many live clauses are current in it. */
  languages?: DocumentLanguageJson[];
  /** The version this view shows, with `?lang=`; absent for the original. */
  lang?: string;
  /**
   * The stepper: the moves out of the current stage (`shared/domain/stages.ts`, `STAGE_MOVES`), each with how
   * it is made and, for the reader asking, why they may not make it now (`refusal`: `role_not_allowed`,
   * `vote_open`, …; null when they may). A `back` step asks for a reason when taken; the `adoption` step is
   * `POST /api/documents/:id/adoption` (a vote on the whole text goes through the votes API). Empty once
   * adopted. Absent from a revision's view.
   */
  stageMoves?: StageStep[];
  /**
   * The text limits in force on this server (`MAX_CLAUSE_CHARS`, `MAX_DOCUMENT_CHARS`), so the editor can
   * count towards them. Absent from a revision's view.
   */
  limits?: TextLimits;
  /** Once adopted: how, and the fingerprint the ledger recorded (`document.adopted`). Absent before, and from a revision's view. */
  adoption?: AdoptionRecord;
}

/**
 * The adoption of a text as the ledger's `document.adopted` entry records it: what the projector and the
 * export page show, and what `verify-ledger` recomputes from storage.
 */
export interface AdoptionRecord {
  method: 'vote' | 'without_vote';
  /** The vote on the whole text that adopted it (by a vote). */
  vote?: string;
  /** The objection window the chair gave, in minutes (without a vote). */
  objectionWindowMinutes?: number;
  /** The silence procedure whose deadline passed unbroken, when it took the decision (without a vote). */
  silence?: string;
  /** SHA-256 (hex) of the canonical adopted text (`server/export/fingerprint.ts`). */
  fingerprint: string;
  /** The Yjs state vector of the adopted text, base64. */
  stateVector: string;
  /** When it was recorded, and the ledger entry (`seq`) that holds it. */
  at: string;
  entry: number;
}

/** `GET /api/documents` */
export interface DocumentSummary {
  id: string;
  title: string;
  symbol: string;
  stage: Stage;
  clauseCount: number;
}

/**
 * `POST /api/documents/:id/stage` (public contract, extended). `reason` is required to go back (400
 * `reason_required` without one); a forward move may give one. The ledger's `document.stage` entry keeps it
 * and the `document:stage` event carries it. `adopted` is never reached here (409 `adoption_not_by_stage`);
 * no move while a vote of the document is open (409 `vote_open`); none once adopted (409 `stage_final`).
 */
export const changeStageRequest = z.object({
  stage: z.enum(STAGES),
  reason: z.string().max(STAGE_REASON_MAX).nullable().optional(),
});
export type ChangeStageRequest = z.infer<typeof changeStageRequest>;

/** Answer of `POST /api/documents/:id/stage`; `stage` equals `previous` when it was already the stage asked. */
export interface ChangeStageResponse {
  id: string;
  stage: Stage;
  previous: Stage;
}

/**
 * `POST /api/documents/:id/adoption` — the chair records the text as adopted without a vote, in the adoption
 * stage, with the objection window they gave (whole minutes; 0 when they asked the room and heard none).
 * `acknowledge: true` accepts what is unfinished; without it an unfinished text answers 409
 * `needs_acknowledgement` (see `NeedsAcknowledgementBody`).
 */
export const adoptionRequest = z.object({
  objectionWindowMinutes: z.number().int().min(0).max(OBJECTION_WINDOW_MAX_MINUTES),
  acknowledge: z.boolean().optional(),
});
export type AdoptionRequest = z.infer<typeof adoptionRequest>;

/** Answer of `POST /api/documents/:id/adoption`: the adopted text's fingerprint as the ledger recorded it, and what lapsed. */
export interface AdoptionResponse {
  id: string;
  stage: 'adopted';
  previous: Stage;
  method: 'without_vote';
  /** SHA-256 (hex) of the canonical adopted text (`server/export/fingerprint.ts`). */
  fingerprint: string;
  /** The Yjs state vector of the adopted text, base64: which edits it includes. */
  stateVector: string;
  /** Votes and amendments that lapsed, by id. */
  lapsed: { votes: string[]; amendments: string[] };
}

/**
 * The body of 409 `needs_acknowledgement`, answered by `POST /api/documents/:id/votes` (subject `document`)
 * and `POST /api/documents/:id/adoption` when the text is unfinished and the request did not carry
 * `acknowledge: true`: the usual `{ id, message }` with `items`, what is unfinished, grouped by kind
 * (`shared/domain/unfinished.ts`: `bracketed`, `not_agreed`, `amendment_undecided`, `typing`, `open_vote`),
 * each naming its clause (`clauseId`, `ref`), amendment (`amendmentId`) or vote (`voteId`). Send the request
 * again with `acknowledge: true` to go ahead; the ledger keeps the list acknowledged.
 */
export type NeedsAcknowledgementBody = DetailedErrorBody<{ items: UnfinishedItem[] }>;

/** `POST /api/documents/:id/clauses/:clauseId/status` */
export const setClauseStatusRequest = z.object({ status: z.enum(CLAUSE_STATUSES) });

export const clauseKindSchema = z.enum(CLAUSE_KINDS);

/** Identifiers in paths: documents and clauses use short url-safe ids. */
export const idSchema = z.string().regex(/^[A-Za-z0-9_-]{1,64}$/);

/**
 * `POST /api/documents` — the secretariat opens a new draft: its title and UN document symbol
 * (e.g. `WIC/2027/L.1`). The draft starts in the drafting stage with its title and, by `template`, one empty
 * operative paragraph (`blank`, the default) or an empty preambular and operative paragraph (`declaration`,
 * and an annex with `declarationWithAnnex`) — or with the `clauses` given after the title (text in the light
 * markup: a Word draft's clauses as the import read them and the secretariat corrected them). Its id is the
 * symbol in lower case, dashes for the rest (`wic-2027-l-1`), unless one is given.
 */
export const createDocumentRequest = z.object({
  title: z.string().trim().min(1).max(300),
  symbol: z.string().trim().min(1).max(100),
  id: idSchema.optional(),
  template: z.enum(DRAFT_TEMPLATES).optional(),
  /** The original's language, the one the text is negotiated in (`en` when absent; `docs/languages.md`). */
  language: z.enum(LANGUAGE_CODES).optional(),
  clauses: z
    .array(z.object({ kind: z.enum(CLAUSE_KINDS).exclude(['title']), text: z.string() }))
    .min(1)
    .max(5000)
    .optional(),
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
