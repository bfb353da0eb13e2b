import { unavailability } from '../api/voteSubjects.js';
import type { VoteSubject } from '../api/voteSubjects.js';
import { button } from '../components/ui.js';
import { h, replaceKeepingFocus } from '../dom.js';
import { t } from '../i18n/index.js';
import { subjectLabel, type VotingData } from './votingCommon.js';

export interface NowOptions {
  data(): VotingData;
  votesOpenAtStage(): boolean;
  /** Puts a subject in the vote form (and the focus on it). */
  choose(subject: VoteSubject): void;
}

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

/**
 * The console's current item: what is under discussion (or under vote) and the one clear action that follows
 * from it; the agenda, the form and the live boards beside it carry every other action.
 */
export function NowPanel(o: NowOptions): { el: HTMLElement; update(): void } {
  const el = h('section', { class: 'panel chair-now', 'aria-labelledby': 'chair-now' });
  const update = (): void => {
    const data = o.data();
    const step = nextStep(data, o.votesOpenAtStage());
    const clause = data.doc.clauses.find((c) => c.id === data.now.clauseId);
    replaceKeepingFocus(
      el,
      h('h2', { id: 'chair-now' }, t('voting:chair.now.title')),
      clause
        ? h(
            'p',
            { class: 'chair-now-item' },
            h('strong', null, clause.ref),
            ' ',
            clause.text.length > 140 ? `${clause.text.slice(0, 140)}…` : clause.text,
          )
        : null,
      step.kind === 'voting'
        ? h('p', { class: 'chair-now-hint' }, t('voting:chair.now.voting', { subject: step.subject }))
        : step.kind === 'vote'
          ? button(
              'primary',
              { id: 'chair-now-action', onclick: () => o.choose(step.subject) },
              t('voting:chair.now.openVote', { ref: step.ref }),
            )
          : h('p', { class: 'chair-now-hint' }, t(`voting:chair.now.${step.kind}`)),
    );
  };
  return { el, update };
}
