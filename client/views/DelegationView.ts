import type { AlternateView, BallotView, EndorsementList, ExplanationTiming, VoteView } from '../../shared/api/votes.js';
import { BALLOT_CHOICES, type BallotChoice } from '../../shared/domain/tally.js';
import { ENDORSEMENT_KINDS, type EndorsementKind } from '../../shared/api/votes.js';
import { Actions } from '../api/actions.js';
import { api } from '../api/http.js';
import { followDocument } from '../api/socket.js';
import { actionError, bindAction } from '../components/actionControls.js';
import { h, replaceChildren, replaceKeepingFocus } from '../dom.js';
import { t } from '../i18n/index.js';
import type { View } from '../router.js';
import { currentUser } from '../session.js';
import type { BallotReceipt } from '../api/ledger.js';
import { fetchReceipt, ReceiptBox } from './ballotReceipt.js';
import {
  delegationName,
  errorText,
  flag,
  lapsedBlock,
  listen,
  liveRegion,
  loadVotingData,
  quorumLabel,
  resultBlock,
  resultSentence,
  ruleLabel,
  subjectLabel,
  upsertVote,
  type VotingData,
} from './votingCommon.js';

/** A vote's card on the page; kept across updates so a half-written explanation survives live events. */
interface VoteCard {
  el: HTMLElement;
  status: VoteView['status'];
  update(vote: VoteView): void;
}

/**
 * A delegation's own page for one document: the delegation's ballot in each open vote (the head, or the
 * designated alternate, casts it after a confirmation and may change it until the chair closes; the other
 * members see what was cast), explanations of vote before and after, the head's choice of alternate, and
 * after adoption the delegation's endorsement with the running list of everyone's.
 *
 * Every button runs through one `Actions` (one ballot however often Confirm is pressed; a retry after a lost
 * connection is the same request), and what the head picked or wrote is kept by field across the rebuilds
 * that live events cause.
 */
export async function DelegationView(documentId: string): Promise<View> {
  const user = currentUser()!;
  const code = user.delegation!;
  const enc = encodeURIComponent(documentId);
  let data: VotingData = await loadVotingData(documentId, { amendments: true });
  let alternate = await api.get<AlternateView>(`/api/delegations/${code}/alternate`);
  let endorsements = await api.get<EndorsementList>(`/api/documents/${enc}/endorsements`);
  const name = delegationName(code, data.delegations);
  const canCast = (): boolean => user.role === 'head' || (user.role === 'delegate' && alternate.alternate === user.username);

  const status = liveRegion();
  const roleNote = h('p', { class: 'hint' });
  const openList = h('div', { class: 'vote-cards' });
  const closedList = h('div', { class: 'vote-cards' });
  const alternateBox = h('section', { class: 'panel', 'aria-labelledby': 'alternate-title' });
  const endorsementBox = h('section', { class: 'panel', 'aria-labelledby': 'endorsement-title' });
  const cards = new Map<string, VoteCard>();
  /** The delegation's ballot receipts fetched so far, by vote. */
  const receipts = new Map<string, BallotReceipt>();
  const actions = new Actions();
  /** What the person picked or wrote and has not sent, by field id. */
  const drafts = new Map<string, string>();
  actions.describe((topic) => {
    if (topic === 'stage') return data.doc.stage;
    if (topic === 'alternate') return alternate.alternate;
    if (topic.startsWith('vote:')) return data.votes.find((v) => v.id === topic.slice(5))?.status ?? 'gone';
    return undefined;
  });
  /** Keeps a field's unsent value in `drafts` and gives it back when the field is built again. */
  const drafted = <E extends HTMLInputElement | HTMLTextAreaElement | HTMLSelectElement>(el: E): E => {
    const kept = drafts.get(el.id);
    if (kept !== undefined) el.value = kept;
    el.addEventListener(el instanceof HTMLSelectElement ? 'change' : 'input', () => drafts.set(el.id, el.value));
    return el;
  };

  const root = h(
    'section',
    { class: 'delegation-page' },
    h('p', { class: 'breadcrumbs' }, h('a', { href: `/documents/${enc}` }, data.doc.title)),
    h('h1', null, flag(code), ' ', t('voting:delegation.title', { name })),
    roleNote,
    status,
    h('section', { 'aria-labelledby': 'open-votes' }, h('h2', { id: 'open-votes' }, t('voting:delegation.openVotes')), openList),
    h('section', { 'aria-labelledby': 'closed-votes' }, h('h2', { id: 'closed-votes' }, t('voting:delegation.closedVotes')), closedList),
    endorsementBox,
    user.role === 'head' ? alternateBox : null,
  );

  const say = (message: string): void => {
    status.textContent = message;
  };

  const ownBallot = (vote: VoteView): BallotView | undefined => vote.ballots.find((b) => b.delegation === code);

  /** The ballot form: pick, confirm, cast; changeable while the vote is open. */
  const ballotForm = (vote: VoteView, refresh: () => void): HTMLElement => {
    const group = `choice-${vote.id}`;
    const action = `ballot:${vote.id}`;
    const current = ownBallot(vote)?.choice;
    const picked0 = (drafts.get(group) as BallotChoice | undefined) ?? current;
    const radios = BALLOT_CHOICES.map((choice) =>
      h(
        'label',
        { class: `choice-option choice-${choice}` },
        h('input', { type: 'radio', name: group, value: choice, checked: choice === picked0, required: true, onchange: () => drafts.set(group, choice) }),
        ' ',
        t(`voting:choice.${choice}`),
      ),
    );
    const confirmBox = h('div', { class: 'confirm', hidden: true, role: 'group', 'aria-label': t('voting:delegation.confirmButton') });
    const cast = (picked: BallotChoice): void =>
      void actions.run(
        action,
        async (send) => {
          const ballot = await send.post<BallotView>(`/api/votes/${vote.id}/ballots`, { choice: picked });
          vote.ballots = [...vote.ballots.filter((b) => b.delegation !== code), ballot];
          if (!vote.voted.includes(code)) vote.voted = [...vote.voted, code];
          drafts.delete(group);
          say(`${t('voting:delegation.done', { choice: t(`voting:choice.${picked}`) })} ${t('voting:delegation.canChange')}`);
          refresh();
          // The receipt of the ballot just cast, to keep: its ledger entry under a head the conference signed.
          void fetchReceipt({ voteId: vote.id, actions, receipts, rebuild: refresh });
        },
        { about: ['stage', `vote:${vote.id}`] },
      );
    const form = h(
      'form',
      {
        class: 'ballot-form',
        onsubmit: (e: Event) => {
          e.preventDefault();
          const picked = (form.querySelector(`input[name="${group}"]:checked`) as HTMLInputElement | null)?.value as BallotChoice | undefined;
          if (!picked || actions.isBusy(action)) return;
          const confirmButton = bindAction(actions, action, h('button', { type: 'button', id: `confirm-${vote.id}`, class: 'primary', onclick: () => cast(picked) }, t('voting:delegation.confirmButton')));
          replaceChildren(
            confirmBox,
            h('p', null, t('voting:delegation.confirm', { choice: t(`voting:choice.${picked}`), delegation: name })),
            confirmButton,
            ' ',
            h('button', { type: 'button', onclick: () => ((confirmBox.hidden = true), submit.focus()) }, t('voting:delegation.cancel')),
          );
          confirmBox.hidden = false;
          confirmButton.focus();
        },
      },
      h('fieldset', null, h('legend', null, t('voting:delegation.choose')), radios),
    );
    const submit = bindAction(actions, action, h('button', { type: 'submit', id: `cast-${vote.id}` }, current ? t('voting:delegation.changeButton') : t('voting:delegation.castButton')));
    form.append(submit, confirmBox, actionError(actions, action, errorText));
    return form;
  };

  /** An explanation of vote: before while open, after once closed. */
  const explanationForm = (vote: VoteView, when: ExplanationTiming): HTMLElement => {
    const id = `explain-${vote.id}-${when}`;
    const action = `explain:${vote.id}:${when}`;
    const existing = vote.explanations.find((e) => e.delegation === code && e.when === when)?.text ?? '';
    const text = drafted(h('textarea', { id, rows: 3, maxlength: 4000, value: existing, required: true }));
    return h(
      'form',
      {
        class: 'explanation-form',
        onsubmit: (e: Event) => {
          e.preventDefault();
          void actions.run(
            action,
            async (send) => {
              await send.post(`/api/votes/${vote.id}/explanations`, { when, text: text.value });
              drafts.delete(id);
              say(t('voting:delegation.explanationSaved'));
            },
            { about: ['stage', `vote:${vote.id}`] },
          );
        },
      },
      h('label', { for: id }, when === 'before' ? t('voting:delegation.explainBefore') : t('voting:delegation.explainAfter')),
      text,
      actionError(actions, action, errorText),
      bindAction(actions, action, h('button', { type: 'submit', id: `${id}-submit` }, t('voting:delegation.submitExplanation'))),
    );
  };

  const makeCard = (vote: VoteView): VoteCard => {
    const el = h('article', { class: 'vote-card', 'data-vote-id': vote.id, 'data-status': vote.status });
    const ballotLine = h('p', { class: 'own-ballot', 'aria-live': 'polite' });
    const formSlot = h('div');
    const build = (): void => {
      const ballot = ownBallot(vote);
      const closed = vote.status === 'closed';
      // A vote that lapsed at adoption decided nothing: it takes no ballot and no explanation any more.
      const lapsed = vote.status === 'lapsed';
      replaceKeepingFocus(
        el,
        h('h3', null, subjectLabel(vote, data)),
        h('p', { class: 'vote-rule' }, `${ruleLabel(vote.rule)} — ${t(`voting:rule.explain.${vote.rule}`)} ${t('voting:quorum.label')}: ${quorumLabel(vote.quorum)}.`),
        closed ? resultBlock(vote) : lapsed ? lapsedBlock() : null,
        h('h4', null, t('voting:delegation.yourBallot')),
        ballotLine,
        formSlot,
      );
      ballotLine.textContent = ballot ? t('voting:delegation.cast', { choice: t(`voting:choice.${ballot.choice}`) }) : t('voting:delegation.notCast');
      ballotLine.dataset.choice = ballot?.choice ?? '';
      replaceChildren(
        formSlot,
        canCast()
          ? [
              closed || lapsed ? null : ballotForm(vote, build),
              ballot ? ReceiptBox({ voteId: vote.id, choice: ballot.choice, actions, receipts, rebuild: build, say }) : null,
              lapsed ? null : explanationForm(vote, closed ? 'after' : 'before'),
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
        const before = ownBallot(vote)?.choice;
        vote = next;
        if (next.status !== this.status) {
          this.status = next.status;
          el.dataset.status = next.status;
          build();
        } else if (ownBallot(next)?.choice !== before) {
          build();
        }
      },
    };
  };

  const renderVotes = (): void => {
    for (const vote of data.votes) {
      const card = cards.get(vote.id);
      if (card) card.update(vote);
      else cards.set(vote.id, makeCard(vote));
    }
    const open = data.votes.filter((v) => v.status === 'open');
    const closed = data.votes.filter((v) => v.status !== 'open').reverse();
    replaceKeepingFocus(openList, open.length ? open.map((v) => cards.get(v.id)!.el) : h('p', null, t('voting:delegation.noOpenVote')));
    replaceKeepingFocus(closedList, closed.length ? closed.map((v) => cards.get(v.id)!.el) : h('p', null, t('voting:chair.noPastVote')));
    actions.recheck();
  };

  const renderRoleNote = (): void => {
    roleNote.textContent =
      user.role === 'head' ? t('voting:delegation.youCast') : canCast() ? t('voting:delegation.youCastAlternate') : t('voting:delegation.headCasts');
  };

  const renderAlternate = (): void => {
    if (user.role !== 'head') return;
    const select = h(
      'select',
      { id: 'alternate-select' },
      h('option', { value: '' }, t('voting:delegation.noAlternate')),
      (alternate.candidates ?? []).map((c) => h('option', { value: c.username, selected: c.username === alternate.alternate }, `${c.displayName} (${c.username})`)),
    );
    drafted(select);
    replaceKeepingFocus(
      alternateBox,
      h('h2', { id: 'alternate-title' }, t('voting:delegation.alternate')),
      h('p', { class: 'hint' }, t('voting:delegation.alternateHint')),
      h(
        'form',
        {
          class: 'inline-form',
          onsubmit: (e: Event) => {
            e.preventDefault();
            void actions.run(
              'alternate',
              async (send) => {
                alternate = { ...alternate, ...(await send.post<AlternateView>(`/api/delegations/${code}/alternate`, { username: select.value || null })) };
                drafts.delete(select.id);
                say(t('voting:delegation.alternateSaved'));
              },
              { about: ['alternate'] },
            );
          },
        },
        h('label', { for: 'alternate-select' }, t('voting:delegation.alternate')),
        select,
        bindAction(actions, 'alternate', h('button', { type: 'submit', id: 'alternate-submit' }, t('voting:delegation.saveAlternate'))),
      ),
      actionError(actions, 'alternate', errorText),
    );
  };

  const renderEndorsements = (): void => {
    const ours = endorsements.endorsements.find((e) => e.delegation === code);
    const list = endorsements.endorsements.length
      ? h(
          'ul',
          { class: 'endorsement-list' },
          endorsements.endorsements.map((e) =>
            h(
              'li',
              { 'data-delegation': e.delegation, 'data-kind': e.kind },
              flag(e.delegation),
              ' ',
              h('strong', null, delegationName(e.delegation, data.delegations)),
              `: ${t(`voting:endorsement.kind.${e.kind}`)}`,
              e.statement ? h('blockquote', null, e.statement) : null,
            ),
          ),
        )
      : h('p', null, t('voting:endorsement.none'));
    let form: HTMLElement | null = null;
    if (data.doc.stage === 'adopted' && user.role === 'head') {
      const statement = drafted(h('textarea', { id: 'endorsement-statement', rows: 3, maxlength: 4000, value: ours?.statement ?? '' }));
      const kindKept = (drafts.get('endorsement-kind') as EndorsementKind | undefined) ?? ours?.kind;
      const statementField = h('div', { class: 'field' }, h('label', { for: 'endorsement-statement' }, t('voting:endorsement.statement')), statement);
      const kinds = ENDORSEMENT_KINDS.map((kind) =>
        h(
          'label',
          { class: 'choice-option' },
          h('input', { type: 'radio', name: 'endorsement-kind', value: kind, checked: kindKept === kind, required: true, onchange: () => (drafts.set('endorsement-kind', kind), syncStatement()) }),
          ' ',
          t(`voting:endorsement.kind.${kind}`),
        ),
      );
      const picked = (): EndorsementKind | undefined => (endorsementBox.querySelector('input[name="endorsement-kind"]:checked') as HTMLInputElement | null)?.value as EndorsementKind | undefined;
      const syncStatement = (): void => {
        statement.required = picked() === 'endorse_with_reservation';
      };
      form = h(
        'form',
        {
          class: 'endorsement-form',
          onsubmit: (e: Event) => {
            e.preventDefault();
            const kind = picked();
            if (!kind) return;
            void actions.run(
              'endorse',
              async (send) => {
                await send.post(`/api/documents/${enc}/endorsements`, { kind, ...(statement.value.trim() ? { statement: statement.value } : {}) });
                drafts.delete('endorsement-kind');
                drafts.delete(statement.id);
                say(t('voting:endorsement.recorded', { kind: t(`voting:endorsement.kind.${kind}`) }));
              },
              { about: ['stage'] },
            );
          },
        },
        h('fieldset', null, h('legend', null, t('voting:endorsement.title')), kinds),
        statementField,
        actionError(actions, 'endorse', errorText),
        bindAction(actions, 'endorse', h('button', { type: 'submit', id: 'endorsement-submit', class: 'primary' }, t('voting:endorsement.record'))),
      );
      queueMicrotask(syncStatement);
    }
    replaceKeepingFocus(
      endorsementBox,
      h('h2', { id: 'endorsement-title' }, t('voting:endorsement.title')),
      data.doc.stage === 'adopted' ? null : h('p', { class: 'hint' }, t('voting:endorsement.notYet')),
      ours ? h('p', { class: 'own-endorsement' }, t('voting:endorsement.ours', { kind: t(`voting:endorsement.kind.${ours.kind}`) })) : null,
      form,
      h('h3', null, t('voting:endorsement.list')),
      h('p', null, t('voting:endorsement.progress', { count: endorsements.endorsements.length, total: data.delegations.length })),
      list,
    );
  };

  const renderAll = (): void => {
    renderRoleNote();
    renderVotes();
    renderAlternate();
    renderEndorsements();
  };

  const reload = async (): Promise<void> => {
    data = await loadVotingData(documentId, { amendments: true });
    endorsements = await api.get<EndorsementList>(`/api/documents/${enc}/endorsements`);
    cards.clear();
    renderAll();
  };

  renderAll();
  const unfollow = followDocument(documentId);
  const mine = (e: { documentId: string }): boolean => e.documentId === documentId;
  const unlisten = listen({
    'vote:opened': ({ vote }) => {
      if (!mine(vote)) return;
      data.votes = upsertVote(data.votes, vote);
      renderVotes();
    },
    'vote:ballot': (e) => {
      if (!mine(e) || e.ballot.delegation !== code) return;
      const vote = data.votes.find((v) => v.id === e.voteId);
      if (!vote) return;
      const next = { ...vote, ballots: [...vote.ballots.filter((b) => b.delegation !== code), e.ballot], voted: [...new Set([...vote.voted, code])] };
      data.votes = upsertVote(data.votes, next);
      renderVotes();
    },
    'vote:progress': (e) => {
      if (!mine(e)) return;
      const vote = data.votes.find((v) => v.id === e.voteId);
      if (vote) vote.voted = e.voted;
    },
    'vote:closed': ({ vote }) => {
      if (!mine(vote)) return;
      data.votes = upsertVote(data.votes, vote);
      renderVotes();
      say(resultSentence(vote, data));
    },
    'vote:lapsed': ({ vote }) => {
      if (!mine(vote)) return;
      // The server's view of a lapsed vote keeps choices private: our own ballot stays as we knew it.
      const known = data.votes.find((v) => v.id === vote.id);
      data.votes = upsertVote(data.votes, { ...vote, ballots: known?.ballots ?? vote.ballots });
      renderVotes();
    },
    'endorsements:changed': (e) => {
      if (!mine(e)) return;
      endorsements = e;
      renderEndorsements();
    },
    'document:stage': (e) => {
      if (mine(e)) void reload();
    },
    'delegation:alternate': async (e) => {
      if (e.delegation !== code) return;
      alternate = await api.get<AlternateView>(`/api/delegations/${code}/alternate`);
      cards.clear();
      renderAll();
    },
  });

  return {
    title: t('voting:delegation.title', { name }),
    el: root,
    destroy() {
      unlisten();
      unfollow();
    },
  };
}
