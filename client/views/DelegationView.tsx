import { useEffect, useLayoutEffect, useReducer, useRef } from 'preact/hooks';
import type { SessionUser } from '../../shared/api/auth.js';
import type { AlternateJson, VoteJson } from '../../shared/api/votes.js';
import { ROUTES } from '../../shared/api/routes.js';
import { Actions } from '../api/actions.js';
import { call } from '../api/http.js';
import { mountView } from '../components/bridge.js';
import { CountryFlag } from '../components/flag.js';
import { followDocumentEvents, type EventHandlers } from '../components/documentEvents.js';
import { t } from '../i18n/index.js';
import type { View } from '../router.js';
import { currentUser } from '../session.js';
import { silenceAnnouncement } from './chairSilence.js';
import { AlternatePanel, EndorsementPanel } from './delegationPanels.js';
import { FloorRequestPanel } from './delegationFloor.js';
import { CheckInPanel } from './delegationRoll.js';
import { SilencePanel } from './delegationSilence.js';
import {
  delegationReducer,
  delegationStart,
  type DelegationEvent,
  type DelegationPage,
  type DelegationRead,
  type DelegationState,
} from './delegationState.js';
import { OpenVotes, PastVotes } from './delegationVoteCard.js';
import { delegationName, loadVotingData, resultSentence } from './votingCommon.js';

/**
 * A delegation's own page for one document: the delegation's ballot in each open vote (the head, or the
 * designated alternate, casts it after a confirmation and may change it until the chair closes; the other
 * members see what was cast), with what is voted on, the receipt, explanations of vote before and after; the
 * roll, the silence procedure and the floor; after adoption the delegation's endorsement with the running list
 * of everyone's; and the head's choice of alternate. Its state and events are delegationState.ts.
 *
 * Every button runs through one `Actions` (one ballot however often Confirm is pressed; a retry after a lost
 * connection is the same request); what the head picked or wrote stays in its field while others' events
 * draw the page again.
 */
export async function DelegationView(documentId: string): Promise<View> {
  const user = currentUser()!;
  const code = user.delegation!;
  const [read, alternate] = await Promise.all([readPage(documentId), call(ROUTES.alternate, { params: { code } })]);
  const name = delegationName(code, read.data.delegations);
  return mountView(
    t('voting:delegation.title', { name }),
    <Delegation documentId={documentId} user={user} read={read} alternate={alternate} actions={new Actions()} />,
  );
}

/** Everything the page shows; the floor, the roll and the silence left unknown when they cannot be read. */
export async function readPage(id: string): Promise<DelegationRead> {
  const params = { id };
  const [data, endorsements, floor, roll, silence] = await Promise.all([
    loadVotingData(id, { amendments: true }),
    call(ROUTES.endorsements, { params }),
    call(ROUTES.floor, { params }).catch(() => null),
    call(ROUTES.roll, { params }).then(
      (r) => r.roll,
      () => undefined,
    ),
    call(ROUTES.silence, { params }).then(
      (r) => r.silence,
      () => undefined,
    ),
  ]);
  return { data, endorsements, floor, roll, silence };
}

export interface DelegationProps {
  documentId: string;
  user: SessionUser;
  read: DelegationRead;
  alternate: AlternateJson;
  actions: Actions;
}

export function Delegation(props: DelegationProps) {
  const { documentId, user, actions } = props;
  const code = user.delegation!;
  const [state, dispatch] = useReducer(delegationReducer, undefined, () =>
    delegationStart(code, { ...props.read, alternate: props.alternate }),
  );
  const latest = useRef(state);
  latest.current = state;
  useEffect(() => actions.describe((topic) => situation(latest.current, topic)), [actions]);
  // An error about a vote, the stage or the alternate goes once what it was about has changed.
  useEffect(() => actions.recheck(), [state.data, state.alternate]);
  // Followed as the page is drawn, not after it is shown: a connection first made after the page was read
  // and shown would count as its arrival, and what happened in between would not be read again.
  useLayoutEffect(
    () =>
      followDocumentEvents(
        documentId,
        delegationEvents(code, documentId, dispatch, () => latest.current),
        // Back in the room (after a dropped connection): what changed meanwhile, each card and its choice kept.
        () => dispatch({ type: 'stale' }),
      ),
    [documentId],
  );
  const reading = state.reading !== null;
  useEffect(() => {
    if (!state.stale || reading) return;
    dispatch({ type: 'reading' });
    readPage(documentId).then(
      (read) => dispatch({ type: 'read', ...read, receivedAt: Date.now() }),
      () => dispatch({ type: 'read-failed' }),
    );
  }, [state.stale, reading]);
  const name = delegationName(code, state.data.delegations);
  const page: DelegationPage = { documentId, code, name, user, actions, state, dispatch };
  return (
    <section class="delegation-page">
      <p class="breadcrumbs">
        <a href={`/documents/${encodeURIComponent(documentId)}`}>{state.data.doc.title}</a>
      </p>
      <h1>
        <CountryFlag code={code} /> {t('voting:delegation.title', { name })}
      </h1>
      <p class="status-line" role="status" aria-live="polite" aria-atomic="true">
        {state.said}
      </p>
      <CheckInPanel page={page} />
      <SilencePanel page={page} />
      <OpenVotes page={page} />
      <FloorRequestPanel page={page} />
      <PastVotes page={page} />
      <EndorsementPanel page={page} />
      {user.role === 'head' ? <AlternatePanel page={page} /> : null}
    </section>
  );
}

/** What a topic of an action's error reads now (see `Actions.describe`). */
function situation(state: DelegationState, topic: string): unknown {
  if (topic === 'stage') return state.data.doc.stage;
  if (topic === 'alternate') return state.alternate.alternate;
  if (topic.startsWith('vote:')) return state.data.votes.find((v) => v.id === topic.slice(5))?.status ?? 'gone';
  return undefined;
}

/** Reads the subject of a vote just opened again: the clause's text, or the amendment (perhaps new). */
async function freshSubject(documentId: string, vote: VoteJson) {
  const { type, id } = vote.subject;
  if (type === 'clause')
    return { doc: await call(ROUTES.document, { params: { id: documentId }, query: { include: 'content' } }) };
  if (type === 'amendment') return { amendment: await call(ROUTES.amendment, { params: { id: id! } }) };
  return {};
}

/** Each of the document's events as one change of the page's state, for the delegation `code`. */
function delegationEvents(
  code: string,
  documentId: string,
  dispatch: (event: DelegationEvent) => void,
  state: () => DelegationState,
): EventHandlers {
  return {
    'vote:opened': async ({ vote }) => {
      // What is voted on is read as it stands now (the text may have changed since the page was opened).
      const subject = await freshSubject(documentId, vote).catch(() => undefined);
      dispatch({ type: 'vote:opened', vote, subject });
    },
    'vote:ballot': ({ voteId, ballot }) => dispatch({ type: 'vote:ballot', voteId, ballot }),
    'vote:progress': ({ voteId, voted }) => dispatch({ type: 'vote:progress', voteId, voted }),
    'vote:closed': ({ vote }) => {
      dispatch({ type: 'vote:closed', vote });
      dispatch({ type: 'said', message: resultSentence(vote, state().data) });
    },
    'vote:lapsed': ({ vote }) => dispatch({ type: 'vote:lapsed', vote }),
    'endorsements:changed': (list) => dispatch({ type: 'endorsements', list }),
    'document:stage': () => dispatch({ type: 'stale' }),
    'delegation:alternate': async (e) => {
      if (e.delegation !== code) return;
      const alternate = await call(ROUTES.alternate, { params: { code } }).catch(() => undefined);
      if (alternate) dispatch({ type: 'alternate', alternate });
    },
    'floor:changed': ({ floor }) => dispatch({ type: 'floor', floor, receivedAt: Date.now() }),
    'roll:changed': ({ roll }) => dispatch({ type: 'roll', roll }),
    'silence:changed': (e) => {
      dispatch({ type: 'silence', silence: e.silence });
      dispatch({ type: 'said', message: silenceAnnouncement(e, state().data) });
    },
  };
}
