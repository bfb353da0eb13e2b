import type { Stage } from '../../shared/domain/stages.js';
import type { VoteResult, VoteRule } from '../../shared/domain/tally.js';
import type { VoteSubjectType } from '../../shared/api/votes.js';
import { documentTitle } from '../../shared/editor/text.js';
import type { AppContext } from '../context.js';
import type { ExportClause } from '../export/model.js';
import { ClauseCache } from './clauseCache.js';
import { textVersion } from '../presenters/versions.js';

/** A closed vote as the public sees it: its subject, rule and frozen counts; never a ballot. */
export interface PublicVote {
  id: string;
  subject: VoteSubjectType;
  /** The clause reference the vote was about ("OP3"), for a clause or an amendment still in the text. */
  ref: string | null;
  rule: VoteRule;
  result: VoteResult;
  closedAt: string;
}

/**
 * Everything the public page of a published document shows, read in one go: the live text numbered as the
 * export numbers it, the clause under discussion and the results of closed votes. Nothing else is read, so
 * nothing else can leak: no comment, no open vote, no ballot, no name of a person.
 */
export interface GalleryState {
  documentId: string;
  title: string;
  stage: Stage;
  clauses: ExportClause[];
  /** The clause under discussion when it is in the text, else null. */
  discussing: string | null;
  votes: PublicVote[];
  /** Changes whenever anything above may have changed: the text's version and the rows read. */
  key: string;
}

/**
 * The public state of `documentId`, or null when it does not exist or is not published. `cache` keeps the
 * clauses read before (one per document), so that only what changed since is read again.
 */
export async function readGalleryState(
  ctx: AppContext,
  documentId: string,
  cache: ClauseCache = new ClauseCache(),
): Promise<GalleryState | null> {
  const { store } = ctx;
  const [row, published] = await Promise.all([store.documents.get(documentId), store.publications.get(documentId)]);
  if (!row || !published) return null;
  const ydoc = await ctx.registry.get(documentId);
  if (!ydoc) return null;
  const [rows, now, votes] = await Promise.all([
    store.documents.clauses(documentId),
    store.nowDiscussing.get(documentId),
    store.votes.forDocument(documentId),
  ]);
  const clauses = cache.clauses(ydoc, rows);
  const refs = new Map(clauses.map((c) => [c.id, c.ref]));
  const closed = votes.filter((v) => v.status === 'closed' && v.result !== null);
  const amendmentClause = new Map<string, string>();
  for (const vote of closed.filter((v) => v.subject_type === 'amendment')) {
    const amendment = await store.amendments.get(vote.subject_id);
    if (amendment) amendmentClause.set(vote.id, amendment.clause_id);
  }
  const publicVotes = closed.map((v): PublicVote => ({
    id: v.id,
    subject: v.subject_type,
    ref:
      v.subject_type === 'clause'
        ? (refs.get(v.subject_id) ?? null)
        : v.subject_type === 'amendment'
          ? (refs.get(amendmentClause.get(v.id) ?? '') ?? null)
          : null,
    rule: v.rule,
    result: JSON.parse(v.result!) as VoteResult,
    closedAt: v.closed_at ?? '',
  }));
  const discussing = now?.clause_id && refs.has(now.clause_id) ? now.clause_id : null;
  const key = JSON.stringify([
    textVersion(ydoc),
    row.stage,
    row.title,
    discussing,
    [...rows.values()].map((c) => [c.id, c.kind, c.deleted_at]),
    publicVotes.map((v) => v.id),
  ]);
  return {
    documentId,
    title: documentTitle(clauses, row.title),
    stage: row.stage,
    clauses,
    discussing,
    votes: publicVotes,
    key,
  };
}
