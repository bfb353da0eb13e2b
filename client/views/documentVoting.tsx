import { createContext, type ComponentChildren } from 'preact';
import { useContext, useEffect, useReducer, useRef, useState } from 'preact/hooks';
import type { AmendmentJson } from '../../shared/api/amendments.js';
import type { DocumentJson } from '../../shared/api/documents.js';
import type { VoteJson } from '../../shared/api/votes.js';
import { countryName } from '../../shared/domain/countries.js';
import { ROUTES } from '../../shared/api/routes.js';
import { call } from '../api/http.js';
import { upsertVote } from '../api/voteReducers.js';
import { onDocumentEvents, onMissedEvents } from '../components/documentEvents.js';
import { currentLanguage, t } from '../i18n/index.js';
import type { ClausePartProps, DocumentPageProps, DocumentParts } from './documentExtensions.js';

/**
 * The decision side of every document page: the links to the chair's console, the delegation's page and the
 * projector; the votes open now, each named ("amendment by France to OP1"); and the clause the chair is
 * discussing, marked, with "Follow the chair" scrolling to it as it moves.
 */

/** What the page knows of the decisions: the document's votes, the clause under discussion, amendments voted on. */
export interface VotingOnPage {
  votes: VoteJson[];
  /** The clause the chair is discussing, or null. */
  discussed: string | null;
  /** The amendments put to the vote, read once each: the banner names who proposed them and to which clause. */
  amendments: Record<string, AmendmentJson>;
}

export type VotingOnPageEvent =
  | { type: 'read'; votes: VoteJson[]; discussed: string | null }
  /** A vote opened, closed or lapsed. */
  | { type: 'vote'; vote: VoteJson }
  | { type: 'discussed'; clauseId: string | null }
  | { type: 'amendment'; amendment: AmendmentJson };

export const votingStart: VotingOnPage = { votes: [], discussed: null, amendments: {} };

export function votingReducer(state: VotingOnPage, event: VotingOnPageEvent): VotingOnPage {
  switch (event.type) {
    case 'read':
      return { ...state, votes: event.votes, discussed: event.discussed };
    case 'vote':
      return { ...state, votes: upsertVote(state.votes, event.vote) };
    case 'discussed':
      return { ...state, discussed: event.clauseId };
    case 'amendment':
      return { ...state, amendments: { ...state.amendments, [event.amendment.id]: event.amendment } };
  }
}

/** Each vote open now in words: "the whole declaration", "OP3", "amendment by France to OP3". */
export function openVoteLabels(state: VotingOnPage, data: DocumentJson): { id: string; text: string }[] {
  const refOf = (clauseId: string): string | undefined => data.clauses.find((c) => c.id === clauseId)?.ref;
  const subject = (v: VoteJson): string => {
    if (v.subject.type === 'document') return t('voting:subject.document');
    if (v.subject.type === 'clause') return refOf(v.subject.id) ?? '';
    const a = state.amendments[v.subject.id];
    if (!a) return t('voting:subject.anAmendment');
    const ref = refOf(a.clauseId) ?? t('voting:subject.deletedClause');
    return t('voting:subject.amendment', { delegation: countryName(a.delegation, currentLanguage()), ref });
  };
  return state.votes
    .filter((v) => v.status === 'open')
    .map((v) => ({ id: v.id, text: t('voting:links.openVote', { subject: subject(v) }) }));
}

const FOLLOW_KEY = 'accord.followChair';

interface VotingContextValue {
  state: VotingOnPage;
  follow: boolean;
  setFollow(on: boolean): void;
}

const VotingContext = createContext<VotingContextValue>({ state: votingStart, follow: false, setFollow: () => {} });

/**
 * Holds the page's votes and the clause under discussion for the page's life: read once, then followed. When
 * the reader follows the chair (remembered in this browser), the page scrolls to each clause the chair moves to.
 */
function VotingProvider({ page, children }: { page: DocumentPageProps; children: ComponentChildren }) {
  const [state, dispatch] = useReducer(votingReducer, votingStart);
  const [follow, setFollowing] = useState(() => localStorage.getItem(FOLLOW_KEY) === '1');
  // The handlers below outlive renders: they read the page and the choice as they are now.
  const now = useRef({ page, follow });
  now.current = { page, follow };
  const discussed = (clauseId: string | null): void => {
    dispatch({ type: 'discussed', clauseId });
    if (clauseId && now.current.follow) now.current.page.scrollToClause(clauseId, { smooth: true });
  };
  useEffect(() => {
    let alive = true;
    /** The latest read asked for; an older one's answer is dropped. */
    let asked = 0;
    /** What was heard while a read is under way: its answer may have left the server before it. */
    let heard: { votes: VoteJson[]; discussed?: string | null } | undefined;
    const vote = (v: VoteJson): void => {
      heard?.votes.push(v);
      dispatch({ type: 'vote', vote: v });
    };
    const moved = (clauseId: string | null): void => {
      if (heard) heard.discussed = clauseId;
      discussed(clauseId);
    };
    const read = (): void => {
      const mine = ++asked;
      heard = { votes: [] };
      void Promise.all([
        call(ROUTES.nowDiscussing, { params: { id: page.documentId } }),
        call(ROUTES.votes, { params: { id: page.documentId } }),
      ]).then(([on, list]) => {
        if (!alive || mine !== asked) return;
        const since = heard ?? { votes: [] };
        heard = undefined;
        dispatch({ type: 'read', votes: list.votes, discussed: null });
        for (const v of since.votes) dispatch({ type: 'vote', vote: v });
        discussed(since.discussed === undefined ? on.clauseId : since.discussed);
      });
    };
    read();
    const unlisten = onDocumentEvents(page.documentId, {
      'document:nowDiscussing': (e) => moved(e.clauseId),
      'vote:opened': (e) => vote(e.vote),
      'vote:closed': (e) => vote(e.vote),
      'vote:lapsed': (e) => vote(e.vote),
    });
    // A vote opened between these reads and the page's join, or while the connection was down: read again.
    const unmissed = onMissedEvents(page.documentId, read);
    return () => {
      alive = false;
      unlisten();
      unmissed();
    };
  }, [page.documentId]);
  useAmendmentsVotedOn(state, dispatch);
  const setFollow = (on: boolean): void => {
    localStorage.setItem(FOLLOW_KEY, on ? '1' : '0');
    setFollowing(on);
    if (on && state.discussed) page.scrollToClause(state.discussed);
  };
  return <VotingContext.Provider value={{ state, follow, setFollow }}>{children}</VotingContext.Provider>;
}

/** Reads each amendment put to the vote once, for the banner's words. */
function useAmendmentsVotedOn(state: VotingOnPage, dispatch: (event: VotingOnPageEvent) => void): void {
  const asked = useRef(new Set<string>());
  useEffect(() => {
    for (const v of state.votes) {
      const id = v.subject.id;
      if (v.status !== 'open' || v.subject.type !== 'amendment' || asked.current.has(id)) continue;
      asked.current.add(id);
      void call(ROUTES.amendment, { params: { id } }).then(
        (amendment) => dispatch({ type: 'amendment', amendment }),
        () => {},
      );
    }
  }, [state.votes]);
}

/** In the header: the chair's console for the chair, the delegation's page for a delegation, the projector. */
function VotingLinks({ page }: { page: DocumentPageProps }) {
  const enc = encodeURIComponent(page.documentId);
  return (
    <>
      {page.user.role === 'chair' ? (
        <a class="action-link" href={`/documents/${enc}/chair`}>
          {t('voting:links.chair')}
        </a>
      ) : null}
      {page.user.delegation ? (
        <a class="action-link" href={`/documents/${enc}/delegation`}>
          {t('voting:links.delegation')}
        </a>
      ) : null}
      <a class="action-link" href={`/projector/${enc}`} target="_blank" rel="noopener">
        {t('voting:links.projector')}
      </a>
    </>
  );
}

/** Under the header's bar: "Follow the chair", and the votes open now (for a delegation, links to its ballot). */
function VotingToolbar({ page }: { page: DocumentPageProps }) {
  const { state, follow, setFollow } = useContext(VotingContext);
  const ballot = `/documents/${encodeURIComponent(page.documentId)}/delegation`;
  return (
    <div class="voting-toolbar">
      <label class="follow-chair" for="follow-chair">
        <input
          type="checkbox"
          id="follow-chair"
          checked={follow}
          onChange={(e) => setFollow(e.currentTarget.checked)}
        />{' '}
        {t('voting:nowDiscussing.follow')}
      </label>
      <p class="vote-banner" role="status">
        {openVoteLabels(state, page.data).map(({ id, text }) => (
          <span key={id}>{page.user.delegation ? <a href={ballot}>{text}</a> : text} </span>
        ))}
      </p>
    </div>
  );
}

/** Beside the clause the chair is discussing, a badge saying so. */
function NowDiscussingBadge({ clause }: ClausePartProps) {
  const { state } = useContext(VotingContext);
  if (state.discussed !== clause.id) return null;
  return <span class="badge now-discussing">{t('voting:nowDiscussing.badge')}</span>;
}

/** The clause the chair is discussing is marked (`now-discussing`), which styles highlight. */
function useDiscussedClass({ clause }: ClausePartProps): string | null {
  return useContext(VotingContext).state.discussed === clause.id ? 'now-discussing' : null;
}

export const votingParts: DocumentParts = {
  Provider: VotingProvider,
  actions: VotingLinks,
  toolbar: VotingToolbar,
  clauseAside: NowDiscussingBadge,
  useClauseClass: useDiscussedClass,
};
