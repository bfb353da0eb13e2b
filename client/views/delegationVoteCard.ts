import { ROUTES } from '../../shared/api/routes.js';
import type { BallotJson, ExplanationTiming, VoteJson } from '../../shared/api/votes.js';
import { BALLOT_CHOICES, type BallotChoice } from '../../shared/domain/tally.js';
import type { Actions } from '../api/actions.js';
import type { BallotReceipt } from '../api/ledger.js';
import { actionError, bindAction } from '../components/actionControls.js';
import type { Component } from '../components/component.js';
import type { Drafts } from '../components/drafts.js';
import { h, replaceChildren, replaceKeepingFocus } from '../dom.js';
import { t } from '../i18n/index.js';
import { fetchReceipt, ReceiptBox } from './ballotReceipt.js';
import { VoteSubject } from './delegationSubject.js';
import { withBallot } from './voteReducers.js';
import {
  errorText,
  lapsedBlock,
  quorumLabel,
  resultBlock,
  ruleLabel,
  subjectLabel,
  type VotingData,
} from './votingCommon.js';

/** What a delegation's vote cards share with their page. */
export interface DelegationContext {
  /** The delegation's code. */
  code: string;
  /** Its name in the interface language. */
  name: string;
  actions: Actions;
  drafts: Drafts;
  /** The delegation's ballot receipts fetched so far, by vote. */
  receipts: Map<string, BallotReceipt>;
  /** Whether this person casts the delegation's ballot (the head, or the designated alternate). */
  canCast(): boolean;
  /** Who casts the ballot, said to this person ("You cast your delegation's ballot."), shown on an open vote. */
  castNote(): string;
  /** What the page knows of the document, its votes and delegations. */
  data(): VotingData;
  say(message: string): void;
}

/** A vote's card; kept across updates so a half-written explanation survives live events. */
export interface VoteCard extends Component<VoteJson> {
  status: VoteJson['status'];
}

const ownBallot = (vote: VoteJson, code: string): BallotJson | undefined =>
  vote.ballots.find((b) => b.delegation === code);

/** The box that asks to confirm a picked choice before the ballot is cast. */
function confirmChoice(
  ctx: DelegationContext,
  o: { box: HTMLElement; action: string; voteId: string; picked: BallotChoice; cast(): void; cancel(): void },
): void {
  const confirmButton = bindAction(
    ctx.actions,
    o.action,
    h(
      'button',
      { type: 'button', id: `confirm-${o.voteId}`, class: 'primary', onclick: o.cast },
      t('voting:delegation.confirmButton'),
    ),
  );
  replaceChildren(
    o.box,
    h('p', null, t('voting:delegation.confirm', { choice: t(`voting:choice.${o.picked}`), delegation: ctx.name })),
    confirmButton,
    ' ',
    h('button', { type: 'button', onclick: o.cancel }, t('voting:delegation.cancel')),
  );
  o.box.hidden = false;
  confirmButton.focus();
}

/** Casts the picked choice, as the action `ballot:<voteId>`; the card is drawn again and the receipt fetched. */
function castBallot(ctx: DelegationContext, vote: VoteJson, picked: BallotChoice, refresh: () => void): void {
  const group = `choice-${vote.id}`;
  void ctx.actions.run(
    `ballot:${vote.id}`,
    async (send) => {
      const ballot = await send.call(ROUTES.castBallot, { params: { id: vote.id }, body: { choice: picked } });
      // The card's vote is the page's: it takes the ballot in place.
      const [cast] = withBallot([vote], { voteId: vote.id, ballot });
      Object.assign(vote, { ballots: cast!.ballots, voted: cast!.voted });
      ctx.drafts.delete(group);
      ctx.say(
        `${t('voting:delegation.done', { choice: t(`voting:choice.${picked}`) })} ${t('voting:delegation.canChange')}`,
      );
      refresh();
      // The receipt of the ballot just cast, to keep: its ledger entry under a head the conference signed.
      void fetchReceipt({ voteId: vote.id, actions: ctx.actions, receipts: ctx.receipts, rebuild: refresh });
    },
    { about: ['stage', `vote:${vote.id}`] },
  );
}

/** The ballot form: pick, confirm, cast; changeable while the vote is open. */
function BallotForm(ctx: DelegationContext, vote: VoteJson, refresh: () => void): HTMLElement {
  const group = `choice-${vote.id}`;
  const action = `ballot:${vote.id}`;
  const current = ownBallot(vote, ctx.code)?.choice;
  const picked0 = (ctx.drafts.get(group) as BallotChoice | undefined) ?? current;
  const inputs = BALLOT_CHOICES.map((choice) =>
    h('input', {
      type: 'radio',
      name: group,
      value: choice,
      checked: choice === picked0,
      required: true,
      onchange: () => ctx.drafts.set(group, choice),
    }),
  );
  const radios = BALLOT_CHOICES.map((choice, i) =>
    h('label', { class: `choice-option choice-${choice}` }, inputs[i], ' ', t(`voting:choice.${choice}`)),
  );
  const confirmBox = h('div', {
    class: 'confirm',
    hidden: true,
    role: 'group',
    'aria-label': t('voting:delegation.confirmButton'),
  });
  const submit = bindAction(
    ctx.actions,
    action,
    h(
      'button',
      { type: 'submit', id: `cast-${vote.id}` },
      current ? t('voting:delegation.changeButton') : t('voting:delegation.castButton'),
    ),
  );
  const onsubmit = (e: Event): void => {
    e.preventDefault();
    const picked = inputs.find((input) => input.checked)?.value as BallotChoice | undefined;
    if (!picked || ctx.actions.isBusy(action)) return;
    confirmChoice(ctx, {
      box: confirmBox,
      action,
      voteId: vote.id,
      picked,
      cast: () => castBallot(ctx, vote, picked, refresh),
      cancel: () => ((confirmBox.hidden = true), submit.focus()),
    });
  };
  return h(
    'form',
    { class: 'ballot-form', onsubmit },
    h('fieldset', null, h('legend', null, t('voting:delegation.choose')), radios),
    submit,
    confirmBox,
    actionError(ctx.actions, action, errorText),
  );
}

/** An explanation of vote: before while open, after once closed. */
function ExplanationForm(ctx: DelegationContext, vote: VoteJson, when: ExplanationTiming): HTMLElement {
  const id = `explain-${vote.id}-${when}`;
  const action = `explain:${vote.id}:${when}`;
  const existing = vote.explanations.find((e) => e.delegation === ctx.code && e.when === when)?.text ?? '';
  const text = ctx.drafts.field(h('textarea', { id, rows: 3, maxlength: 4000, value: existing, required: true }));
  const onsubmit = (e: Event): void => {
    e.preventDefault();
    void ctx.actions.run(
      action,
      async (send) => {
        await send.call(ROUTES.recordExplanation, { params: { id: vote.id }, body: { when, text: text.value } });
        ctx.drafts.delete(id);
        ctx.say(t('voting:delegation.explanationSaved'));
      },
      { about: ['stage', `vote:${vote.id}`] },
    );
  };
  return h(
    'form',
    { class: 'explanation-form', onsubmit },
    h(
      'label',
      { for: id },
      when === 'before' ? t('voting:delegation.explainBefore') : t('voting:delegation.explainAfter'),
    ),
    text,
    actionError(ctx.actions, action, errorText),
    bindAction(
      ctx.actions,
      action,
      h('button', { type: 'submit', id: `${id}-submit` }, t('voting:delegation.submitExplanation')),
    ),
  );
}

/** A card's title (what is voted on, in words) and the rule and quorum it is decided by. */
function cardHeader(ctx: DelegationContext, vote: VoteJson): HTMLElement {
  return h(
    'header',
    { class: 'vote-card-header' },
    h('h3', null, subjectLabel(vote, ctx.data())),
    h(
      'p',
      { class: 'vote-rule' },
      `${ruleLabel(vote.rule)} — ${t(`voting:rule.explain.${vote.rule}`)} ${t('voting:quorum.label')}: ${quorumLabel(vote.quorum)}.`,
    ),
  );
}

/**
 * A vote's card on the delegation's page: subject, rule and quorum, the result (or that it lapsed), what is
 * voted on (the clause's text, the amendment's diff), the delegation's ballot, and for the person who casts it
 * the ballot form, the receipt and an explanation of vote.
 */
export function VoteCard(ctx: DelegationContext, initial: VoteJson): VoteCard {
  let vote = initial;
  const el = h('article', {
    class: 'vote-card',
    id: `vote-${vote.id}`,
    'data-vote-id': vote.id,
    'data-status': vote.status,
  });
  const ballotLine = h('p', { class: 'own-ballot', 'aria-live': 'polite' });
  const formSlot = h('div');
  const build = (): void => {
    const ballot = ownBallot(vote, ctx.code);
    const closed = vote.status === 'closed';
    // A vote that lapsed at adoption decided nothing: it takes no ballot and no explanation any more.
    const lapsed = vote.status === 'lapsed';
    const open = !closed && !lapsed;
    // While open, what is voted on comes first and in full; afterwards it folds away under the result.
    const subject = VoteSubject(vote, ctx.data());
    replaceKeepingFocus(
      el,
      cardHeader(ctx, vote),
      closed ? resultBlock(vote) : lapsed ? lapsedBlock() : null,
      h(
        'div',
        { class: 'vote-card-body' },
        open
          ? subject
          : h('details', { class: 'voted-on' }, h('summary', null, t('voting:delegation.votedOn')), subject),
        h(
          'section',
          { class: 'vote-ballot', 'aria-labelledby': `ballot-${vote.id}` },
          h('h4', { id: `ballot-${vote.id}` }, t('voting:delegation.yourBallot')),
          open ? h('p', { class: 'hint role-note' }, ctx.castNote()) : null,
          ballotLine,
          formSlot,
        ),
      ),
    );
    ballotLine.textContent = ballot
      ? t('voting:delegation.cast', { choice: t(`voting:choice.${ballot.choice}`) })
      : t(open ? 'voting:delegation.notCast' : 'voting:delegation.notCastClosed');
    ballotLine.dataset.choice = ballot?.choice ?? '';
    replaceChildren(
      formSlot,
      ctx.canCast()
        ? [
            closed || lapsed ? null : BallotForm(ctx, vote, build),
            ballot
              ? ReceiptBox({
                  voteId: vote.id,
                  choice: ballot.choice,
                  actions: ctx.actions,
                  receipts: ctx.receipts,
                  rebuild: build,
                  say: ctx.say,
                })
              : null,
            lapsed ? null : ExplanationForm(ctx, vote, closed ? 'after' : 'before'),
          ]
        : null,
    );
  };
  build();
  return {
    el,
    status: vote.status,
    update(next) {
      // Only the ballot line changes in place; forms are rebuilt when the status or our ballot changes.
      const before = ownBallot(vote, ctx.code)?.choice;
      vote = next;
      if (next.status !== this.status) {
        this.status = next.status;
        el.dataset.status = next.status;
        build();
      } else if (ownBallot(next, ctx.code)?.choice !== before) {
        build();
      }
    },
  };
}
