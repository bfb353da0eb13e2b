import type { EndorsementList, VoteView } from '../../shared/api/votes.js';
import { api } from '../api/http.js';
import { conferenceKey, type ConferenceKey } from '../api/ledger.js';
import { followDocument } from '../api/socket.js';
import { renderClauseContent } from '../components/ClauseContent.js';
import { fingerprintValue, keyFingerprintValue } from '../components/fingerprint.js';
import { h, replaceChildren } from '../dom.js';
import { t } from '../i18n/index.js';
import type { View } from '../router.js';
import { byName, delegationName, flag, listen, loadVotingData, resultBlock, resultSentence, subjectLabel, upsertVote, type VotingData } from './votingCommon.js';

/**
 * The big screen: the clause under discussion in very large type; while a vote runs, a board of every
 * delegation (flag, name, voted or not — choices stay hidden until the chair closes), then the result and the
 * recorded vote. At adoption: how the text was adopted, the adopted text's fingerprint as the ledger recorded
 * it and the fingerprint of the conference's key (for the hall to note and check later), what lapsed, and the
 * endorsements as they come. Follows the chair live and needs no controls: open it once on the hall's display.
 */
export async function ProjectorView(documentId: string): Promise<View> {
  let data: VotingData = await loadVotingData(documentId, { amendments: true });
  let endorsements: EndorsementList | null = null;
  let key: ConferenceKey | null = null;
  /** When the chair last moved "now discussing": a result stays on screen until then. */
  let focusSince = data.now.at ?? '';

  const root = h('section', { class: 'projector', 'aria-labelledby': 'projector-title' });
  const announcer = h('p', { class: 'visually-hidden', role: 'status', 'aria-live': 'polite', 'aria-atomic': 'true' });
  document.body.classList.add('projector-mode');

  const loadEndorsements = async (): Promise<void> => {
    const adopted = data.doc.stage === 'adopted';
    endorsements = adopted ? await api.get<EndorsementList>(`/api/documents/${encodeURIComponent(documentId)}/endorsements`) : null;
    // The key is shown at adoption; a key that cannot be read leaves the text's fingerprint on screen alone.
    if (adopted && !key) key = await conferenceKey().catch(() => null);
  };
  await loadEndorsements();

  /**
   * The vote to show: one that is open, else the latest closed one if it closed after the last change of focus
   * (a lapsed vote decided nothing: the adoption that lapsed it is shown instead).
   */
  const shownVote = (): VoteView | undefined => {
    const open = data.votes.filter((v) => v.status === 'open');
    if (open.length) return open[open.length - 1];
    const last = [...data.votes].filter((v) => v.status === 'closed' && v.closedAt).sort((a, b) => a.closedAt!.localeCompare(b.closedAt!)).at(-1);
    return last && last.closedAt! >= focusSince ? last : undefined;
  };

  /** Adopted, and the chair has not pointed the hall at a clause since: the adoption is what the screen shows. */
  const showingAdoption = (): boolean => {
    const adoption = data.doc.adoption;
    return data.doc.stage === 'adopted' && (!data.now.clauseId || !adoption || focusSince <= adoption.at);
  };

  const render = (): void => {
    const vote = shownVote();
    const clause = data.doc.clauses.find((c) => c.id === data.now.clauseId);
    const head = h(
      'header',
      { class: 'projector-head' },
      h('h1', { id: 'projector-title' }, data.doc.title),
      h('p', { class: 'projector-stage' }, `${data.doc.symbol} · ${t(`document.stage.${data.doc.stage}`)}`),
    );
    const parts: HTMLElement[] = [head];
    if (vote?.status === 'open') parts.push(voteSection(vote));
    else if (showingAdoption()) parts.push(adoptionSection());
    else if (vote) parts.push(voteSection(vote));
    else if (clause) {
      parts.push(
        h(
          'section',
          { class: 'projector-clause', 'aria-label': t('voting:nowDiscussing.label') },
          h('p', { class: 'projector-label' }, `${t('voting:nowDiscussing.label')}: `, h('strong', null, clause.ref)),
          h('div', { class: 'projector-text', lang: String(data.doc.metadata.language ?? 'en') }, renderClauseContent(clause.content, clause.text)),
        ),
      );
    } else if (data.doc.stage === 'adopted') {
      parts.push(h('p', { class: 'projector-banner outcome-adopted' }, t('voting:projector.adoptedDocument')));
    } else {
      parts.push(h('p', { class: 'projector-waiting' }, t('voting:projector.waiting')));
    }
    if ((!vote || showingAdoption()) && endorsements) parts.push(endorsementBoard(endorsements));
    replaceChildren(root, parts, announcer);
  };

  const voteSection = (vote: VoteView): HTMLElement => {
    const voted = new Set(vote.voted);
    const choices = new Map(vote.ballots.map((b) => [b.delegation, b.choice]));
    const closed = vote.status === 'closed';
    const board = h(
      'ul',
      { class: 'vote-board', 'aria-label': t('voting:projector.board') },
      byName(data.delegations).map((d) => {
        const choice = closed ? choices.get(d.code) : undefined;
        const state = closed ? (choice ?? 'none') : voted.has(d.code) ? 'voted' : 'waiting';
        const label = closed ? t(`voting:choice.${choice ?? 'none'}`) : voted.has(d.code) ? t('voting:projector.voted') : t('voting:projector.notVoted');
        return h(
          'li',
          { class: `board-cell board-${state}`, 'data-delegation': d.code, 'data-state': state },
          flag(d.code),
          h('span', { class: 'board-name' }, delegationName(d.code, data.delegations)),
          h('span', { class: 'board-mark' }, label),
        );
      }),
    );
    return h(
      'section',
      { class: 'projector-vote', 'data-vote-id': vote.id, 'data-status': vote.status },
      h('h2', { class: 'projector-label' }, t('voting:projector.voteOn', { subject: subjectLabel(vote, data) }), ' · ', t(`voting:rule.${vote.rule}`)),
      closed
        ? h('div', { class: 'projector-result' }, resultBlock(vote))
        : h('p', { class: 'projector-progress', 'data-voted': vote.voted.length }, t('voting:counts.voted', { voted: vote.voted.length, total: data.delegations.length })),
      board,
    );
  };

  /** How the text was adopted, its fingerprint and the key's, the adopting vote's result, and what lapsed. */
  const adoptionSection = (): HTMLElement => {
    const adoption = data.doc.adoption;
    const byVote = adoption?.method === 'vote' ? data.votes.find((v) => v.id === adoption.vote && v.status === 'closed') : undefined;
    const lapsed = [
      ...data.votes.filter((v) => v.status === 'lapsed').map((v) => t('voting:projector.lapsedVote', { subject: subjectLabel(v, data) })),
      ...data.amendments.filter((a) => a.status === 'lapsed').map((a) => subjectLabel({ subject: { type: 'amendment', id: a.id } }, data)),
    ];
    return h(
      'section',
      { class: 'projector-adoption', 'aria-labelledby': 'projector-adopted' },
      h('p', { id: 'projector-adopted', class: 'projector-adopted outcome-adopted' }, t('voting:projector.adoptedDocument')),
      adoption
        ? h(
            'p',
            { class: 'projector-method' },
            adoption.method === 'vote' ? t('voting:fingerprint.byVote') : t('voting:fingerprint.withoutVote', { count: adoption.objectionWindowMinutes ?? 0 }),
          )
        : null,
      adoption
        ? h(
            'dl',
            { class: 'projector-fingerprints' },
            h('dt', null, t('voting:fingerprint.text')),
            h('dd', null, fingerprintValue(adoption.fingerprint, t('voting:fingerprint.full'))),
            key ? [h('dt', null, t('voting:fingerprint.key')), h('dd', null, keyFingerprintValue(key.fingerprint))] : null,
          )
        : null,
      lapsed.length ? h('p', { class: 'projector-lapsed' }, h('strong', null, t('voting:status.lapsed')), ': ', lapsed.join('; ')) : null,
      byVote ? voteSection(byVote) : null,
    );
  };

  const endorsementBoard = (list: EndorsementList): HTMLElement =>
    h(
      'section',
      { class: 'projector-endorsements' },
      h('h2', null, t('voting:projector.endorsements'), ' — ', t('voting:endorsement.progress', { count: list.endorsements.length, total: data.delegations.length })),
      h(
        'ul',
        { class: 'vote-board' },
        list.endorsements.map((e) =>
          h('li', { class: `board-cell endorsement-${e.kind}` }, flag(e.delegation), h('span', { class: 'board-name' }, delegationName(e.delegation, data.delegations)), h('span', { class: 'board-mark' }, t(`voting:endorsement.kind.${e.kind}`))),
        ),
      ),
    );

  const reload = async (): Promise<void> => {
    data = await loadVotingData(documentId, { amendments: true });
    await loadEndorsements();
    render();
  };

  render();
  const unfollow = followDocument(documentId);
  const ours = (e: { documentId: string }): boolean => e.documentId === documentId;
  const unlisten = listen({
    'vote:opened': ({ vote }) => {
      if (!ours(vote)) return;
      data.votes = upsertVote(data.votes, vote);
      // The subject may be an amendment proposed since the page loaded.
      void reload();
    },
    'vote:progress': (e) => {
      if (!ours(e)) return;
      const vote = data.votes.find((v) => v.id === e.voteId);
      if (!vote) return void reload();
      vote.voted = e.voted;
      render();
    },
    'vote:closed': ({ vote }) => {
      if (!ours(vote)) return;
      data.votes = upsertVote(data.votes, vote);
      render();
      announcer.textContent = resultSentence(vote, data);
    },
    'vote:lapsed': ({ vote }) => {
      if (!ours(vote)) return;
      data.votes = upsertVote(data.votes, vote);
      render();
    },
    'document:nowDiscussing': (e) => {
      if (!ours(e)) return;
      data.now = e;
      focusSince = e.at ?? '';
      render();
    },
    'document:stage': (e) => {
      if (ours(e)) void reload();
    },
    'endorsements:changed': (e) => {
      if (!ours(e)) return;
      endorsements = e;
      render();
    },
    'amendment:changed': (e) => {
      if (ours(e)) void reload();
    },
  });

  return {
    title: t('voting:projector.title'),
    el: root,
    destroy() {
      unlisten();
      unfollow();
      document.body.classList.remove('projector-mode');
    },
  };
}
