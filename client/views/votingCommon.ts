import i18next from 'i18next';
import type { DocumentJson as DocumentData } from '../../shared/api/documents.js';
import type { DelegationJson } from '../../shared/api/admin.js';
import type { AmendmentJson } from '../../shared/api/amendments.js';
import type { NowDiscussing, VoteJson } from '../../shared/api/votes.js';
import type { Counts, VoteResult } from '../../shared/domain/tally.js';
import { ROUTES } from '../../shared/api/routes.js';
import { call } from '../api/http.js';
import { currentLanguage, errorMessage, t } from '../i18n/index.js';
import { refLabel } from '../i18n/clauseRefs.js';

/** What every voting view reads about a document: its text, votes, delegations and pending amendments. */
export interface VotingData {
  doc: DocumentData;
  votes: VoteJson[];
  delegations: DelegationJson[];
  amendments: AmendmentJson[];
  now: NowDiscussing;
}

export async function loadVotingData(documentId: string, options: { amendments?: boolean } = {}): Promise<VotingData> {
  const params = { id: documentId };
  const [doc, votes, delegations, now, amendments] = await Promise.all([
    call(ROUTES.document, { params, query: { include: 'content' } }),
    call(ROUTES.votes, { params }),
    call(ROUTES.delegations),
    call(ROUTES.nowDiscussing, { params }),
    // Amendments only name a vote's subject: without them the screens still run the vote.
    options.amendments
      ? call(ROUTES.amendments, { params }).then(
          (r) => r.amendments,
          () => [] as AmendmentJson[],
        )
      : Promise.resolve([] as AmendmentJson[]),
  ]);
  return { doc, votes: votes.votes, delegations: delegations.delegations, amendments, now };
}

/** A delegation's name in the interface language (the UN's short name), with its code as fallback. */
export function delegationName(code: string, delegations?: readonly DelegationJson[]): string {
  const d = delegations?.find((x) => x.code === code);
  return d?.names[currentLanguage()] ?? code;
}

/** Delegations in the alphabetical order of their names in the interface language, as a roll call is read. */
export function byName(delegations: readonly DelegationJson[]): DelegationJson[] {
  const language = currentLanguage();
  return [...delegations].sort((a, b) => a.names[language].localeCompare(b.names[language], language));
}

/** What a vote is about, in words: "the whole declaration", "OP3", "amendment by France to OP3". */
export function subjectLabel(
  vote: Pick<VoteJson, 'subject'>,
  data: Pick<VotingData, 'doc' | 'amendments' | 'delegations'>,
): string {
  const { type, id } = vote.subject;
  if (type === 'document') return t('voting:subject.document');
  const refOf = (ref: string | null | undefined): string | undefined => (ref ? refLabel(ref) : undefined);
  const clauseRef = (clauseId: string): string =>
    refOf(data.doc.clauses.find((c) => c.id === clauseId)?.ref) ?? t('voting:subject.deletedClause');
  if (type === 'clause') return t('voting:subject.clause', { ref: clauseRef(id) });
  const amendment = data.amendments.find((a) => a.id === id);
  if (!amendment) return t('voting:subject.amendment', { delegation: '…', ref: '…' });
  return t('voting:subject.amendment', {
    delegation: delegationName(amendment.delegation, data.delegations),
    ref: refOf(amendment.clauseRef) ?? clauseRef(amendment.clauseId),
  });
}

export function ruleLabel(rule: VoteJson['rule']): string {
  return t(`voting:rule.${rule}`);
}

export function quorumLabel(quorum: number | null): string {
  if (quorum === null) return t('voting:quorum.none');
  return quorum <= 1
    ? t('voting:quorum.share', { percent: Math.round(quorum * 1000) / 10 })
    : t('voting:quorum.count', { count: quorum });
}

export function countsText(counts: Counts, registered: number): string {
  return t('voting:counts.summary', { ...counts, registered });
}

/** "Vote on OP3: Adopted. Yes 12 · No 3 · …" — what the live region announces at close. */
export function resultSentence(vote: VoteJson, data: Pick<VotingData, 'doc' | 'amendments' | 'delegations'>): string {
  const result = vote.result as VoteResult;
  return t('voting:announce.closed', {
    subject: subjectLabel(vote, data),
    outcome: t(`voting:outcome.${result.outcome}`),
    counts: countsText(result, result.registered),
  });
}

/** The message for an API error: this feature's translations first, then the common ones. */
export function errorText(error: unknown): string {
  const id = (error as { id?: string })?.id;
  if (id && i18next.exists(`voting:errors.${id}`)) return t(`voting:errors.${id}`);
  return errorMessage(error);
}

export { upsertVote, withBallot } from '../api/voteReducers.js';
