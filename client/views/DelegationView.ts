import type { AlternateJson, EndorsementList, VoteJson } from '../../shared/api/votes.js';
import type { SessionUser } from '../../shared/api/auth.js';
import { Actions } from '../api/actions.js';
import { ROUTES } from '../../shared/api/routes.js';
import { call } from '../api/http.js';
import { eventsWhileReading } from '../api/liveLists.js';
import type { BallotReceipt } from '../api/ledger.js';
import { followDocumentEvents, type EventHandlers } from '../components/documentEvents.js';
import { Drafts } from '../components/drafts.js';
import { h, replaceKeepingFocus } from '../dom.js';
import { t } from '../i18n/index.js';
import type { View } from '../router.js';
import { currentUser } from '../session.js';
import { AlternatePanel, EndorsementPanel } from './delegationPanels.js';
import { VoteCard, type DelegationContext } from './delegationVoteCard.js';
import { delegationName, flag, liveRegion, loadVotingData, resultSentence, type VotingData } from './votingCommon.js';
import { upsertVote, withBallot, withLapsed } from './voteReducers.js';
import { FloorRequestPanel } from './delegationFloor.js';
import { CheckInPanel } from './delegationRoll.js';
import { BreakSilencePanel } from './delegationSilence.js';

/** What the delegation's page knows: the document and its votes, the alternate, everyone's endorsements. */
interface DelegationState {
  data: VotingData;
  alternate: AlternateJson;
  endorsements: EndorsementList;
}

async function loadState(documentId: string, code: string): Promise<DelegationState> {
  const data = await loadVotingData(documentId, { amendments: true });
  const alternate = await call(ROUTES.alternate, { params: { code } });
  const endorsements = await call(ROUTES.endorsements, { params: { id: documentId } });
  return { data, alternate, endorsements };
}

/**
 * The page's state read again (a stage moved, the page came back after a dropped connection); a change of the
 * votes heard while it is being read is applied to what the read brings back, which may predate it. `change`
 * applies one and calls `changed` to draw it.
 */
function StateReader(
  documentId: string,
  state: DelegationState,
  changed: () => void,
): { change(fn: (votes: VoteJson[]) => VoteJson[]): void; read(): Promise<void> } {
  const reading = eventsWhileReading<(votes: VoteJson[]) => VoteJson[]>();
  return {
    change(fn) {
      state.data.votes = fn(state.data.votes);
      reading.record(fn);
      changed();
    },
    async read() {
      state.endorsements = await call(ROUTES.endorsements, { params: { id: documentId } });
      state.data = await reading.read(
        () => loadVotingData(documentId, { amendments: true }),
        (data, fn) => ({ ...data, votes: fn(data.votes) }),
      );
    },
  };
}

/** The open and the past votes, each a `VoteCard` kept by vote across updates. */
function VoteLists(ctx: DelegationContext): {
  open: HTMLElement;
  closed: HTMLElement;
  update(votes: VoteJson[]): void;
  reset(): void;
} {
  const open = h('div', { class: 'vote-cards' });
  const closed = h('div', { class: 'vote-cards' });
  const cards = new Map<string, VoteCard>();
  const card = (vote: VoteJson): HTMLElement => cards.get(vote.id)!.el;
  const update = (votes: VoteJson[]): void => {
    for (const vote of votes) {
      const known = cards.get(vote.id);
      if (known) known.update(vote);
      else cards.set(vote.id, VoteCard(ctx, vote));
    }
    const now = votes.filter((v) => v.status === 'open');
    const past = votes.filter((v) => v.status !== 'open').reverse();
    replaceKeepingFocus(open, now.length ? now.map(card) : noOpenVote());
    replaceKeepingFocus(closed, past.length ? past.map(card) : h('p', null, t('voting:chair.noPastVote')));
    ctx.actions.recheck();
  };
  return { open, closed, update, reset: () => cards.clear() };
}

/** The empty state while no vote is open: that none is, and what comes next. */
function noOpenVote(): HTMLElement {
  return h(
    'div',
    { class: 'empty-state no-open-vote' },
    h('p', { class: 'empty-title' }, t('voting:delegation.noOpenVote')),
    h('p', { class: 'hint' }, t('voting:delegation.noOpenVoteNext')),
  );
}

/** What a topic of an action's error reads now (see `Actions.describe`). */
function situation(state: DelegationState, topic: string): unknown {
  if (topic === 'stage') return state.data.doc.stage;
  if (topic === 'alternate') return state.alternate.alternate;
  if (topic.startsWith('vote:')) return state.data.votes.find((v) => v.id === topic.slice(5))?.status ?? 'gone';
  return undefined;
}

/** The open votes, then the past ones. */
function voteSections(votes: { open: HTMLElement; closed: HTMLElement }): HTMLElement[] {
  return [
    h(
      'section',
      { 'aria-labelledby': 'open-votes' },
      h('h2', { id: 'open-votes' }, t('voting:delegation.openVotes')),
      votes.open,
    ),
    h(
      'section',
      { 'aria-labelledby': 'closed-votes' },
      h('h2', { id: 'closed-votes' }, t('voting:delegation.closedVotes')),
      votes.closed,
    ),
  ];
}

function roleNoteText(user: SessionUser, canCast: boolean): string {
  if (user.role === 'head') return t('voting:delegation.youCast');
  return canCast ? t('voting:delegation.youCastAlternate') : t('voting:delegation.headCasts');
}

/** Reads the subject of a vote just opened again: the clause's text, or the amendment (perhaps new). */
async function freshSubject(state: DelegationState, vote: VoteJson): Promise<void> {
  const { type, id } = vote.subject;
  if (type === 'clause') {
    state.data.doc = await call(ROUTES.document, { params: { id: state.data.doc.id }, query: { include: 'content' } });
  } else if (type === 'amendment') {
    const amendment = await call(ROUTES.amendment, { params: { id } });
    state.data.amendments = [...state.data.amendments.filter((a) => a.id !== id), amendment];
  }
}

/** What the page does on each of the document's events, for the delegation `code`. */
function delegationEvents(
  code: string,
  state: DelegationState,
  ui: {
    changeVotes(fn: (votes: VoteJson[]) => VoteJson[]): void;
    say(message: string): void;
    endorsements(list: EndorsementList): void;
    reload(): Promise<void>;
    alternateChanged(): Promise<void>;
  },
): EventHandlers {
  return {
    'vote:opened': async ({ vote }) => {
      // What is voted on is read as it stands now (the text may have changed since the page was opened).
      await freshSubject(state, vote).catch(() => {});
      // Closed while its subject was read: the close, which came after, stands.
      if (state.data.votes.some((v) => v.id === vote.id && v.status !== 'open')) return;
      ui.changeVotes((v) => upsertVote(v, vote));
    },
    'vote:ballot': (e) => {
      if (e.ballot.delegation === code && state.data.votes.some((v) => v.id === e.voteId))
        ui.changeVotes((v) => withBallot(v, e));
    },
    'vote:progress': (e) => {
      const vote = state.data.votes.find((v) => v.id === e.voteId);
      if (vote) vote.voted = e.voted;
    },
    'vote:closed': ({ vote }) => {
      ui.changeVotes((v) => upsertVote(v, vote));
      ui.say(resultSentence(vote, state.data));
    },
    'vote:lapsed': ({ vote }) => ui.changeVotes((v) => withLapsed(v, vote)),
    'endorsements:changed': (e) => {
      state.endorsements = e;
      ui.endorsements(e);
    },
    'document:stage': () => void ui.reload(),
    'delegation:alternate': async (e) => {
      if (e.delegation === code) await ui.alternateChanged();
    },
  };
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
  const state = await loadState(documentId, code);
  const name = delegationName(code, state.data.delegations);
  const actions = new Actions();
  const status = liveRegion();
  const canCast = (): boolean =>
    user.role === 'head' || (user.role === 'delegate' && state.alternate.alternate === user.username);
  const say = (message: string): void => void (status.textContent = message);
  const ctx: DelegationContext = {
    code,
    name,
    actions,
    drafts: new Drafts(),
    receipts: new Map<string, BallotReceipt>(),
    canCast,
    castNote: () => roleNoteText(user, canCast()),
    data: () => state.data,
    say,
  };
  actions.describe((topic) => situation(state, topic));
  const votes = VoteLists(ctx);
  const reader = StateReader(documentId, state, () => votes.update(state.data.votes));
  const alternatePanel = AlternatePanel(ctx, (answer) => void (state.alternate = { ...state.alternate, ...answer }));
  const endorsementPanel = EndorsementPanel(ctx, documentId, user.role === 'head');
  const floor = FloorRequestPanel({ actions, documentId, code, data: () => state.data, say });
  const roll = CheckInPanel({ actions, documentId, code, isHead: user.role === 'head', say });
  const silence = BreakSilencePanel({ actions, documentId, code, data: () => state.data, say });
  const root = h(
    'section',
    { class: 'delegation-page' },
    h(
      'p',
      { class: 'breadcrumbs' },
      h('a', { href: `/documents/${encodeURIComponent(documentId)}` }, state.data.doc.title),
    ),
    h('h1', null, flag(code), ' ', t('voting:delegation.title', { name })),
    status,
    roll.el,
    silence.el,
    floor.el,
    voteSections(votes),
    endorsementPanel.el,
    user.role === 'head' ? alternatePanel.el : null,
  );
  const renderVotes = (): void => votes.update(state.data.votes);
  const renderAll = (): void => {
    renderVotes();
    if (user.role === 'head') alternatePanel.update(state.alternate);
    endorsementPanel.update(state.endorsements);
    floor.update();
  };
  const reload = async (): Promise<void> => {
    await reader.read();
    votes.reset();
    renderAll();
  };

  renderAll();
  const unfollow = followDocumentEvents(
    documentId,
    delegationEvents(code, state, {
      changeVotes: reader.change,
      say: ctx.say,
      endorsements: (e) => endorsementPanel.update(e),
      reload,
      alternateChanged: async () => {
        state.alternate = await call(ROUTES.alternate, { params: { code } });
        votes.reset();
        renderAll();
      },
    }),
    // Back in the room (after a dropped connection): what changed meanwhile, each card and its choice kept.
    () => void reader.read().then(renderAll, () => {}),
  );

  const destroy = (): void => [unfollow, floor.destroy, roll.destroy, silence.destroy].forEach((fn) => fn());
  return { title: t('voting:delegation.title', { name }), el: root, destroy };
}
