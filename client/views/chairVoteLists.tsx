import { ROUTES } from '../../shared/api/routes.js';
import type { VoteJson } from '../../shared/api/votes.js';
import { countBallots } from '../../shared/domain/tally.js';
import type { Actions } from '../api/actions.js';
import { ActionButton, ActionError } from '../components/actionHooks.js';
import { CountryFlag } from '../components/flag.js';
import { t } from '../i18n/index.js';
import {
  byName,
  countsText,
  delegationName,
  errorText,
  quorumLabel,
  ruleLabel,
  subjectLabel,
  type VotingData,
} from './votingCommon.js';
import { LapsedCard, ResultBlock, RollCall } from './votingBlocks.js';

export interface LiveVotesProps {
  actions: Actions;
  data: VotingData;
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

/**
 * Every delegation's cell on a live vote's board: its flag, its name and its choice so far. A cell is keyed by
 * its delegation, so a ballot redraws its own cell only.
 */
export function Board({ vote, data }: { vote: VoteJson; data: VotingData }) {
  const choices = new Map(vote.ballots.map((b) => [b.delegation, b.choice]));
  // It scrolls within its own height on the console: a tab stop lets the keyboard scroll it too.
  return (
    <ul class="vote-board compact" aria-label={t('voting:projector.board')} tabIndex={0}>
      {byName(data.delegations).map((d) => {
        const choice = choices.get(d.code);
        return (
          <li key={d.code} class={`board-cell board-${choice ?? 'waiting'}`} data-delegation={d.code}>
            <CountryFlag code={d.code} />
            <span class="board-name">{delegationName(d.code, data.delegations)}</span>
            <span class="board-mark">{t(`voting:choice.${choice ?? 'none'}`)}</span>
          </li>
        );
      })}
    </ul>
  );
}

/** One open vote: the running count and every ballot as it arrives (the chair sees choices), and "Close". */
function LiveCard({ actions, data, closed, vote }: LiveVotesProps & { vote: VoteJson }) {
  const counts = countBallots(vote.ballots);
  const label = subjectLabel(vote, data);
  const close = `close:${vote.id}`;
  // The server refuses it too (409 `vote_open`): an amendment settled now would change the text being voted on.
  const waits =
    vote.subject.type === 'amendment' && data.votes.some((v) => v.status === 'open' && v.subject.type === 'document');
  const press = (): void =>
    void actions.run(
      close,
      async (send) => {
        if (!confirm(t('voting:chair.confirmClose', { subject: label }))) return;
        closed(await send.call(ROUTES.closeVote, { params: { id: vote.id } }));
      },
      { about: voteTopics(vote, data) },
    );
  return (
    <article class="vote-card live" id={`live-${vote.id}`} data-vote-id={vote.id} data-present={counts.present}>
      <h3>{label}</h3>
      <p class="vote-rule">{`${ruleLabel(vote.rule)} · ${t('voting:quorum.label')}: ${quorumLabel(vote.quorum)}`}</p>
      <p class="live-counts">{countsText(counts, data.delegations.length)}</p>
      <Board vote={vote} data={data} />
      {waits ? (
        <p class="vote-waits" id={`waits-${vote.id}`}>
          {t('voting:chair.waitsForDocumentVote')}
        </p>
      ) : null}
      <ActionError actions={actions} names={close} format={errorText} />
      <ActionButton
        actions={actions}
        name={close}
        id={`close-${vote.id}`}
        class="primary"
        aria-describedby={waits ? `waits-${vote.id}` : undefined}
        disabled={waits}
        onClick={press}
      >
        {t('voting:chair.close')}
      </ActionButton>
    </article>
  );
}

/** The votes in progress, each with its live board. */
export function LiveVotes(props: LiveVotesProps) {
  const open = props.data.votes.filter((v) => v.status === 'open');
  return (
    <section class="panel" aria-labelledby="chair-live">
      <h2 id="chair-live">{t('voting:chair.liveVotes')}</h2>
      {open.length ? (
        open.map((v) => <LiveCard key={v.id} {...props} vote={v} />)
      ) : (
        <p>{t('voting:chair.noOpenVote')}</p>
      )}
    </section>
  );
}

/**
 * A closed vote, folded: its result; unfolded, the recorded vote and the explanations of vote. Its `open` is
 * the chair's alone (never set by a redraw), so a result they unfolded stays unfolded.
 */
function ResultCard({ vote, data }: { vote: VoteJson; data: VotingData }) {
  const label = subjectLabel(vote, data);
  return (
    <details class="vote-card" data-vote-id={vote.id}>
      <summary id={`result-${vote.id}`}>
        {`${label} — `}
        <ResultBlock vote={vote} />
      </summary>
      <RollCall vote={vote} delegations={data.delegations} />
      {vote.explanations.length ? (
        <ul class="explanations" aria-label={t('voting:explanations.title')}>
          {vote.explanations.map((e, i) => (
            <li key={i}>
              <CountryFlag code={e.delegation} /> <strong>{delegationName(e.delegation, data.delegations)}</strong>
              {` (${t(`voting:explanations.${e.when}`)}): `}
              {e.text}
            </li>
          ))}
        </ul>
      ) : null}
    </details>
  );
}

/** The results so far, newest first; lapsed votes are results too: the chair sees that they decided nothing. */
export function PastVotes({ data }: { data: VotingData }) {
  const closed = data.votes.filter((v) => v.status !== 'open').reverse();
  return (
    <section class="panel" aria-labelledby="chair-past">
      <h2 id="chair-past">{t('voting:chair.pastVotes')}</h2>
      {closed.length ? (
        closed.map((vote) =>
          vote.status === 'lapsed' ? (
            <LapsedCard key={vote.id} vote={vote} data={data} />
          ) : (
            <ResultCard key={vote.id} vote={vote} data={data} />
          ),
        )
      ) : (
        <p>{t('voting:chair.noPastVote')}</p>
      )}
    </section>
  );
}
