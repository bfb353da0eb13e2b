import { unavailability, type VoteSubject } from '../api/voteSubjects.js';
import { t } from '../i18n/index.js';
import { subjectLabel, type VotingData } from './votingCommon.js';

/** The step the chair most likely takes next, as one sentence and at most one primary button. */
export function nextStep(
  data: VotingData,
  votesOpenAtStage: boolean,
):
  | { kind: 'voting'; subject: string }
  | { kind: 'vote'; ref: string; subject: VoteSubject }
  | { kind: 'discuss' }
  | { kind: 'none'; ref: string } {
  const open = data.votes.find((v) => v.status === 'open');
  if (open) return { kind: 'voting', subject: subjectLabel(open, data) };
  const clause = data.doc.clauses.find((c) => c.id === data.now.clauseId);
  if (!clause) return { kind: 'discuss' };
  const subject: VoteSubject = { type: 'clause', id: clause.id };
  return unavailability({ ...data, votesOpenAtStage }, subject)
    ? { kind: 'none', ref: clause.ref }
    : { kind: 'vote', ref: clause.ref, subject };
}

/** A clause's text cut to `max` characters, for a line that names it. */
export const excerpt = (text: string, max: number): string => (text.length > max ? `${text.slice(0, max)}…` : text);

export interface NowProps {
  data: VotingData;
  votesOpenAtStage: boolean;
  /** Puts a subject in the vote form (and the focus on it). */
  choose(subject: VoteSubject): void;
}

/**
 * The console's current item: what is under discussion (or under vote) and the one clear action that follows
 * from it; the agenda, the form and the live boards beside it carry every other action.
 */
export function Now({ data, votesOpenAtStage, choose }: NowProps) {
  const step = nextStep(data, votesOpenAtStage);
  const clause = data.doc.clauses.find((c) => c.id === data.now.clauseId);
  return (
    <section class="panel chair-now" aria-labelledby="chair-now">
      <h2 id="chair-now">{t('voting:chair.now.title')}</h2>
      {clause ? (
        <p class="chair-now-item">
          <strong>{clause.ref}</strong> {excerpt(clause.text, 140)}
        </p>
      ) : null}
      {step.kind === 'vote' ? (
        <button type="button" class="btn btn-primary" id="chair-now-action" onClick={() => choose(step.subject)}>
          {t('voting:chair.now.openVote', { ref: step.ref })}
        </button>
      ) : (
        <p class="chair-now-hint">
          {step.kind === 'voting'
            ? t('voting:chair.now.voting', { subject: step.subject })
            : t(`voting:chair.now.${step.kind}`)}
        </p>
      )}
    </section>
  );
}
