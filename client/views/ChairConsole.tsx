import type { ComponentChildren, RefObject } from 'preact';
import { useEffect, useReducer, useRef, useState } from 'preact/hooks';
import type { SessionUser } from '../../shared/api/auth.js';
import { can } from '../../shared/domain/permissions.js';
import { Actions, type Situation } from '../api/actions.js';
import { shortHash } from '../api/ledger.js';
import type { VoteSubject } from '../api/voteSubjects.js';
import { mountView } from '../components/bridge.js';
import { t } from '../i18n/index.js';
import type { View } from '../router.js';
import { currentUser } from '../session.js';
import { Agenda } from './chairAgenda.js';
import { useConsoleEvents, useConsoleReads } from './chairConsoleEffects.js';
import { FloorPanel } from './chairFloor.js';
import { Now } from './chairNow.js';
import { PublicationSwitch } from './chairPublication.js';
import { RollPanel } from './chairRoll.js';
import { SilencePanel } from './chairSilence.js';
import { Stepper } from './chairStepper.js';
import { LiveVotes, PastVotes } from './chairVoteLists.js';
import { VoteForm } from './chairVoteForm.js';
import { consoleReducer, consoleStart, situation, type ConsoleEvent } from './consoleState.js';
import { loadVotingData, resultSentence, ruleLabel, subjectLabel, type VotingData } from './votingCommon.js';

/**
 * The chair's console for one document: its stage as a stepper (moves forward, back with a reason, adoption
 * without a vote); the current item with the one action that follows from it; the agenda of clauses with the
 * amendments still to decide (amendments to one clause furthest from the original first), where the chair puts
 * a clause under discussion or picks a subject for a vote; the vote form (subject, rule, quorum); the votes in
 * progress with every ballot arriving live; closing, and the announced result with the recorded vote.
 *
 * Every button runs through one `Actions`: disabled while its request is in flight, the error kept beside it
 * until the situation it described changes. What the console offers follows the stage and each subject's
 * state, so it never offers a vote that would fail.
 */
export async function ChairConsole(documentId: string): Promise<View> {
  const data = await loadVotingData(documentId, { amendments: true });
  return mountView(
    t('voting:chair.title'),
    <Console documentId={documentId} user={currentUser()!} data={data} actions={new Actions()} />,
  );
}

export interface ConsoleProps {
  documentId: string;
  user: SessionUser;
  data: VotingData;
  actions: Actions;
}

/** What the console's parts are given: what it knows now, and the ways they tell it what the chair did. */
export interface ConsoleContext extends ConsoleProps {
  votesOpenAtStage: boolean;
  dispatch(event: ConsoleEvent): void;
  /** Says something in the console's polite live region. */
  say(message: string): void;
  /** The chair's action changed `change`: applied at once, announced, and the console read again. */
  after(change: ConsoleEvent, message: string): void;
  /** What the console knows at this moment (for the parts built once, which ask when they need it). */
  latest(): VotingData;
}

export function Console(props: ConsoleProps) {
  const { documentId, user, actions } = props;
  const [state, dispatch] = useReducer(consoleReducer, consoleStart(props.data));
  const [announcement, say] = useState('');
  const latest = useRef(state.data);
  latest.current = state.data;
  // Where the vote form and the stepper answer for their own topics of an action's error.
  const formTopics = useRef<Situation | null>(null);
  const stepperTopics = useRef<Situation | null>(null);
  const [picked, pick] = useState<{ subject: VoteSubject } | null>(null);
  const context: ConsoleContext = {
    ...props,
    data: state.data,
    votesOpenAtStage: can(user, 'vote.open', { stage: state.data.doc.stage }),
    dispatch,
    say,
    after: (change, message) => {
      dispatch(change);
      say(message);
      dispatch({ type: 'stale' });
    },
    latest: () => latest.current,
  };
  useConsoleEvents(documentId, dispatch);
  useConsoleReads(documentId, state, dispatch, say);
  useEffect(() => {
    actions.describe(
      (topic) => situation(latest.current, topic) ?? formTopics.current?.(topic) ?? stepperTopics.current?.(topic),
    );
    // The page frame fits the console to the screen while it is shown (voting.css).
    document.documentElement.classList.add('chair-fit');
    return () => document.documentElement.classList.remove('chair-fit');
  }, []);
  // An error stays until what it was about reads differently.
  useEffect(() => actions.recheck(), [state.data]);
  const choose = (subject: VoteSubject): void => pick({ subject });
  return (
    <section class="chair-console">
      <ConsoleBar context={context} announcement={announcement} />
      <StageBox context={context} textVersion={state.textVersion} topics={stepperTopics} />
      <div class="chair-columns">
        <Column labelledBy="chair-now">
          <Now data={state.data} votesOpenAtStage={context.votesOpenAtStage} choose={choose} />
          <LiveVotes
            actions={actions}
            data={state.data}
            closed={(vote) => context.after({ type: 'vote', vote }, resultSentence(vote, latest.current))}
          />
          <MeetingPanels context={context} />
        </Column>
        <Column labelledBy="chair-open-vote">
          <VoteFormPanel context={context} textVersion={state.textVersion} topics={formTopics} picked={picked} />
          <PastVotes data={state.data} />
        </Column>
        <Column labelledBy="chair-agenda" class="chair-agenda-column">
          <Agenda
            data={state.data}
            actions={actions}
            documentId={documentId}
            votesOpenAtStage={context.votesOpenAtStage}
            choose={choose}
            discussed={(now) => dispatch({ type: 'now', now })}
          />
        </Column>
      </div>
    </section>
  );
}

interface PartProps {
  context: ConsoleContext;
  textVersion: number;
  /** Where the part answers for its own topics of an action's error. */
  topics: RefObject<Situation | null>;
}

/** The stage stepper across the top. */
function StageBox({ context, textVersion, topics }: PartProps) {
  return (
    <section class="panel chair-stage" aria-labelledby="chair-stage">
      <Stepper
        actions={context.actions}
        documentId={context.documentId}
        data={context.data}
        textVersion={textVersion}
        topics={topics}
        moved={(stage, message) => context.after({ type: 'stage', stage }, message)}
        adopted={(answer) =>
          context.after(
            { type: 'stage', stage: 'adopted' },
            t('voting:stepper.adopted', { fingerprint: shortHash(answer.fingerprint) }),
          )
        }
      />
    </section>
  );
}

/** The vote form, given the subject the chair picked elsewhere. */
function VoteFormPanel({
  context,
  textVersion,
  topics,
  picked,
}: PartProps & { picked: { subject: VoteSubject } | null }) {
  return (
    <section class="panel" aria-labelledby="chair-open-vote">
      <h2 id="chair-open-vote">{t('voting:chair.openVote')}</h2>
      <VoteForm
        actions={context.actions}
        documentId={context.documentId}
        data={context.data}
        votesOpenAtStage={context.votesOpenAtStage}
        textVersion={textVersion}
        picked={picked}
        topics={topics}
        opened={(vote, rule) =>
          context.after(
            { type: 'vote', vote },
            t('voting:announce.opened', { subject: subjectLabel(vote, context.latest()), rule: ruleLabel(rule) }),
          )
        }
      />
    </section>
  );
}

/** The bar: the way back, the title, the projector, the public gallery's switch, and what the console announces. */
function ConsoleBar({ context, announcement }: { context: ConsoleContext; announcement: string }) {
  const enc = encodeURIComponent(context.documentId);
  return (
    <div class="chair-top">
      <a class="chair-back" href={`/documents/${enc}`}>
        {context.data.doc.title}
      </a>
      <h1>{t('voting:chair.title')}</h1>
      <a
        class="action-link"
        href={`/projector/${enc}`}
        target="_blank"
        rel="noopener"
        title={t('voting:chair.projectorHint')}
      >
        {t('voting:links.projector')}
      </a>
      <PublicationSwitch actions={context.actions} documentId={context.documentId} />
      <p class="status-line chair-announcer" role="status" aria-live="polite" aria-atomic="true">
        {announcement}
      </p>
    </div>
  );
}

/**
 * One of the console's columns. Each scrolls on its own on a wide screen, so it takes the focus (a keyboard
 * scrolls it with the arrows even where nothing in view is focusable) and is named by its first heading.
 */
function Column({
  labelledBy,
  children,
  ...rest
}: {
  labelledBy: string;
  class?: string;
  children: ComponentChildren;
}) {
  return (
    <div
      class={`chair-column${rest.class ? ` ${rest.class}` : ''}`}
      role="region"
      tabIndex={0}
      aria-labelledby={labelledBy}
    >
      {children}
    </div>
  );
}

/** The floor, the roll and the silence procedure: each owns its feed of the meeting and follows it. */
function MeetingPanels({ context }: { context: ConsoleContext }) {
  const props = { actions: context.actions, documentId: context.documentId, data: context.data, say: context.say };
  return (
    <>
      <FloorPanel {...props} />
      <RollPanel {...props} />
      <SilencePanel {...props} />
    </>
  );
}
