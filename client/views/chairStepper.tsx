import type { RefObject } from 'preact';
import { useEffect, useRef, useState } from 'preact/hooks';
import type { AdoptionResponse } from '../../shared/api/documents.js';
import type { RequestOf } from '../../shared/api/route.js';
import { ROUTES } from '../../shared/api/routes.js';
import { OBJECTION_WINDOW_MAX_MINUTES } from '../../shared/domain/documentRules.js';
import type { Stage, StageStep } from '../../shared/domain/stages.js';
import type { Actions, Situation } from '../api/actions.js';
import { liveSteps, stepperStages, type StepperStage } from '../api/stageStepper.js';
import { ActionButton, ActionError } from '../components/actionHooks.js';
import { t } from '../i18n/index.js';
import { StepperNote } from './adoptionRecord.js';
import { HeldList, useHoldableRequest, type HeldRequest } from './chairAcknowledgement.js';
import { AdoptForm, ReasonForm } from './chairStepperForms.js';
import { maxMinutes, stageName, StepItem, type Opened } from './chairStepItems.js';
import { errorText, type VotingData } from './votingCommon.js';

/** The actions of the stepper: a stage move (forward, or back with its reason), adoption, adoption acknowledged. */
export const STAGE = 'stage';
export const ADOPT = 'adopt';
export const ADOPT_ACKNOWLEDGED = 'adopt-ack';

/** What an adoption without a vote sends. */
type AdoptionBody = RequestOf<typeof ROUTES.adoptWithoutVote>['body'];

export interface StepperProps {
  actions: Actions;
  documentId: string;
  data: VotingData;
  /** Moves when a list of unfinished work may have changed (see `ConsoleState.textVersion`). */
  textVersion: number;
  /** Where the stepper answers for its topics of an error: `adopt-window` (what was typed), `stage-form` (the form open). */
  topics: RefObject<Situation | null>;
  /** The server moved the stage; `message` says so in words for the console to announce. */
  moved(stage: Stage, message: string): void;
  /** The server recorded the adoption without a vote. */
  adopted(answer: AdoptionResponse): void;
}

/** What the chair typed in the stepper's forms, kept while a form is closed and opened again. */
export interface Typed {
  reason: string;
  minutes: string;
}

/**
 * The chair's stepper: drafting → negotiation → adoption → adopted, the current stage marked, each move the
 * stage machine allows from it a button, and why a move is held up (a vote open) written beside it. A move
 * forward is one press; a move back opens a form that asks why (the ledger keeps the reason and everyone is
 * told it); the adopted step is reached only by a vote on the whole text that adopts it, or by the form
 * "adopt without a vote" with the objection window the chair gave, through the acknowledgement of what is
 * unfinished. What the chair typed survives every live event.
 */
export function Stepper(p: StepperProps) {
  const { actions, data } = p;
  const st = useStepperState(p);
  const { acknowledgement, adopt } = useAdoption(p, st);
  const { opened, typed } = st;
  p.topics.current = (topic) => {
    if (topic === 'adopt-window') return typed.minutes;
    if (topic === 'stage-form') return opened ? JSON.stringify(opened) : null;
    return undefined;
  };
  // A form for a move that no longer exists from the stage the document is in closes; its text stays typed.
  useEffect(() => {
    if (opened && !st.steps.some((s) => s.to === (opened.kind === 'back' ? opened.to : 'adopted'))) {
      st.setOpened(null);
      acknowledgement.drop();
    }
  }, [data]);
  const close = (focusId: string): void => {
    st.setOpened(null);
    acknowledgement.drop();
    st.focusOn(focusId);
  };
  return (
    <div class="stepper-box" data-stage={data.doc.stage}>
      <h2 id="chair-stage" tabIndex={-1}>
        {t('voting:chair.stage')}
      </h2>
      <ol class="stepper" aria-labelledby="chair-stage">
        {stepperStages(data.doc.stage, st.steps).map((s, i) => (
          <StepItem key={s.stage} s={s} index={i}>
            <StepControl p={p} st={st} s={s} />
          </StepItem>
        ))}
      </ol>
      <div class="stepper-form" id="stepper-form">
        <OpenForm p={p} st={st} acknowledgement={acknowledgement} adopt={adopt} close={close} />
      </div>
      <ActionError actions={actions} names={STAGE} format={errorText} />
      <div class="stepper-note">
        <StepperNote data={data} />
      </div>
    </div>
  );
}

/** The form open under the steps: the reason for a move back, or adoption without a vote with its list. */
function OpenForm({
  p,
  st,
  acknowledgement,
  adopt,
  close,
}: {
  p: StepperProps;
  st: StepperState;
  acknowledgement: HeldRequest<AdoptionBody>;
  adopt(): void;
  close(focusId: string): void;
}) {
  const { actions, data } = p;
  const { opened, typed, held } = st;
  return opened?.kind === 'back' ? (
    <ReasonForm
      actions={actions}
      to={opened.to}
      typed={typed}
      held={held(opened.to)}
      submit={() => moveBack(p, st, opened.to)}
      cancel={() => close(`stage-${opened.to}`)}
    />
  ) : opened?.kind === 'adopt' ? (
    <AdoptForm
      actions={actions}
      typed={typed}
      held={held('adopted')}
      changed={() => {
        acknowledgement.drop();
        actions.recheck();
      }}
      submit={adopt}
      cancel={() => close('stage-adopted')}
    >
      <HeldList
        request={acknowledgement}
        title={t('voting:acknowledge.titleAdopt')}
        confirmLabel={t('voting:acknowledge.confirmAdopt')}
        data={data}
        actions={actions}
        backTo="objection-window"
      />
    </AdoptForm>
  ) : null;
}

/** The stepper's own state: the form open, what was typed, where the focus goes after the next draw. */
interface StepperState {
  opened: Opened;
  setOpened(next: Opened): void;
  typed: Typed;
  /** The steps out of the stage now, held up by the votes open. */
  steps: StageStep[];
  /** Whether the move to `to` is held up now. */
  held(to: Stage): boolean;
  /** Moves the focus to the element `id` once the stepper has been drawn again. */
  focusOn(id: string): void;
}

function useStepperState({ data }: StepperProps): StepperState {
  const [opened, setOpened] = useState<Opened>(null);
  const [focus, setFocus] = useState<{ id: string } | null>(null);
  const typed = useRef<Typed>({ reason: '', minutes: '' });
  const steps = liveSteps(data.doc, data.votes);
  useEffect(() => {
    if (focus) document.getElementById(focus.id)?.focus();
  }, [focus]);
  return {
    opened,
    setOpened,
    typed: typed.current,
    steps,
    held: (to) => steps.find((s) => s.to === to)?.refusal != null,
    focusOn: (id) => setFocus({ id }),
  };
}

/** A move back, with the reason the chair typed (refused before sending when there is none). */
function moveBack(p: StepperProps, st: StepperState, to: Stage): void {
  const text = st.typed.reason.trim();
  if (!text) return p.actions.refuse(STAGE, { id: 'reason_required' }, { about: ['stage', 'stage-form'] });
  void p.actions.run(
    STAGE,
    async (send) => {
      await send.call(ROUTES.changeStage, { params: { id: p.documentId }, body: { stage: to, reason: text } });
      st.typed.reason = '';
      st.setOpened(null);
      st.focusOn('chair-stage');
      p.moved(to, t('voting:stepper.movedBack', { stage: stageName(to), reason: text }));
    },
    { about: ['stage', 'votes-open', 'stage-form'] },
  );
}

/** Adoption without a vote, through the list of what is unfinished when the server holds it back. */
function useAdoption(p: StepperProps, st: StepperState) {
  const { actions, documentId } = p;
  const acknowledgement = useHoldableRequest<AdoptionBody, AdoptionResponse>({
    id: 'ack-adopt',
    actions,
    action: ADOPT_ACKNOWLEDGED,
    textVersion: p.textVersion,
    send: (send, body) => send.call(ROUTES.adoptWithoutVote, { params: { id: documentId }, body }),
    done: (answer) => {
      acknowledgement.drop();
      st.setOpened(null);
      st.typed.minutes = '';
      st.focusOn('chair-stage');
      p.adopted(answer);
    },
  });
  const adopt = (): void => {
    const typed = st.typed.minutes.trim();
    const given = /^\d{1,5}$/.test(typed) ? Number(typed) : NaN;
    if (!(given >= 0 && given <= OBJECTION_WINDOW_MAX_MINUTES)) {
      return actions.refuse(ADOPT, new Error(t('voting:stepper.windowInvalid', { max: maxMinutes() })), {
        about: ['stage', 'adopt-window'],
      });
    }
    const body: AdoptionBody = { objectionWindowMinutes: given };
    acknowledgement.drop();
    void actions.run(ADOPT, (send) => acknowledgement.request(send, body), {
      about: ['stage', 'votes-open', 'adopt-window'],
    });
  };
  return { acknowledgement, adopt };
}

/** A step's control: a move forward is one press; a move back or adoption opens its form. */
function StepControl({ p, st, s }: { p: StepperProps; st: StepperState; s: StepperStage }) {
  const step = s.step;
  if (!step) return null;
  const { opened } = st;
  const describedBy = step.refusal ? `step-note-${s.stage}` : undefined;
  if (step.way === 'forward') {
    const move = (): void =>
      void p.actions.run(
        STAGE,
        async (send) => {
          await send.call(ROUTES.changeStage, { params: { id: p.documentId }, body: { stage: s.stage } });
          p.moved(s.stage, t('voting:stepper.moved', { stage: stageName(s.stage) }));
        },
        { about: ['stage', 'votes-open'] },
      );
    return (
      <ActionButton
        actions={p.actions}
        name={STAGE}
        id={`stage-${s.stage}`}
        aria-describedby={describedBy}
        disabled={st.held(s.stage)}
        onClick={move}
      >
        {t('voting:chair.moveStage', { stage: stageName(s.stage) })}
      </ActionButton>
    );
  }
  const isOpen = step.way === 'back' ? opened?.kind === 'back' && opened.to === s.stage : opened?.kind === 'adopt';
  const open = (next: Opened): void => {
    st.setOpened(next);
    st.focusOn(next?.kind === 'back' ? 'stage-reason' : next?.kind === 'adopt' ? 'objection-window' : 'chair-stage');
  };
  return (
    <button
      type="button"
      id={`stage-${s.stage}`}
      aria-expanded={isOpen}
      aria-controls="stepper-form"
      aria-describedby={describedBy}
      disabled={st.held(s.stage)}
      onClick={() => open(isOpen ? null : step.way === 'back' ? { kind: 'back', to: s.stage } : { kind: 'adopt' })}
    >
      {step.way === 'back' ? t('voting:stepper.back', { stage: stageName(s.stage) }) : t('voting:stepper.adopt')}
    </button>
  );
}
