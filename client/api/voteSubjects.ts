import type { AmendmentJson } from '../../shared/api/amendments.js';
import type { DocumentJson } from '../../shared/api/documents.js';
import type { VoteJson } from '../../shared/api/votes.js';
import { isLocked } from '../../shared/domain/clauses.js';

/**
 * What the chair's console may put to a vote, decided from what the console knows: the stage, the votes
 * already open, the clauses and the amendments as they now stand. The server decides again; this only keeps
 * the console from offering a vote that would fail, and names why a subject the chair chose is gone.
 */

/** A vote's subject, as the console's form holds it. */
export type VoteSubject = { type: 'document' } | { type: 'clause'; id: string } | { type: 'amendment'; id: string };

/** What the console knows about the document, for deciding what may be voted on. */
export interface SubjectContext {
  doc: Pick<DocumentJson, 'id' | 'clauses'>;
  votes: readonly Pick<VoteJson, 'status' | 'subject'>[];
  amendments: readonly Pick<AmendmentJson, 'id' | 'clauseId' | 'status' | 'clauseDeleted'>[];
  /** Whether votes may be opened at the document's stage (the permissions table's `vote.open`). */
  votesOpenAtStage: boolean;
}

/**
 * Why a subject cannot be put to a vote now: `stage` (no votes at this stage), `vote_open` (a vote on it is
 * open), `gone` (no such clause or amendment), `clause_deleted` and `clause_locked` (an amendment's clause left
 * the text or is agreed ad referendum), `withdrawn`, `in_vote` or `decided` (an amendment no longer submitted).
 */
export type Unavailable =
  'stage' | 'vote_open' | 'gone' | 'clause_deleted' | 'clause_locked' | 'withdrawn' | 'in_vote' | 'decided';

/** The form's value for a subject: `document`, `clause:<id>`, `amendment:<id>`. */
export function subjectKey(subject: VoteSubject): string {
  return subject.type === 'document' ? 'document' : `${subject.type}:${subject.id}`;
}

/** The subject a form value names, or null for anything else (the empty choice). */
export function parseSubjectKey(key: string): VoteSubject | null {
  if (key === 'document') return { type: 'document' };
  const match = /^(clause|amendment):(.+)$/.exec(key);
  return match ? ({ type: match[1] as 'clause' | 'amendment', id: match[2]! } as VoteSubject) : null;
}

/** Why `subject` cannot be put to a vote now, or null when it can. */
export function unavailability(context: SubjectContext, subject: VoteSubject): Unavailable | null {
  if (!context.votesOpenAtStage) return 'stage';
  const id = subject.type === 'document' ? context.doc.id : subject.id;
  if (context.votes.some((v) => v.status === 'open' && v.subject.type === subject.type && v.subject.id === id))
    return 'vote_open';
  if (subject.type === 'document') return null;
  if (subject.type === 'clause')
    return context.doc.clauses.some((c) => c.id === id && c.kind !== 'title') ? null : 'gone';
  const amendment = context.amendments.find((a) => a.id === id);
  if (!amendment) return 'gone';
  if (amendment.status === 'withdrawn') return 'withdrawn';
  if (amendment.status === 'put_to_vote') return 'in_vote';
  if (amendment.status !== 'submitted') return 'decided';
  const clause = context.doc.clauses.find((c) => c.id === amendment.clauseId);
  if (!clause || amendment.clauseDeleted) return 'clause_deleted';
  if (isLocked(clause.status)) return 'clause_locked';
  return null;
}

/** Every subject that may be put to a vote now: the whole text, then the clauses in order, then the amendments. */
export function offeredSubjects(context: SubjectContext): VoteSubject[] {
  const all: VoteSubject[] = [
    { type: 'document' },
    ...context.doc.clauses.filter((c) => c.kind !== 'title').map((c): VoteSubject => ({ type: 'clause', id: c.id })),
    ...context.amendments.map((a): VoteSubject => ({ type: 'amendment', id: a.id })),
  ];
  return all.filter((subject) => unavailability(context, subject) === null);
}
