import type { AmendmentJson } from '../../shared/api/amendments.js';
import { ROUTES } from '../../shared/api/routes.js';
import { furthestFirst } from '../../shared/domain/voteOrder.js';
import type { Actions } from '../api/actions.js';
import { unavailability, type VoteSubject } from '../api/voteSubjects.js';
import { actionButton, actionError } from '../components/actionControls.js';
import { h, type Child } from '../dom.js';
import { t } from '../i18n/index.js';
import { delegationName, errorText, flag, type VotingData } from './votingCommon.js';

export interface AgendaOptions {
  data: VotingData;
  actions: Actions;
  documentId: string;
  /** Whether votes may be opened at the document's stage. */
  votesOpenAtStage: boolean;
  /** Puts a subject in the vote form. */
  choose(subject: VoteSubject): void;
  /** The server's answer to "discuss now". */
  discussed(now: VotingData['now']): void;
}

/**
 * The chair's agenda: the clauses in order, each with "discuss now" and, where a vote on it may be opened now,
 * "open vote" (which fills the form, nothing more); under each clause the amendments still to decide, furthest
 * from the original first. After adoption nothing is left to decide, and nothing is offered.
 */
export function Agenda(o: AgendaOptions): Child[] {
  const { data } = o;
  const pending = pendingByClause(data);
  const discussButton = (clauseId: string | null, label: string, attrs: Record<string, unknown>): HTMLButtonElement =>
    actionButton(
      o.actions,
      'now',
      attrs,
      label,
      async (send) =>
        o.discussed(await send.call(ROUTES.setNowDiscussing, { params: { id: o.documentId }, body: { clauseId } })),
      { about: ['now'] },
    );
  const chooseButton = (subject: VoteSubject, id: string): HTMLButtonElement | null =>
    unavailability({ ...data, votesOpenAtStage: o.votesOpenAtStage }, subject)
      ? null
      : h('button', { type: 'button', id, onclick: () => o.choose(subject) }, t('voting:chair.openVoteOn'));

  const items = data.doc.clauses
    .filter((c) => c.kind !== 'title')
    .map((clause) => {
      const current = data.now.clauseId === clause.id;
      const amendments = pending.get(clause.id) ?? [];
      return h(
        'li',
        { class: `agenda-item${current ? ' now' : ''}`, 'data-clause-id': clause.id },
        h(
          'div',
          { class: 'agenda-head' },
          h('strong', null, clause.ref),
          ' ',
          h('span', { class: `badge status-${clause.status}` }, t(`document.status.${clause.status}`)),
        ),
        h('p', { class: 'agenda-text' }, clause.text.length > 160 ? `${clause.text.slice(0, 160)}…` : clause.text),
        h(
          'div',
          { class: 'button-row' },
          discussButton(
            current ? null : clause.id,
            current ? t('voting:nowDiscussing.current') : t('voting:nowDiscussing.set'),
            { id: `discuss-${clause.id}`, 'aria-pressed': String(current) },
          ),
          chooseButton({ type: 'clause', id: clause.id }, `choose-clause-${clause.id}`),
        ),
        amendments.length
          ? h(
              'ol',
              {
                class: 'agenda-amendments',
                'aria-label': t('voting:chair.pendingAmendments', { count: amendments.length }),
              },
              amendments.map((a) =>
                amendmentItem(a, data, chooseButton({ type: 'amendment', id: a.id }, `choose-amendment-${a.id}`)),
              ),
            )
          : null,
      );
    });
  return [
    h('h2', { id: 'chair-agenda' }, t('voting:chair.agenda')),
    h('p', { class: 'hint' }, t('voting:chair.agendaHint')),
    data.now.clauseId
      ? h('p', null, discussButton(null, t('voting:nowDiscussing.clear'), { id: 'discuss-clear', class: 'link' }))
      : null,
    actionError(o.actions, 'now', errorText),
    h('ol', { class: 'agenda-list' }, items),
  ];
}

/** One pending amendment on the agenda: who proposes what, its co-sponsors, whether it is in a vote, and `choose`. */
function amendmentItem(a: AmendmentJson, data: VotingData, choose: HTMLButtonElement | null): HTMLElement {
  return h(
    'li',
    { 'data-amendment-id': a.id },
    h(
      'span',
      null,
      flag(a.delegation),
      ' ',
      t('voting:chair.amendmentBy', { delegation: delegationName(a.delegation, data.delegations) }),
      ` (${t(`voting:chair.amendmentKind.${a.kind}`)})`,
    ),
    a.cosponsors.length
      ? h('span', { class: 'hint' }, ` · ${t('voting:chair.cosponsors', { count: a.cosponsors.length })}`)
      : null,
    a.status === 'put_to_vote' ? [' ', h('span', { class: 'badge' }, t('voting:chair.why.in_vote'))] : null,
    a.textPlain ? h('p', { class: 'agenda-text' }, a.textPlain) : null,
    choose,
  );
}

/** Pending amendments per clause, furthest from the original first; none once the text is adopted. */
function pendingByClause(data: VotingData): Map<string, AmendmentJson[]> {
  const map = new Map<string, AmendmentJson[]>();
  if (data.doc.stage === 'adopted') return map;
  for (const a of data.amendments) {
    if (a.status !== 'submitted' && a.status !== 'put_to_vote') continue;
    map.set(a.clauseId, [...(map.get(a.clauseId) ?? []), a]);
  }
  for (const [clauseId, list] of map)
    map.set(clauseId, furthestFirst(list.map((a) => ({ ...a, diff: a.diffCurrent ?? a.diff }))));
  return map;
}
