import type { VoteJson } from '../../shared/api/votes.js';
import { can } from '../../shared/domain/permissions.js';
import type { SessionUser } from '../../shared/api/auth.js';
import { Actions } from '../api/actions.js';
import { withClauseAmendments, withClauseStatus } from '../api/liveLists.js';
import { shortHash } from '../api/ledger.js';
import { followDocumentEvents, type EventHandlers } from '../components/documentEvents.js';
import { h, replaceKeepingFocus } from '../dom.js';
import { t } from '../i18n/index.js';
import type { View } from '../router.js';
import { currentUser } from '../session.js';
import { Agenda, type AgendaOptions } from './chairAgenda.js';
import { NowPanel } from './chairNow.js';
import { PublicationSwitch } from './chairPublication.js';
import { ConsoleStore, type Change } from './chairStore.js';
import { Stepper } from './chairStepper.js';
import { LiveVotes, PastVotes } from './chairVoteLists.js';
import { VoteForm } from './chairVoteForm.js';
import { FloorPanel } from './chairFloor.js';
import { RollPanel } from './chairRoll.js';
import { SilencePanel } from './chairSilence.js';
import {
  errorText,
  liveRegion,
  loadVotingData,
  resultSentence,
  ruleLabel,
  subjectLabel,
  upsertVote,
  withBallot,
  type VotingData,
} from './votingCommon.js';

/** What a topic of an action's error reads now (see `Actions.describe`); the forms answer for their own topics. */
function situation(data: VotingData, topic: string): unknown {
  const [kind, id] = topic.split(/:(.*)/s) as [string, string | undefined];
  if (kind === 'stage') return data.doc.stage;
  if (kind === 'votes-open') return data.votes.filter((v) => v.status === 'open').map((v) => v.id);
  if (kind === 'vote') return data.votes.find((v) => v.id === id)?.status ?? 'gone';
  if (kind === 'clause') return data.doc.clauses.find((c) => c.id === id)?.status ?? 'gone';
  if (kind === 'amendment') return data.amendments.find((a) => a.id === id)?.status ?? 'gone';
  if (kind === 'now') return data.now.clauseId;
  return undefined;
}

/**
 * The console's reducers, one per event. `textChanged` marks the lists of unfinished work being read as
 * possibly out of date; `live` redraws the live boards (at most once a frame, during a burst of ballots).
 */
function consoleEvents(store: ConsoleStore, textChanged: () => void, live: () => void): EventHandlers {
  const votes =
    (vote: VoteJson): Change =>
    (d) => ({ ...d, votes: upsertVote(d.votes, vote) });
  return {
    'vote:tally': (e) => {
      if (!store.data.votes.some((v) => v.id === e.voteId)) return void store.refresh();
      store.quietly((d) => ({ ...d, votes: withBallot(d.votes, e) }));
      live();
    },
    'vote:opened': ({ vote }) => {
      textChanged();
      store.change(votes(vote));
    },
    'vote:closed': ({ vote }) => {
      textChanged();
      store.change(votes(vote));
    },
    'vote:lapsed': ({ vote }) => store.change(votes(vote)),
    'document:stage': (e) => {
      textChanged();
      store.change((d) => ({ ...d, doc: { ...d.doc, stage: e.stage } }));
      void store.refresh();
    },
    'clause:status': (e) => {
      textChanged();
      store.change((d) => ({ ...d, doc: withClauseStatus(d.doc, e.clauseId, e.status) }));
    },
    'amendment:changed': (e) => {
      textChanged();
      store.change((d) => ({ ...d, amendments: withClauseAmendments(d.amendments, e) }));
      // An accepted or adopted amendment changed the text the agenda shows.
      if (e.change === 'accepted' || e.change === 'adopted') void store.refresh();
    },
    'document:nowDiscussing': (e) => store.change((d) => ({ ...d, now: e })),
    // A language version's clause marked current or draft changes what the list says of that version.
    'translation:status': () => textChanged(),
  };
}

/** Draws a function at most once per frame; `cancel` forgets a draw still to come. */
function perFrame(draw: () => void): { schedule(): void; cancel(): void } {
  let frame = 0;
  return {
    schedule() {
      if (frame) return;
      frame = requestAnimationFrame(() => {
        frame = 0;
        draw();
      });
    },
    cancel() {
      if (frame) cancelAnimationFrame(frame);
    },
  };
}

/**
 * The console's frame: a bar with the way back, the title, the projector and the public gallery's switch, then the stage stepper across,
 * then three columns (the current item and the votes in progress; the vote form and results; the agenda),
 * each scrolling on its own so the whole console fits a laptop's screen (voting.css).
 */
function consoleLayout(
  documentId: string,
  title: string,
  bar: { status: HTMLElement; publication: HTMLElement },
  stage: HTMLElement,
  columns: HTMLElement,
): HTMLElement {
  const enc = encodeURIComponent(documentId);
  return h(
    'section',
    { class: 'chair-console' },
    h(
      'div',
      { class: 'chair-top' },
      h('a', { class: 'chair-back', href: `/documents/${enc}` }, title),
      h('h1', null, t('voting:chair.title')),
      h(
        'a',
        {
          class: 'action-link',
          href: `/projector/${enc}`,
          target: '_blank',
          rel: 'noopener',
          title: t('voting:chair.projectorHint'),
        },
        t('voting:links.projector'),
      ),
      bar.publication,
      bar.status,
    ),
    stage,
    columns,
  );
}

/**
 * One of the console's columns. Each scrolls on its own on a wide screen, so it takes the focus (a keyboard
 * scrolls it with the arrows even where nothing in view is focusable) and is named by its first heading.
 */
function column(className: string, labelledBy: string, ...panels: HTMLElement[]): HTMLElement {
  return h('div', { class: className, role: 'region', tabindex: '0', 'aria-labelledby': labelledBy }, ...panels);
}

/** The agenda's panel, drawn again from what the console knows now. */
function AgendaPanel(
  o: Omit<AgendaOptions, 'data' | 'votesOpenAtStage'> & { data(): VotingData; votesOpenAtStage(): boolean },
): { el: HTMLElement; update(): void } {
  const el = h('section', { class: 'panel agenda', 'aria-labelledby': 'chair-agenda' });
  return {
    el,
    update: () => replaceKeepingFocus(el, ...Agenda({ ...o, data: o.data(), votesOpenAtStage: o.votesOpenAtStage() })),
  };
}

const votesOpenAtStage = (user: SessionUser, data: VotingData): boolean =>
  can(user, 'vote.open', { stage: data.doc.stage });

/** The console's panels, each telling the store and the announcer what the chair's action changed. */
function consolePanels(o: {
  actions: Actions;
  documentId: string;
  user: SessionUser;
  store: ConsoleStore;
  say: (message: string) => void;
}) {
  const { actions, documentId, user, store, say } = o;
  const data = (): VotingData => store.data;
  const after = (fn: Change, message: string): void => {
    store.change(fn);
    say(message);
    void store.refresh();
  };
  const form = VoteForm({
    actions,
    documentId,
    data,
    votesOpenAtStage: () => votesOpenAtStage(user, store.data),
    opened: (vote, rule) =>
      after(
        (d) => ({ ...d, votes: upsertVote(d.votes, vote) }),
        t('voting:announce.opened', { subject: subjectLabel(vote, store.data), rule: ruleLabel(rule) }),
      ),
  });
  const stepper = Stepper({
    actions,
    documentId,
    data,
    moved: (stage, message) => after((d) => ({ ...d, doc: { ...d.doc, stage } }), message),
    adopted: (answer) =>
      after(
        (d) => ({ ...d, doc: { ...d.doc, stage: 'adopted' } }),
        t('voting:stepper.adopted', { fingerprint: shortHash(answer.fingerprint) }),
      ),
  });
  const live = LiveVotes({
    actions,
    data,
    closed: (vote) => {
      store.change((d) => ({ ...d, votes: upsertVote(d.votes, vote) }));
      say(resultSentence(vote, store.data));
      void store.refresh();
    },
  });
  const past = PastVotes(data);
  const agenda = AgendaPanel({
    actions,
    documentId,
    data,
    votesOpenAtStage: () => votesOpenAtStage(user, store.data),
    choose: (subject) => form.choose(subject),
    discussed: (now) => store.change((d) => ({ ...d, now })),
  });
  return { form, stepper, live, past, agenda };
}

/**
 * The chair's console for one document: its stage as a stepper (moves forward, back with a reason, adoption
 * without a vote); the agenda of clauses with the amendments still to
 * decide (amendments to one clause furthest from the original first), where the chair puts a clause under
 * discussion or picks a subject for a vote; the vote form (subject, rule, quorum); the votes in progress with
 * every ballot arriving live; closing, and the announced result with the recorded vote.
 *
 * Every button runs through one `Actions`: disabled while its request is in flight, the error kept beside it
 * until the situation it described changes. What the console offers follows the stage and each subject's
 * state, so it never offers a vote that would fail.
 */
export async function ChairConsole(documentId: string): Promise<View> {
  const user = currentUser()!;
  const actions = new Actions();
  const status = liveRegion('status-line chair-announcer');
  const say = (message: string): void => void (status.textContent = message);
  const store = new ConsoleStore(documentId, await loadVotingData(documentId, { amendments: true }), {
    render: () => renderAll(),
    failed: (error) => say(errorText(error)),
  });
  const { form, stepper, live, past, agenda } = consolePanels({ actions, documentId, user, store, say });
  const now = NowPanel({
    data: () => store.data,
    votesOpenAtStage: () => votesOpenAtStage(user, store.data),
    choose: (subject) => form.choose(subject),
  });
  actions.describe((topic) => situation(store.data, topic) ?? form.situation(topic) ?? stepper.situation(topic));
  const floor = FloorPanel({ actions, documentId, data: () => store.data, say });
  const roll = RollPanel({ actions, documentId, data: () => store.data, say });
  const silence = SilencePanel({ actions, documentId, data: () => store.data, say });
  const formBox = h(
    'section',
    { class: 'panel', 'aria-labelledby': 'chair-open-vote' },
    h('h2', { id: 'chair-open-vote' }, t('voting:chair.openVote')),
    form.el,
  );
  const stageBox = h('section', { class: 'panel chair-stage', 'aria-labelledby': 'chair-stage' }, stepper.el);
  const columns = h(
    'div',
    { class: 'chair-columns' },
    column('chair-column', 'chair-now', now.el, live.el, floor.el, roll.el, silence.el),
    column('chair-column', 'chair-open-vote', formBox, past.el),
    column('chair-column chair-agenda-column', 'chair-agenda', agenda.el),
  );
  const publication = PublicationSwitch({ actions, documentId });
  const root = consoleLayout(
    documentId,
    store.data.doc.title,
    { status, publication: publication.el },
    stageBox,
    columns,
  );

  function renderAll(): void {
    if (!store.alive) return;
    now.update();
    live.update();
    form.update();
    past.update();
    stepper.update();
    agenda.update();
    silence.update();
    actions.recheck();
  }
  const frame = perFrame(() => store.alive && live.update());
  const textChanged = (): void => {
    form.textChanged();
    stepper.textChanged();
  };

  renderAll();
  // The page frame fits the console to the screen while it is shown (voting.css).
  document.documentElement.classList.add('chair-fit');
  // Back in the room (after a dropped connection), the console reads everything again.
  const unfollow = followDocumentEvents(
    documentId,
    consoleEvents(store, textChanged, frame.schedule),
    () => void store.refresh(),
  );
  return {
    title: t('voting:chair.title'),
    el: root,
    destroy() {
      store.alive = false;
      document.documentElement.classList.remove('chair-fit');
      frame.cancel();
      publication.destroy();
      unfollow();
      floor.destroy();
      roll.destroy();
      silence.destroy();
    },
  };
}
