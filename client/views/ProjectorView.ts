import '../styles/projector.css';
import type { EndorsementList, VoteJson } from '../../shared/api/votes.js';
import type { DocumentJson } from '../../shared/api/documents.js';
import type { LanguageCode } from '../../shared/domain/languages.js';
import { ROUTES } from '../../shared/api/routes.js';
import { call } from '../api/http.js';
import { conferenceKey, type ConferenceKey } from '../api/ledger.js';
import { followDocumentEvents } from '../components/documentEvents.js';
import { projectorEvents } from './projectorEvents.js';
import { fingerprintValue, keyFingerprintValue } from '../components/fingerprint.js';
import { h, replaceChildren } from '../dom.js';
import { t } from '../i18n/index.js';
import type { View } from '../router.js';
import { adoptionMethodText, lapsedItems } from './adoptionRecord.js';
import { fitProjector } from './projectorFit.js';
import { loadSecondLanguage, projectorClauseText } from './projectorLanguages.js';
import { ProjectorFloor } from './projectorFloor.js';
import { boardOrder, calledState, rollCallLine } from './projectorRollCall.js';
import { delegationName, flag, loadVotingData, resultBlock, subjectLabel, type VotingData } from './votingCommon.js';

/** What the projector shows from. */
export interface ProjectorState {
  data: VotingData;
  endorsements: EndorsementList | null;
  key: ConferenceKey | null;
  /** When the chair last moved "now discussing": a result stays on screen until then. */
  focusSince: string;
  /** The version shown beside the original (`?lang=`), or null for the original alone. */
  version: DocumentJson | null;
}

/**
 * The vote to show: one that is open, else the latest closed one if it closed after the last change of focus
 * (a lapsed vote decided nothing: the adoption that lapsed it is shown instead).
 */
function shownVote(s: ProjectorState): VoteJson | undefined {
  const open = s.data.votes.filter((v) => v.status === 'open');
  if (open.length) return open[open.length - 1];
  const last = [...s.data.votes]
    .filter((v) => v.status === 'closed' && v.closedAt)
    .sort((a, b) => a.closedAt!.localeCompare(b.closedAt!))
    .at(-1);
  return last && last.closedAt! >= s.focusSince ? last : undefined;
}

/** Adopted, and the chair has not pointed the hall at a clause since: the adoption is what the screen shows. */
function showingAdoption(s: ProjectorState): boolean {
  const adoption = s.data.doc.adoption;
  return s.data.doc.stage === 'adopted' && (!s.data.now.clauseId || !adoption || s.focusSince <= adoption.at);
}

/** Every delegation on the board: before the close whether it voted, after the close its choice. */
function voteBoard(vote: VoteJson, data: VotingData): HTMLElement {
  const voted = new Set(vote.voted);
  const choices = new Map(vote.ballots.map((b) => [b.delegation, b.choice]));
  const closed = vote.status === 'closed';
  const called = calledState(vote);
  return h(
    'ul',
    { class: 'vote-board', 'aria-label': t('voting:projector.board') },
    boardOrder(vote, data.delegations).map((d) => {
      const choice = closed ? choices.get(d.code) : undefined;
      const state = closed
        ? (choice ?? 'none')
        : voted.has(d.code)
          ? 'voted'
          : d.code === called
            ? 'called'
            : 'waiting';
      const label = closed
        ? t(`voting:choice.${choice ?? 'none'}`)
        : voted.has(d.code)
          ? t('voting:projector.voted')
          : state === 'called'
            ? t('meeting:rollCall.called')
            : t('voting:projector.notVoted');
      return h(
        'li',
        { class: `board-cell board-${state}`, 'data-delegation': d.code, 'data-state': state },
        flag(d.code),
        boardName(delegationName(d.code, data.delegations)),
        h('span', { class: 'board-mark' }, label),
      );
    }),
  );
}

/**
 * A State's name on its tile, marked by length: the tiles are equal, so the few long names ("United Kingdom of
 * Great Britain and Northern Ireland") take a smaller size rather than spill over their tile's edge.
 */
function boardName(name: string): HTMLElement {
  const length = name.length > 40 ? ' name-longest' : name.length > 24 ? ' name-long' : '';
  return h('span', { class: `board-name${length}` }, name);
}

function voteSection(vote: VoteJson, data: VotingData): HTMLElement {
  return h(
    'section',
    { class: 'projector-vote', 'data-vote-id': vote.id, 'data-status': vote.status },
    h(
      'h2',
      { class: 'projector-label' },
      t('voting:projector.voteOn', { subject: subjectLabel(vote, data) }),
      ' · ',
      t(`voting:rule.${vote.rule}`),
    ),
    vote.status === 'closed'
      ? h('div', { class: 'projector-result' }, resultBlock(vote))
      : h(
          'p',
          { class: 'projector-progress', 'data-voted': vote.voted.length },
          t('voting:counts.voted', { voted: vote.voted.length, total: data.delegations.length }),
        ),
    rollCallLine(vote, data.delegations),
    voteBoard(vote, data),
  );
}

/** How the text was adopted, its fingerprint and the key's, the adopting vote's result, and what lapsed. */
function adoptionSection({ data, key }: ProjectorState): HTMLElement {
  const adoption = data.doc.adoption;
  const byVote =
    adoption?.method === 'vote' ? data.votes.find((v) => v.id === adoption.vote && v.status === 'closed') : undefined;
  const lapsed = lapsedItems(data);
  return h(
    'section',
    { class: 'projector-adoption', 'aria-labelledby': 'projector-adopted' },
    h(
      'p',
      { id: 'projector-adopted', class: 'projector-adopted outcome-adopted' },
      t('voting:projector.adoptedDocument'),
    ),
    adoption ? h('p', { class: 'projector-method' }, adoptionMethodText(adoption)) : null,
    adoption
      ? h(
          'dl',
          { class: 'projector-fingerprints' },
          h('dt', null, t('voting:fingerprint.text')),
          h('dd', null, fingerprintValue(adoption.fingerprint, t('voting:fingerprint.full'))),
          key
            ? [h('dt', null, t('voting:fingerprint.key')), h('dd', null, keyFingerprintValue(key.fingerprint))]
            : null,
        )
      : null,
    lapsed.length
      ? h('p', { class: 'projector-lapsed' }, h('strong', null, t('voting:status.lapsed')), ': ', lapsed.join('; '))
      : null,
    byVote ? voteSection(byVote, data) : null,
  );
}

function endorsementBoard(list: EndorsementList, data: VotingData): HTMLElement {
  return h(
    'section',
    { class: 'projector-endorsements' },
    h(
      'h2',
      null,
      t('voting:projector.endorsements'),
      ' — ',
      t('voting:endorsement.progress', { count: list.endorsements.length, total: data.delegations.length }),
    ),
    h(
      'ul',
      { class: 'vote-board' },
      list.endorsements.map((e) =>
        h(
          'li',
          { class: `board-cell endorsement-${e.kind}` },
          flag(e.delegation),
          boardName(delegationName(e.delegation, data.delegations)),
          h('span', { class: 'board-mark' }, t(`voting:endorsement.kind.${e.kind}`)),
        ),
      ),
    ),
  );
}

/** The screen's main part: the vote, the adoption, the clause under discussion, or a word while waiting. */
function mainSection(s: ProjectorState, vote: VoteJson | undefined): HTMLElement {
  const { data } = s;
  if (vote?.status === 'open') return voteSection(vote, data);
  if (showingAdoption(s)) return adoptionSection(s);
  if (vote) return voteSection(vote, data);
  const clause = data.doc.clauses.find((c) => c.id === data.now.clauseId);
  if (clause) {
    return h(
      'section',
      { class: 'projector-clause', 'aria-label': t('voting:nowDiscussing.label'), 'data-clause-id': clause.id },
      h(
        'div',
        { class: 'projector-clause-head' },
        h('p', { class: 'projector-label' }, `${t('voting:nowDiscussing.label')}: `, h('strong', null, clause.ref)),
        // Filled in once the text is laid out and paged (projectorFit).
        h('p', { class: 'projector-page', hidden: true }),
      ),
      projectorClauseText(data.doc, clause, s.version),
    );
  }
  if (data.doc.stage === 'adopted')
    return h('p', { class: 'projector-banner outcome-adopted' }, t('voting:projector.adoptedDocument'));
  return h('p', { class: 'projector-waiting' }, t('voting:projector.waiting'));
}

/** The whole screen, drawn from the state; `floor` is the speaker's strip, one element kept across draws. */
function projectorScreen(s: ProjectorState, floor: HTMLElement): HTMLElement[] {
  const vote = shownVote(s);
  const head = h(
    'header',
    { class: 'projector-head' },
    h('h1', { id: 'projector-title' }, s.data.doc.title),
    h('p', { class: 'projector-stage' }, `${s.data.doc.symbol} · ${t(`document.stage.${s.data.doc.stage}`)}`),
  );
  const main = h('div', { class: 'projector-main' }, mainSection(s, vote));
  if ((!vote || showingAdoption(s)) && s.endorsements) main.append(endorsementBoard(s.endorsements, s.data));
  return [head, floor, main];
}

/** Endorsements and the conference's key, read once the text is adopted. */
async function loadAdoption(s: ProjectorState, documentId: string): Promise<void> {
  const adopted = s.data.doc.stage === 'adopted';
  s.endorsements = adopted ? await call(ROUTES.endorsements, { params: { id: documentId } }) : null;
  // The key is shown at adoption; a key that cannot be read leaves the text's fingerprint on screen alone.
  if (adopted && !s.key) s.key = await conferenceKey().catch(() => null);
}

/** What the screen shows, read together: the voting data and the text in the second language, if any. */
async function loadScreen(
  documentId: string,
  lang: LanguageCode | null,
): Promise<Pick<ProjectorState, 'data' | 'version'>> {
  const [data, version] = await Promise.all([
    loadVotingData(documentId, { amendments: true }),
    loadSecondLanguage(documentId, lang),
  ]);
  return { data, version };
}

/**
 * The big screen: the clause under discussion in very large type; while a vote runs, a board of every
 * delegation (flag, name, voted or not — choices stay hidden until the chair closes), then the result and the
 * recorded vote. At adoption: how the text was adopted, the adopted text's fingerprint as the ledger recorded
 * it and the fingerprint of the conference's key (for the hall to note and check later), what lapsed, and the
 * endorsements as they come. Follows the chair live and needs no controls: open it once on the hall's display.
 */
export async function ProjectorView(documentId: string, lang: LanguageCode | null = null): Promise<View> {
  const screen = await loadScreen(documentId, lang);
  const s: ProjectorState = { ...screen, endorsements: null, key: null, focusSince: screen.data.now.at ?? '' };
  await loadAdoption(s, documentId);
  const root = h('section', { class: 'projector', 'aria-labelledby': 'projector-title' });
  const announcer = h('p', { class: 'visually-hidden', role: 'status', 'aria-live': 'polite', 'aria-atomic': 'true' });
  document.body.classList.add('projector-mode');
  const fitter = fitProjector(root);
  const floor = ProjectorFloor(documentId, () => s.data, fitter.fit);
  const render = (): void => {
    floor.update();
    replaceChildren(root, projectorScreen(s, floor.el), announcer);
    fitter.fit();
  };
  // Reloads overlap (a vote opened, then its first ballot before the first reload is back): only the latest
  // one's answer is shown, or an older one, arriving last, would put back a board without the ballot.
  // A change heard while one is under way may be older than its answer: it asks again.
  let reloads = 0;
  let loading = false;
  const reload = async (): Promise<void> => {
    const mine = ++reloads;
    loading = true;
    const screen = await loadScreen(documentId, lang);
    if (mine !== reloads) return;
    Object.assign(s, screen);
    await loadAdoption(s, documentId);
    if (mine !== reloads) return;
    loading = false;
    render();
  };

  /** Shows a change heard live; while a reload is out, asks again, its answer may predate the change. */
  const changed = (): void => {
    render();
    if (loading) void reload();
  };

  render();
  const unfollow = followDocumentEvents(
    documentId,
    projectorEvents(s, reload, changed, announcer, lang),
    // Back in the room (after a dropped connection): what changed meanwhile.
    () => void reload(),
  );

  return {
    title: t('voting:projector.title'),
    el: root,
    destroy() {
      unfollow();
      floor.destroy();
      fitter.destroy();
      document.body.classList.remove('projector-mode');
    },
  };
}
