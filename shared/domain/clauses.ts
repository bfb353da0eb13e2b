/** What a clause is in the declaration; decides its numbering and typography. */
export const CLAUSE_KINDS = ['title', 'preamble', 'operative', 'heading', 'annex'] as const;
export type ClauseKind = (typeof CLAUSE_KINDS)[number];

/**
 * Where a clause stands in the negotiation. `agreed_ad_ref` (agreed ad referendum) locks the clause for
 * every writer until the chair or secretariat moves it back.
 */
export const CLAUSE_STATUSES = ['open', 'under_discussion', 'agreed_ad_ref', 'bracketed'] as const;
export type ClauseStatus = (typeof CLAUSE_STATUSES)[number];

/** True when no one may change the clause's text. */
export function isLocked(status: ClauseStatus): boolean {
  return status === 'agreed_ad_ref';
}

/** Kinds a clause can be given or changed to: the title is the document's own, made with it. */
export const BODY_KINDS = ['preamble', 'operative', 'heading', 'annex'] as const;
export type BodyKind = (typeof BODY_KINDS)[number];
