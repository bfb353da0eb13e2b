import '../styles/projector.css';
import type { ComponentChildren, RefObject } from 'preact';
import { useEffect, useLayoutEffect, useReducer, useRef, useState } from 'preact/hooks';
import type { LanguageCode } from '../../shared/domain/languages.js';
import { ROUTES } from '../../shared/api/routes.js';
import { call } from '../api/http.js';
import { conferenceKey, type ConferenceKey } from '../api/ledger.js';
import { mountView } from '../components/bridge.js';
import { followDocumentEvents } from '../components/documentEvents.js';
import { t } from '../i18n/index.js';
import type { View } from '../router.js';
import { AdoptionSection, EndorsementBoard, VoteSection } from './projectorBoards.js';
import { ClauseSection } from './projectorClause.js';
import { fitProjector, type Paging } from './projectorFit.js';
import { ProjectorFloor } from './projectorFloor.js';
import { loadSecondLanguage } from './projectorLanguages.js';
import {
  projectorReducer,
  projectorStart,
  shownVote,
  showingAdoption,
  type ProjectorEvent,
  type ProjectorRead,
  type ProjectorState,
} from './projectorState.js';
import { loadVotingData, resultSentence } from './votingCommon.js';

/**
 * The big screen: the clause under discussion in very large type; while a vote runs, a board of every
 * delegation (flag, name, voted or not — choices stay hidden until the chair closes), then the result and the
 * recorded vote. At adoption: how the text was adopted, the adopted text's fingerprint as the ledger recorded
 * it and the fingerprint of the conference's key (for the hall to note and check later), what lapsed, and the
 * endorsements as they come. Follows the chair live and needs no controls: open it once on the hall's display.
 */
export async function ProjectorView(documentId: string, lang: LanguageCode | null = null): Promise<View> {
  const read = await readProjector(documentId, lang, null);
  return mountView(t('voting:projector.title'), <Projector documentId={documentId} lang={lang} read={read} />);
}

/**
 * What the screen shows, read together: the voting data and the text in the second language, then, once the
 * text is adopted, the endorsements and the conference's key (`key`, when already known, is not read again).
 */
export async function readProjector(
  documentId: string,
  lang: LanguageCode | null,
  key: ConferenceKey | null,
): Promise<ProjectorRead> {
  const [data, version] = await Promise.all([
    loadVotingData(documentId, { amendments: true }),
    loadSecondLanguage(documentId, lang),
  ]);
  const adopted = data.doc.stage === 'adopted';
  const endorsements = adopted ? await call(ROUTES.endorsements, { params: { id: documentId } }) : null;
  // A key that cannot be read leaves the text's fingerprint on screen alone.
  if (adopted && !key) key = await conferenceKey().catch(() => null);
  return { data, version, endorsements, key };
}

export interface ProjectorProps {
  documentId: string;
  lang: LanguageCode | null;
  read: ProjectorRead;
}

export function Projector({ documentId, lang, read }: ProjectorProps) {
  const [state, dispatch] = useReducer(projectorReducer, read, projectorStart);
  useProjectorEvents(documentId, lang, dispatch);
  useProjectorReads(documentId, lang, state, dispatch);
  const root = useRef<HTMLElement>(null);
  const [paging, setPaging] = useState<Paging>({ page: 1, count: 1 });
  const fitter = useRef<ReturnType<typeof fitProjector> | null>(null);
  const fit = (): void => fitter.current?.fit();
  useLayoutEffect(() => {
    document.body.classList.add('projector-mode');
    fitter.current = fitProjector(root.current!, setPaging);
    return () => {
      fitter.current?.destroy();
      fitter.current = null;
      document.body.classList.remove('projector-mode');
    };
  }, []);
  // Every draw changes what the boards and the clause hold: they are fitted again before the screen shows it.
  useLayoutEffect(fit);
  return (
    <ProjectorScreen
      state={state}
      paging={paging}
      root={root}
      floor={<ProjectorFloor documentId={documentId} data={state.data} drawn={fit} />}
    />
  );
}

export interface ProjectorScreenProps {
  state: ProjectorState;
  /** The page of the clause shown, as the fitting measured it. */
  paging: Paging;
  /** The speaker's band, which follows the floor on its own. */
  floor: ComponentChildren;
  root?: RefObject<HTMLElement | null>;
}

/** The whole screen, drawn from the state: the head, the floor, the main part, and the live region. */
export function ProjectorScreen({ state, paging, floor, root }: ProjectorScreenProps) {
  const announced = state.data.votes.find((v) => v.id === state.announced);
  return (
    <section class="projector" aria-labelledby="projector-title" ref={root}>
      <header class="projector-head">
        <h1 id="projector-title">{state.data.doc.title}</h1>
        <p class="projector-stage">{`${state.data.doc.symbol} · ${t(`document.stage.${state.data.doc.stage}`)}`}</p>
      </header>
      {floor}
      <Main state={state} paging={paging} />
      <p class="visually-hidden" role="status" aria-live="polite" aria-atomic="true">
        {announced?.status === 'closed' ? resultSentence(announced, state.data) : ''}
      </p>
    </section>
  );
}

/** The screen's main part: the vote, the adoption, the clause under discussion, or a word while waiting. */
function Main({ state, paging }: { state: ProjectorState; paging: Paging }) {
  const { data } = state;
  const vote = shownVote(state);
  const adoption = showingAdoption(state);
  const clause = data.doc.clauses.find((c) => c.id === data.now.clauseId);
  let main;
  if (vote?.status === 'open') main = <VoteSection vote={vote} data={data} />;
  else if (adoption) main = <AdoptionSection data={data} keyOf={state.key} />;
  else if (vote) main = <VoteSection vote={vote} data={data} />;
  else if (clause) main = <ClauseSection doc={data.doc} clause={clause} version={state.version} paging={paging} />;
  else if (data.doc.stage === 'adopted')
    main = <p class="projector-banner outcome-adopted">{t('voting:projector.adoptedDocument')}</p>;
  else main = <p class="projector-waiting">{t('voting:projector.waiting')}</p>;
  return (
    <div class="projector-main">
      {main}
      {(!vote || adoption) && state.endorsements ? <EndorsementBoard list={state.endorsements} data={data} /> : null}
    </div>
  );
}

/**
 * The screen's one subscription to its document's events, each handed to the reducer as one event. What it
 * cannot apply itself marks it stale: a new stage, an amendment changed (it may be a vote's subject), a
 * clause's kind (the clause is named by its number, which a kind change moves), the second language's status.
 */
function useProjectorEvents(
  documentId: string,
  lang: LanguageCode | null,
  dispatch: (event: ProjectorEvent) => void,
): void {
  // Followed as the screen is drawn, not after it is shown: a connection first made after the screen was read
  // and shown would count as its arrival, and what happened in between would not be read again.
  useLayoutEffect(() => {
    const stale = (): void => dispatch({ type: 'stale' });
    return followDocumentEvents(
      documentId,
      {
        'vote:opened': ({ vote }) => dispatch({ type: 'vote:opened', vote }),
        'vote:progress': (e) => dispatch({ type: 'vote:progress', voteId: e.voteId, voted: e.voted }),
        'vote:closed': ({ vote }) => dispatch({ type: 'vote:closed', vote }),
        'vote:lapsed': ({ vote }) => dispatch({ type: 'vote:lapsed', vote }),
        'document:nowDiscussing': (now) => dispatch({ type: 'now', now }),
        'endorsements:changed': (list) => dispatch({ type: 'endorsements', list }),
        'document:stage': stale,
        'clause:kind': stale,
        'amendment:changed': stale,
        'translation:status': (e) => void (e.lang === lang && stale()),
      },
      // Back in the room (after a dropped connection): what changed meanwhile.
      stale,
    );
  }, [documentId, lang]);
}

/** Reads the screen again whenever the state says it is stale and no read is under way (never from a reducer). */
function useProjectorReads(
  documentId: string,
  lang: LanguageCode | null,
  state: ProjectorState,
  dispatch: (event: ProjectorEvent) => void,
): void {
  useEffect(() => {
    if (!state.stale || state.reading) return;
    dispatch({ type: 'reading' });
    // A failed read leaves the screen as it was; the next change that needs one tries again.
    readProjector(documentId, lang, state.key).then(
      (read) => dispatch({ type: 'read', read }),
      () => dispatch({ type: 'read-failed' }),
    );
  }, [state.stale, state.reading]);
}
