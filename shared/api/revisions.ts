import { z } from 'zod';
import type { ClauseChange, RevisionDiff } from '../domain/revisionDiff.js';

/** Longest revision name ("Rev.2 (after informal consultations)"). */
export const REVISION_NAME_MAX = 80;

/** `POST /api/documents/:id/revisions` (secretariat). Names are unique per document, ignoring case. */
export const createRevisionRequest = z.object({
  name: z.string().trim().min(1).max(REVISION_NAME_MAX),
});

const revisionRef = z.union([z.literal('live'), z.string().regex(/^[A-Za-z0-9_-]{1,64}$/)]);

/** `GET /api/documents/:id/revisions/diff?from=&to=`: two revision ids, either of which may be `live`. */
export const revisionDiffQuery = z.object({ from: revisionRef, to: revisionRef.default('live') });

/** `GET /api/documents/:id/clauses/:clauseId/attribution?since=`: colour only what was written after a revision. */
export const attributionQuery = z.object({
  since: z
    .string()
    .regex(/^[A-Za-z0-9_-]{1,64}$/)
    .optional(),
});

/** A published revision (its frozen text is read with `GET /api/documents/:id?revision=ID`). */
export interface RevisionJson {
  id: string;
  name: string;
  createdAt: string;
  /** Username of who published it. */
  createdBy: string | null;
  /** Their display name, as people are named on screen. */
  createdByName: string | null;
  clauseCount: number;
}

/** `GET /api/documents/:id/revisions`: oldest first, with the name the next one would conventionally take. */
export interface RevisionListResponse {
  revisions: RevisionJson[];
  suggestedName: string;
}

/** `GET /api/documents/:id/revisions/diff`. */
export interface RevisionDiffResponse extends RevisionDiff {
  from: { id: string; name: string };
  to: { id: string; name: string };
}

export type { ClauseChange };

/**
 * The conventional name of the next revision: "Zero draft" first, then "Rev.1", "Rev.2", … after the
 * highest "Rev.N" published so far.
 */
export function nextRevisionName(existing: readonly string[]): string {
  if (existing.length === 0) return 'Zero draft';
  let highest = 0;
  for (const name of existing) {
    const match = /^Rev\.\s*(\d+)$/i.exec(name.trim());
    if (match) highest = Math.max(highest, Number(match[1]));
  }
  return `Rev.${highest + 1}`;
}

/** Who wrote a run of text: a delegation (by code) or a staff role, or nobody known (before `since`). */
export interface AttributionAuthor {
  /** Delegation code, or the role for people without one ("secretariat", "chair"). */
  key: string;
  delegation: string | null;
  role: string | null;
}

export interface AttributionRun {
  text: string;
  /** Null for text written before the chosen revision (shown uncoloured) or of unknown origin. */
  author: string | null;
}

/** One paragraph of the clause, labelled as printed ("(a)" for a subparagraph). */
export interface AttributionBlock {
  label: string | null;
  depth: number;
  runs: AttributionRun[];
}

/** `GET /api/documents/:id/clauses/:clauseId/attribution`. */
export interface AttributionResponse {
  clauseId: string;
  since: { id: string; name: string } | null;
  blocks: AttributionBlock[];
  /** Every author appearing in `blocks`, by key, in order of first appearance. */
  authors: AttributionAuthor[];
}
