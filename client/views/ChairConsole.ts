import type { VoteView } from '../../shared/api/votes.js';
import { can } from '../../shared/domain/permissions.js';
import { countBallots } from '../../shared/domain/tally.js';
import { Actions } from '../api/actions.js';
import { eventsWhileReading, withClauseAmendments, withClauseStatus } from '../api/liveLists.js';
import { followDocument } from '../api/socket.js';
import { actionButton, actionError } from '../components/actionControls.js';
import { h, replaceKeepingFocus } from '../dom.js';
import { t } from '../i18n/index.js';
import type { View } from '../router.js';
import { currentUser } from '../session.js';
import { Agenda } from './chairAgenda.js';
import { shortHash } from '../api/ledger.js';
import { Stepper } from './chairStepper.js';
import { VoteForm } from './chairVoteForm.js';
import {
  byName,
  countsText,
  delegationName,
  errorText,
  flag,
  listen,
  liveRegion,
  loadVotingData,
  quorumLabel,
  lapsedCard,
  resultBlock,
  resultSentence,
  rollCall,
  ruleLabel,
  subjectLabel,
  upsertVote,
  withTally,
  type VotingData,
} from './votingCommon.js';

/** The console's change of what it knows, applied now and again to a read that was on its way meanwhile. */
type Change = (data: VotingData) => VotingData;

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
  const enc = encodeURIComponent(documentId);
  const user = currentUser()!;
  let data: VotingData = await loadVotingData(documentId, { amendments: true });
  let alive = true;
  const actions = new Actions();
  const votesOpenAtStage = (): boolean => can(user, 'vote.open', { stage: data.doc.stage });
  const openVotes = (): VoteView[] => data.votes.filter((v) => v.status === 'open');

  const status = liveRegion('status-line chair-announcer');
  const say = (message: string): void => {
    status.textContent = message;
  };
  const form = VoteForm({
    actions,
    documentId,
    data: () => data,
    votesOpenAtStage,
    opened: (vote, rule) => {
      change((d) => ({ ...d, votes: upsertVote(d.votes, vote) }));
      say(t('voting:announce.opened', { subject: subjectLabel(vote, data), rule: ruleLabel(rule) }));
      void refresh();
    },
  });

  /** What each topic of an error reads now; an error goes once one of its topics reads otherwise. */
  actions.describe((topic) => {
    const [kind, id] = topic.split(/:(.*)/s) as [string, string | undefined];
    if (kind === 'stage') return data.doc.stage;
    if (kind === 'votes-open') return openVotes().map((v) => v.id);
    if (kind === 'vote') return data.votes.find((v) => v.id === id)?.status ?? 'gone';
    if (kind === 'clause') return data.doc.clauses.find((c) => c.id === id)?.status ?? 'gone';
    if (kind === 'amendment') return data.amendments.find((a) => a.id === id)?.status ?? 'gone';
    if (kind === 'now') return data.now.clauseId;
    return form.situation(topic) ?? stepper.situation(topic);
  });

  const stepper = Stepper({
    actions,
    documentId,
    data: () => data,
    moved: (stage, message) => {
      change((d) => ({ ...d, doc: { ...d.doc, stage } }));
      say(message);
      void refresh();
    },
    adopted: (answer) => {
      change((d) => ({ ...d, doc: { ...d.doc, stage: 'adopted' } }));
      say(t('voting:stepper.adopted', { fingerprint: shortHash(answer.fingerprint) }));
      void refresh();
    },
  });
  const stageBox = h('section', { class: 'panel', 'aria-labelledby': 'chair-stage' }, stepper.el);
  const agendaBox = h('section', { class: 'panel agenda', 'aria-labelledby': 'chair-agenda' });
  const formBox = h('section', { class: 'panel', 'aria-labelledby': 'chair-open-vote' }, h('h2', { id: 'chair-open-vote' }, t('voting:chair.openVote')), form.el);
  const liveBox = h('section', { class: 'panel', 'aria-labelledby': 'chair-live' });
  const pastBox = h('section', { class: 'panel', 'aria-labelledby': 'chair-past' });
  const root = h(
    'section',
    { class: 'chair-console' },
    h('p', { class: 'breadcrumbs' }, h('a', { href: `/documents/${enc}` }, data.doc.title)),
    h('h1', null, t('voting:chair.title')),
    h('p', { class: 'hint' }, h('a', { href: `/projector/${enc}`, target: '_blank', rel: 'noopener' }, t('voting:links.projector')), ' — ', t('voting:chair.projectorHint')),
    status,
    h('div', { class: 'chair-columns' }, h('div', null, liveBox, formBox, pastBox), h('div', null, stageBox, agendaBox)),
  );

  const renderAgenda = (): void =>
    replaceKeepingFocus(
      agendaBox,
      ...Agenda({
        data,
        actions,
        documentId,
        votesOpenAtStage: votesOpenAtStage(),
        choose: (subject) => form.choose(subject),
        discussed: (now) => change((d) => ({ ...d, now })),
      }),
    );

  /** What a vote's result depends on besides itself: its clause (an amendment's clause). */
  const voteTopics = (vote: VoteView): string[] => {
    const clauseId = vote.subject.type === 'clause' ? vote.subject.id : vote.subject.type === 'amendment' ? data.amendments.find((a) => a.id === vote.subject.id)?.clauseId : undefined;
    return ['stage', `vote:${vote.id}`, ...(clauseId ? [`clause:${clauseId}`] : []), ...(vote.subject.type === 'amendment' ? [`amendment:${vote.subject.id}`] : [])];
  };

  /** One open vote: the running count and every ballot as it arrives (the chair sees choices). */
  const liveCard = (vote: VoteView): HTMLElement => {
    const counts = countBallots(vote.ballots);
    const choices = new Map(vote.ballots.map((b) => [b.delegation, b.choice]));
    const label = subjectLabel(vote, data);
    const close = `close:${vote.id}`;
    return h(
      'article',
      { class: 'vote-card live', id: `live-${vote.id}`, 'data-vote-id': vote.id, 'data-present': counts.present },
      h('h3', null, label),
      h('p', { class: 'vote-rule' }, `${ruleLabel(vote.rule)} · ${t('voting:quorum.label')}: ${quorumLabel(vote.quorum)}`),
      h('p', { class: 'live-counts' }, countsText(counts, data.delegations.length)),
      h(
        'ul',
        { class: 'vote-board compact', 'aria-label': t('voting:projector.board') },
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
      ),
      actionError(actions, close, errorText),
      actionButton(
        actions,
        close,
        { id: `close-${vote.id}`, class: 'primary' },
        t('voting:chair.close'),
        async (send) => {
          if (!confirm(t('voting:chair.confirmClose', { subject: label }))) return;
          const closed = await send.post<VoteView>(`/api/votes/${vote.id}/close`);
          change((d) => ({ ...d, votes: upsertVote(d.votes, closed) }));
          say(resultSentence(closed, data));
          void refresh();
        },
        { about: voteTopics(vote) },
      ),
    );
  };

  const renderLive = (): void => {
    const open = openVotes();
    replaceKeepingFocus(liveBox, h('h2', { id: 'chair-live' }, t('voting:chair.liveVotes')), open.length ? open.map(liveCard) : h('p', null, t('voting:chair.noOpenVote')));
  };

  /** Results the chair unfolded stay unfolded when the list is drawn again. */
  const unfolded = new Set<string>();
  /** What the results show, to draw their roll calls again only when that changed. */
  let pastShown = '';
  const renderPast = (): void => {
    // Lapsed votes are results too: the chair sees that they decided nothing.
    const closed = data.votes.filter((v) => v.status !== 'open').reverse();
    const shown = JSON.stringify(closed.map((v) => [v.id, v.status, subjectLabel(v, data), v.explanations.length]));
    if (shown === pastShown) return;
    pastShown = shown;
    replaceKeepingFocus(
      pastBox,
      h('h2', { id: 'chair-past' }, t('voting:chair.pastVotes')),
      closed.length
        ? closed.map((vote) => {
            if (vote.status === 'lapsed') return lapsedCard(vote, data);
            const details = h(
              'details',
              { class: 'vote-card', 'data-vote-id': vote.id, open: unfolded.has(vote.id) },
              h('summary', { id: `result-${vote.id}` }, `${subjectLabel(vote, data)} — `, resultBlock(vote)),
              rollCall(vote, data.delegations),
              vote.explanations.length
                ? h(
                    'ul',
                    { class: 'explanations', 'aria-label': t('voting:explanations.title') },
                    vote.explanations.map((e) => h('li', null, flag(e.delegation), ' ', h('strong', null, delegationName(e.delegation, data.delegations)), ` (${t(`voting:explanations.${e.when}`)}): `, e.text)),
                  )
                : null,
            );
            details.addEventListener('toggle', () => (details.open ? unfolded.add(vote.id) : unfolded.delete(vote.id)));
            return details;
          })
        : h('p', null, t('voting:chair.noPastVote')),
    );
  };

  const renderAll = (): void => {
    if (!alive) return;
    renderLive();
    form.update();
    renderPast();
    stepper.update();
    renderAgenda();
    actions.recheck();
  };

  // A read of everything may have left before a live change: the change is applied to it again.
  const reading = eventsWhileReading<Change>();
  const change = (fn: Change): void => {
    data = fn(data);
    reading.record(fn);
    renderAll();
  };
  let refreshing: Promise<void> | null = null;
  let again = false;
  /** Reads everything again (a stage, a changed text); reads asked for meanwhile are folded into one more. */
  const refresh = (): Promise<void> => {
    if (refreshing) {
      again = true;
      return refreshing;
    }
    refreshing = (async () => {
      try {
        do {
          again = false;
          data = await reading.read(() => loadVotingData(documentId, { amendments: true }), (read, fn) => fn(read));
        } while (again && alive);
        renderAll();
      } catch (error) {
        if (alive) say(errorText(error));
      } finally {
        refreshing = null;
      }
    })();
    return refreshing;
  };

  // During a burst of ballots the board is redrawn at most once per frame.
  let frame = 0;
  const scheduleLive = (): void => {
    if (frame) return;
    frame = requestAnimationFrame(() => {
      frame = 0;
      if (alive) renderLive();
    });
  };

  /** What a list of unfinished work shows may have changed: it is checked again before it is acknowledged. */
  const textChanged = (): void => {
    form.textChanged();
    stepper.textChanged();
  };

  renderAll();
  const unfollow = followDocument(documentId);
  const ours = (e: { documentId: string }): boolean => e.documentId === documentId;
  const unlisten = listen({
    'vote:tally': (e) => {
      if (!ours(e)) return;
      if (!data.votes.some((v) => v.id === e.voteId)) return void refresh();
      const fn: Change = (d) => ({ ...d, votes: withTally(d.votes, e) });
      data = fn(data);
      reading.record(fn);
      scheduleLive();
    },
    'vote:opened': ({ vote }) => {
      if (!ours(vote)) return;
      textChanged();
      change((d) => ({ ...d, votes: upsertVote(d.votes, vote) }));
    },
    'vote:closed': ({ vote }) => {
      if (!ours(vote)) return;
      textChanged();
      change((d) => ({ ...d, votes: upsertVote(d.votes, vote) }));
    },
    'vote:lapsed': ({ vote }) => {
      if (ours(vote)) change((d) => ({ ...d, votes: upsertVote(d.votes, vote) }));
    },
    'document:stage': (e) => {
      if (!ours(e)) return;
      textChanged();
      change((d) => ({ ...d, doc: { ...d.doc, stage: e.stage } }));
      void refresh();
    },
    'clause:status': (e) => {
      if (!ours(e)) return;
      textChanged();
      change((d) => ({ ...d, doc: withClauseStatus(d.doc, e.clauseId, e.status) }));
    },
    'amendment:changed': (e) => {
      if (!ours(e)) return;
      textChanged();
      change((d) => ({ ...d, amendments: withClauseAmendments(d.amendments, e) }));
      // An accepted or adopted amendment changed the text the agenda shows.
      if (e.change === 'accepted' || e.change === 'adopted') void refresh();
    },
    'document:nowDiscussing': (e) => {
      if (ours(e)) change((d) => ({ ...d, now: e }));
    },
  });

  return {
    title: t('voting:chair.title'),
    el: root,
    destroy() {
      alive = false;
      if (frame) cancelAnimationFrame(frame);
      unlisten();
      unfollow();
    },
  };
}

