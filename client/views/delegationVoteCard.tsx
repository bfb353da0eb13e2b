import type { TargetedSubmitEvent } from 'preact';
import { useLayoutEffect, useRef, useState } from 'preact/hooks';
import { ROUTES } from '../../shared/api/routes.js';
import type { ExplanationTiming, VoteJson } from '../../shared/api/votes.js';
import { BALLOT_CHOICES, type BallotChoice } from '../../shared/domain/tally.js';
import { ActionButton, ActionError } from '../components/actionHooks.js';
import { t } from '../i18n/index.js';
import { fetchReceipt, ReceiptBox } from './ballotReceipt.js';
import { castsBallot, ownBallot, voteLists, type DelegationPage } from './delegationState.js';
import { VoteSubject } from './delegationSubject.js';
import { LapsedBlock, ResultBlock } from './votingBlocks.js';
import { errorText, quorumLabel, ruleLabel, subjectLabel } from './votingCommon.js';

/** The votes open now, each a card kept by vote across the page's updates; or that none is. */
export function OpenVotes({ page }: { page: DelegationPage }) {
  const { open } = voteLists(page.state.data.votes);
  return (
    <section aria-labelledby="open-votes">
      <h2 id="open-votes">{t('voting:delegation.openVotes')}</h2>
      <div class="vote-cards">
        {open.length ? open.map((v) => <VoteCard key={v.id} page={page} vote={v} />) : <NoOpenVote />}
      </div>
    </section>
  );
}

/** The past votes, newest first: results, what was voted on, the ballot and explanations after the vote. */
export function PastVotes({ page }: { page: DelegationPage }) {
  const { past } = voteLists(page.state.data.votes);
  return (
    <section aria-labelledby="closed-votes">
      <h2 id="closed-votes">{t('voting:delegation.closedVotes')}</h2>
      <div class="vote-cards">
        {past.length ? (
          past.map((v) => <VoteCard key={v.id} page={page} vote={v} />)
        ) : (
          <p>{t('voting:chair.noPastVote')}</p>
        )}
      </div>
    </section>
  );
}

/** The empty state while no vote is open: that none is, and what comes next (never who casts a ballot). */
function NoOpenVote() {
  return (
    <div class="empty-state no-open-vote">
      <p class="empty-title">{t('voting:delegation.noOpenVote')}</p>
      <p class="hint">{t('voting:delegation.noOpenVoteNext')}</p>
    </div>
  );
}

/** Who casts the ballot, said to this person on an open vote ("You cast your delegation's ballot."). */
export function roleNote(page: Pick<DelegationPage, 'user' | 'state'>): string {
  if (page.user.role === 'head') return t('voting:delegation.youCast');
  return castsBallot(page.user, page.state.alternate)
    ? t('voting:delegation.youCastAlternate')
    : t('voting:delegation.headCasts');
}

/**
 * A vote's card on the delegation's page: subject, rule and quorum, the result (or that it lapsed), what is
 * voted on (the clause's text, the amendment's diff: in full while open, folded away afterwards), the
 * delegation's ballot, and for the person who casts it the ballot form, the receipt and an explanation of vote
 * (before while open, after once closed; a lapsed vote decided nothing and takes neither).
 */
export function VoteCard({ page, vote }: { page: DelegationPage; vote: VoteJson }) {
  const { data } = page.state;
  const ballot = ownBallot(vote, page.code);
  const closed = vote.status === 'closed';
  const lapsed = vote.status === 'lapsed';
  const open = !closed && !lapsed;
  const when: ExplanationTiming = closed ? 'after' : 'before';
  return (
    <article class="vote-card" id={`vote-${vote.id}`} data-vote-id={vote.id} data-status={vote.status}>
      <header class="vote-card-header">
        <h3>{subjectLabel(vote, data)}</h3>
        <p class="vote-rule">
          {`${ruleLabel(vote.rule)} — ${t(`voting:rule.explain.${vote.rule}`)} ${t('voting:quorum.label')}: ${quorumLabel(vote.quorum)}.`}
        </p>
      </header>
      {closed ? <ResultBlock vote={vote} /> : null}
      {lapsed ? <LapsedBlock /> : null}
      <div class="vote-card-body">
        {open ? (
          <VoteSubject vote={vote} data={data} />
        ) : (
          <details class="voted-on">
            <summary>{t('voting:delegation.votedOn')}</summary>
            <VoteSubject vote={vote} data={data} />
          </details>
        )}
        <section class="vote-ballot" aria-labelledby={`ballot-${vote.id}`}>
          <h4 id={`ballot-${vote.id}`}>{t('voting:delegation.yourBallot')}</h4>
          {open ? <p class="hint role-note">{roleNote(page)}</p> : null}
          <p class="own-ballot" aria-live="polite" data-choice={ballot?.choice ?? ''}>
            {ballot
              ? t('voting:delegation.cast', { choice: t(`voting:choice.${ballot.choice}`) })
              : t(open ? 'voting:delegation.notCast' : 'voting:delegation.notCastClosed')}
          </p>
          {castsBallot(page.user, page.state.alternate) ? (
            <>
              {open ? <BallotForm page={page} vote={vote} current={ballot?.choice} /> : null}
              {ballot ? <ReceiptBox page={page} voteId={vote.id} choice={ballot.choice} /> : null}
              {lapsed ? null : <ExplanationForm key={when} page={page} vote={vote} when={when} />}
            </>
          ) : null}
        </section>
      </div>
    </article>
  );
}

/**
 * Casts `choice` as the action `ballot:<voteId>`: the page takes the ballot the server recorded, says so, and
 * fetches the receipt to keep (its ledger entry under a head the conference signed).
 */
async function castBallot(page: DelegationPage, voteId: string, choice: BallotChoice): Promise<boolean | undefined> {
  const cast = await page.actions.run(
    `ballot:${voteId}`,
    async (send) => {
      const ballot = await send.call(ROUTES.castBallot, { params: { id: voteId }, body: { choice } });
      page.dispatch({ type: 'vote:ballot', voteId, ballot });
      const done = t('voting:delegation.done', { choice: t(`voting:choice.${choice}`) });
      page.dispatch({ type: 'said', message: `${done} ${t('voting:delegation.canChange')}` });
    },
    { about: ['stage', `vote:${voteId}`] },
  );
  if (cast) void fetchReceipt(page, voteId);
  return cast;
}

/**
 * The ballot form: pick, confirm, cast; changeable while the vote is open. Confirming takes the focus; once
 * cast (or cancelled) it goes back to the button that asked. A failed cast keeps the confirmation, to try again.
 */
function BallotForm({ page, vote, current }: { page: DelegationPage; vote: VoteJson; current?: BallotChoice }) {
  const action = `ballot:${vote.id}`;
  const [picked, setPicked] = useState<BallotChoice | null>(null);
  const submit = useRef<HTMLButtonElement>(null);
  const confirm = useRef<HTMLButtonElement>(null);
  const back = useRef(false);
  useLayoutEffect(() => {
    if (picked) confirm.current?.focus();
    else if (back.current) submit.current?.focus();
    back.current = false;
  }, [picked]);
  const close = (): void => {
    back.current = true;
    setPicked(null);
  };
  const onSubmit = (e: TargetedSubmitEvent<HTMLFormElement>): void => {
    e.preventDefault();
    const choice = new FormData(e.currentTarget).get(`choice-${vote.id}`) as BallotChoice | null;
    if (choice && !page.actions.isBusy(action)) setPicked(choice);
  };
  return (
    <form class="ballot-form" onSubmit={onSubmit}>
      <fieldset>
        <legend>{t('voting:delegation.choose')}</legend>
        {BALLOT_CHOICES.map((choice) => (
          <label key={choice} class={`choice-option choice-${choice}`}>
            <input
              type="radio"
              name={`choice-${vote.id}`}
              value={choice}
              defaultChecked={choice === current}
              required
            />{' '}
            {t(`voting:choice.${choice}`)}
          </label>
        ))}
      </fieldset>
      <ActionButton actions={page.actions} name={action} type="submit" id={`cast-${vote.id}`} buttonRef={submit}>
        {current ? t('voting:delegation.changeButton') : t('voting:delegation.castButton')}
      </ActionButton>
      {picked ? (
        <div class="confirm" role="group" aria-label={t('voting:delegation.confirmButton')}>
          <p>{t('voting:delegation.confirm', { choice: t(`voting:choice.${picked}`), delegation: page.name })}</p>
          <ActionButton
            actions={page.actions}
            name={action}
            id={`confirm-${vote.id}`}
            class="primary"
            buttonRef={confirm}
            onClick={() => void castBallot(page, vote.id, picked).then((cast) => cast && close())}
          >
            {t('voting:delegation.confirmButton')}
          </ActionButton>{' '}
          <button type="button" onClick={close}>
            {t('voting:delegation.cancel')}
          </button>
        </div>
      ) : null}
      <ActionError actions={page.actions} names={action} format={errorText} />
    </form>
  );
}

/** An explanation of vote: before while open, after once closed. */
function ExplanationForm({ page, vote, when }: { page: DelegationPage; vote: VoteJson; when: ExplanationTiming }) {
  const id = `explain-${vote.id}-${when}`;
  const action = `explain:${vote.id}:${when}`;
  const existing = vote.explanations.find((e) => e.delegation === page.code && e.when === when)?.text ?? '';
  const onSubmit = (e: TargetedSubmitEvent<HTMLFormElement>): void => {
    e.preventDefault();
    const text = String(new FormData(e.currentTarget).get('text') ?? '');
    void page.actions.run(
      action,
      async (send) => {
        await send.call(ROUTES.recordExplanation, { params: { id: vote.id }, body: { when, text } });
        page.dispatch({ type: 'said', message: t('voting:delegation.explanationSaved') });
      },
      { about: ['stage', `vote:${vote.id}`] },
    );
  };
  return (
    <form class="explanation-form" onSubmit={onSubmit}>
      <label for={id}>
        {when === 'before' ? t('voting:delegation.explainBefore') : t('voting:delegation.explainAfter')}
      </label>
      <textarea id={id} name="text" rows={3} maxLength={4000} defaultValue={existing} required />
      <ActionError actions={page.actions} names={action} format={errorText} />
      <ActionButton actions={page.actions} name={action} type="submit" id={`${id}-submit`}>
        {t('voting:delegation.submitExplanation')}
      </ActionButton>
    </form>
  );
}
