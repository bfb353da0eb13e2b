import { z } from 'zod';
import { SILENCE_MAX_MINUTES, SILENCE_STATEMENT_MAX } from '../domain/silence.js';
export { SILENCE_MAX_MINUTES, SILENCE_STATEMENT_MAX } from '../domain/silence.js';

/**
 * The silence procedure: the chair circulates a decision until a deadline; any head of delegation may break
 * silence with a statement; unbroken at the deadline, the decision is taken by the server (for `adoption`,
 * the text is adopted without a vote exactly as `POST /api/documents/:id/adoption` adopts it).
 */

/** What a procedure decides: for now the adoption of the whole text without a vote. */
export const SILENCE_SUBJECTS = ['adoption'] as const;
export type SilenceSubject = (typeof SILENCE_SUBJECTS)[number];

/** Shortest silence, in minutes, when given as `minutes`; a `deadline` only has to lie ahead. */
export const SILENCE_MIN_MINUTES = 1;

/**
 * `POST /api/documents/:id/silence` — starts a procedure, until `deadline` (ISO 8601 with a zone) or for
 * `minutes` from now, one of the two. `acknowledge: true` accepts what is unfinished in the text, as for the
 * adoption without a vote (409 `needs_acknowledgement` without it).
 */
export const startSilenceRequest = z
  .object({
    subject: z.enum(SILENCE_SUBJECTS),
    deadline: z.iso.datetime({ offset: true }).optional(),
    minutes: z.number().int().min(SILENCE_MIN_MINUTES).max(SILENCE_MAX_MINUTES).optional(),
    acknowledge: z.boolean().optional(),
  })
  .strict()
  .refine((body) => (body.deadline === undefined) !== (body.minutes === undefined), {
    message: 'Give either a deadline or minutes, not both.',
    path: ['deadline'],
  });
export type StartSilenceRequest = z.infer<typeof startSilenceRequest>;

/** `POST /api/documents/:id/silence/break` — a head breaks silence, saying why. */
export const breakSilenceRequest = z
  .object({ statement: z.string().trim().min(1).max(SILENCE_STATEMENT_MAX) })
  .strict();
export type BreakSilenceRequest = z.infer<typeof breakSilenceRequest>;

/** A delegation's statement breaking silence. */
export interface SilenceBreakJson {
  delegation: string;
  statement: string;
  by: string;
  at: string;
}

/**
 * A procedure: `running` until its deadline; `broken` by a head's statement (the text stays in adoption and the
 * chair may put it to a vote); `withdrawn` by the chair, by a stage move out of adoption (`endedReason`
 * `stage_changed`), or by the server when at the deadline the decision could no longer be taken (`vote_open`,
 * `needs_acknowledgement`); `passed` when the decision was taken.
 */
export interface SilenceJson {
  id: string;
  documentId: string;
  subject: SilenceSubject;
  status: 'running' | 'broken' | 'passed' | 'withdrawn';
  deadline: string;
  startedBy: string;
  startedAt: string;
  endedAt: string | null;
  endedReason: string | null;
  breaks: SilenceBreakJson[];
}

/** `GET /api/documents/:id/silence`: the document's latest procedure, or null when none was started. */
export interface SilenceResponse {
  silence: SilenceJson | null;
}

/** `silence:changed`: the procedure whole, and what happened to it. */
export interface SilenceChanged {
  documentId: string;
  change: 'started' | 'broken' | 'withdrawn' | 'passed';
  /** Who did it; null when the server took the decision at the deadline. */
  by: string | null;
  silence: SilenceJson;
}
