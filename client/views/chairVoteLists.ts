import { ROUTES } from '../../shared/api/routes.js';
import type { VoteJson } from '../../shared/api/votes.js';
import { countBallots } from '../../shared/domain/tally.js';
import type { Actions } from '../api/actions.js';
import type { Sender } from '../api/http.js';
import { actionButton, actionError } from '../components/actionControls.js';
import { h, replaceKeepingFocus } from '../dom.js';
import { t } from '../i18n/index.js';
import {
  byName,
  countsText,
  delegationName,
  errorText,
  flag,
  lapsedCard,
  quorumLabel,
  resultBlock,
  rollCall,
  ruleLabel,
  subjectLabel,
  type VotingData,
} from './votingCommon.js';

export interface LiveVotesOptions {
  actions: Actions;
  /** What the console knows now. */
  data(): VotingData;
  /** The chair closed a vote: the server's answer. */
  closed(vote: VoteJson): void;
}

/** What a vote's result depends on besides itself: the stage, its clause (an amendment's clause), its amendment. */
export function voteTopics(vote: VoteJson, data: VotingData): string[] {
  const { type, id } = vote.subject;
  const clauseId =
    type === 'clause' ? id : type === 'amendment' ? data.amendments.find((a) => a.id === id)?.clauseId : undefined;
  return [
    'stage',
    `vote:${vote.id}`,
    ...(clauseId ? [`clause:${clauseId}`] : []),
    ...(type === 'amendment' ? [`amendment:${id}`] : []),
  ];
}

/** Every delegation's cell on a live vote's board: its flag, its name and its choice so far. */
function board(vote: VoteJson, data: VotingData): HTMLElement {
  const choices = new Map(vote.ballots.map((b) => [b.delegation, b.choice]));
  return h(
    'ul',
    // It scrolls within its own height on the console: a tab stop lets the keyboard scroll it too.
    { class: 'vote-board compact', 'aria-label': t('voting:projector.board'), tabindex: '0' },
    byName(data.delegations).map((d) => {
      const choice = choices.get(d.code);
      return h(
        'li',
        { class: `board-cell board-${choice ?? 'waiting'}`, 'data-delegation': d.code },
        flag(d.code),
        h('span', { class: 'board-name' }, delegationName(d.code, data.delegations)),
        h('span', { class: 'board-mark' }, t(`voting:choice.${choice ?? 'none'}`)),
      );
    }),
  );
}

/** One open vote: the running count and every ballot as it arrives (the chair sees choices), and "Close". */
function liveCard(o: LiveVotesOptions, vote: VoteJson): HTMLElement {
  const data = o.data();
  const counts = countBallots(vote.ballots);
  const label = subjectLabel(vote, data);
  const close = `close:${vote.id}`;
  // The server refuses it too (409 `vote_open`): an amendment settled now would change the text being voted on.
  const waiting = (): boolean =>
    vote.subject.type === 'amendment' &&
    o.data().votes.some((v) => v.status === 'open' && v.subject.type === 'document');
  const waits = waiting();
  const perform = async (send: Sender): Promise<void> => {
    if (!confirm(t('voting:chair.confirmClose', { subject: label }))) return;
    o.closed(await send.call(ROUTES.closeVote, { params: { id: vote.id } }));
  };
  return h(
    'article',
    { class: 'vote-card live', id: `live-${vote.id}`, 'data-vote-id': vote.id, 'data-present': counts.present },
    h('h3', null, label),
    h(
      'p',
      { class: 'vote-rule' },
      `${ruleLabel(vote.rule)} · ${t('voting:quorum.label')}: ${quorumLabel(vote.quorum)}`,
    ),
    h('p', { class: 'live-counts' }, countsText(counts, data.delegations.length)),
    board(vote, data),
    waits ? h('p', { class: 'vote-waits', id: `waits-${vote.id}` }, t('voting:chair.waitsForDocumentVote')) : null,
    actionError(o.actions, close, errorText),
    actionButton(
      o.actions,
      close,
      { id: `close-${vote.id}`, class: 'primary', ...(waits ? { 'aria-describedby': `waits-${vote.id}` } : {}) },
      t('voting:chair.close'),
      perform,
      {
        about: voteTopics(vote, data),
        disabled: waiting,
      },
    ),
  );
}

/** The votes in progress, each with its live board. */
export function LiveVotes(o: LiveVotesOptions): { el: HTMLElement; update(): void } {
  const el = h('section', { class: 'panel', 'aria-labelledby': 'chair-live' });
  const update = (): void => {
    const open = o.data().votes.filter((v) => v.status === 'open');
    replaceKeepingFocus(
      el,
      h('h2', { id: 'chair-live' }, t('voting:chair.liveVotes')),
      open.length ? open.map((v) => liveCard(o, v)) : h('p', null, t('voting:chair.noOpenVote')),
    );
  };
  return { el, update };
}

/** A closed vote, folded: its result; unfolded, the recorded vote and the explanations of vote. */
function resultCard(vote: VoteJson, data: VotingData, unfolded: Set<string>): HTMLElement {
  const details = h(
    'details',
    { class: 'vote-card', 'data-vote-id': vote.id, open: unfolded.has(vote.id) },
    h('summary', { id: `result-${vote.id}` }, `${subjectLabel(vote, data)} — `, resultBlock(vote)),
    rollCall(vote, data.delegations),
    vote.explanations.length
      ? h(
          'ul',
          { class: 'explanations', 'aria-label': t('voting:explanations.title') },
          vote.explanations.map((e) =>
            h(
              'li',
              null,
              flag(e.delegation),
              ' ',
              h('strong', null, delegationName(e.delegation, data.delegations)),
              ` (${t(`voting:explanations.${e.when}`)}): `,
              e.text,
            ),
          ),
        )
      : null,
  );
  details.addEventListener('toggle', () => (details.open ? unfolded.add(vote.id) : unfolded.delete(vote.id)));
  return details;
}

/** The results so far, newest first; lapsed votes are results too: the chair sees that they decided nothing. */
export function PastVotes(data: () => VotingData): { el: HTMLElement; update(): void } {
  const el = h('section', { class: 'panel', 'aria-labelledby': 'chair-past' });
  /** Results the chair unfolded stay unfolded when the list is drawn again. */
  const unfolded = new Set<string>();
  /** What the results show, to draw their roll calls again only when that changed. */
  let shown = '';
  const update = (): void => {
    const d = data();
    const closed = d.votes.filter((v) => v.status !== 'open').reverse();
    const now = JSON.stringify(closed.map((v) => [v.id, v.status, subjectLabel(v, d), v.explanations.length]));
    if (now === shown) return;
    shown = now;
    replaceKeepingFocus(
      el,
      h('h2', { id: 'chair-past' }, t('voting:chair.pastVotes')),
      closed.length
        ? closed.map((vote) => (vote.status === 'lapsed' ? lapsedCard(vote, d) : resultCard(vote, d, unfolded)))
        : h('p', null, t('voting:chair.noPastVote')),
    );
  };
  return { el, update };
}
