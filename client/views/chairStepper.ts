import { maxMinutes, stageName, stepItem, type Opened } from './chairStepItems.js';
import type { AdoptionResponse } from '../../shared/api/documents.js';
import { OBJECTION_WINDOW_MAX_MINUTES, STAGE_REASON_MAX } from '../../shared/domain/documentRules.js';
import type { RequestOf } from '../../shared/api/route.js';
import { ROUTES } from '../../shared/api/routes.js';
import type { Stage, StageStep } from '../../shared/domain/stages.js';
import { acknowledgementItems } from '../api/acknowledgement.js';
import type { Actions } from '../api/actions.js';
import type { Sender } from '../api/http.js';
import { liveSteps, stepperStages, type StepperStage } from '../api/stageStepper.js';
import { actionButton, actionError, bindAction, refreshControls } from '../components/actionControls.js';
import { h, replaceChildren, replaceKeepingFocus } from '../dom.js';
import { t } from '../i18n/index.js';
import { HeldRequest } from './chairAcknowledgement.js';
import { stepperNote } from './adoptionRecord.js';
import { errorText, type VotingData } from './votingCommon.js';

/** The actions of the stepper: a stage move (forward, or back with its reason), adoption, adoption acknowledged. */
export const STAGE = 'stage';
export const ADOPT = 'adopt';
export const ADOPT_ACKNOWLEDGED = 'adopt-ack';

export interface StepperOptions {
  actions: Actions;
  documentId: string;
  /** What the console knows now. */
  data(): VotingData;
  /** The server moved the stage; `message` says so in words for the console to announce. */
  moved(stage: Stage, message: string): void;
  /** The server recorded the adoption without a vote. */
  adopted(answer: AdoptionResponse): void;
}

export interface Stepper {
  el: HTMLElement;
  /** Follows a change of what the console knows: the stage, the votes open. What the chair typed stays. */
  update(): void;
  /** Marks a list of unfinished work being read as possibly out of date. */
  textChanged(): void;
  /** The stepper's topics for errors: `adopt-window` (what the chair typed), `stage-form` (the form open). */
  situation(topic: string): unknown;
}

/** What an adoption without a vote sends. */
type AdoptionBody = RequestOf<typeof ROUTES.adoptWithoutVote>['body'];

/**
 * The chair's stepper: drafting → negotiation → adoption → adopted, the current stage marked, each move the
 * stage machine allows from it a button, and why a move is held up (a vote open) written beside it. A move
 * forward is one press; a move back opens a form that asks why (the ledger keeps the reason and everyone is
 * told it); the adopted step is reached only by a vote on the whole text that adopts it, or by the form
 * "adopt without a vote" with the objection window the chair gave, through the acknowledgement of what is
 * unfinished. Built once: the reason and the window the chair typed survive every live event.
 */
export function Stepper(o: StepperOptions): Stepper {
  return new StepperBox(o);
}

class StepperBox implements Stepper {
  readonly el: HTMLElement;
  private opened: Opened = null;
  private steps: StageStep[] = [];
  /** An adoption the server held back as unfinished, with the list the chair is reading. */
  private readonly held: HeldRequest<AdoptionBody, AdoptionResponse>;
  private readonly heading = h('h2', { id: 'chair-stage', tabindex: -1 }, t('voting:chair.stage'));
  private readonly list = h('ol', { class: 'stepper', 'aria-labelledby': 'chair-stage' });
  private readonly note = h('div', { class: 'stepper-note' });
  private readonly formSlot = h('div', { class: 'stepper-form', id: 'stepper-form' });
  // The fields are built once, so what the chair typed stays however often the console is drawn again.
  private readonly reason = h('textarea', {
    id: 'stage-reason',
    rows: 3,
    maxlength: STAGE_REASON_MAX,
    required: true,
    'aria-describedby': 'stage-reason-hint',
  });
  private readonly minutes = h('input', {
    id: 'objection-window',
    type: 'number',
    min: 0,
    max: OBJECTION_WINDOW_MAX_MINUTES,
    step: 1,
    inputmode: 'numeric',
    class: 'short',
    required: true,
    'aria-describedby': 'objection-window-hint',
  });

  constructor(private readonly o: StepperOptions) {
    this.held = new HeldRequest<AdoptionBody, AdoptionResponse>({
      id: 'ack-adopt',
      title: t('voting:acknowledge.titleAdopt'),
      confirmLabel: t('voting:acknowledge.confirmAdopt'),
      actions: o.actions,
      action: ADOPT_ACKNOWLEDGED,
      send: (send, body) => this.sendAdoption(send, body),
      data: o.data,
      done: (answer) => this.done(answer),
      cancelled: () => this.minutes.focus(),
    });
    this.minutes.addEventListener('input', () => {
      this.held.drop();
      o.actions.recheck();
    });
    this.follow();
    this.el = h(
      'div',
      { class: 'stepper-box', 'data-stage': o.data().doc.stage },
      this.heading,
      this.list,
      this.formSlot,
      actionError(o.actions, STAGE, errorText),
      this.note,
    );
  }

  private stepOf(to: Stage): StageStep | undefined {
    return this.steps.find((s) => s.to === to);
  }

  private open(next: Opened): void {
    this.opened = next;
    this.renderForm();
    requestAnimationFrame(() =>
      (next?.kind === 'back' ? this.reason : next?.kind === 'adopt' ? this.minutes : this.heading).focus(),
    );
  }

  /** A step's control: a move forward is one press; a move back or adoption opens its form. */
  private stepControl(s: StepperStage): HTMLElement | null {
    const step = s.step;
    if (!step) return null;
    const held = (): boolean => this.stepOf(s.stage)?.refusal != null;
    const describedBy = step.refusal ? { 'aria-describedby': `step-note-${s.stage}` } : {};
    if (step.way === 'forward') {
      const moved = async (send: Sender): Promise<void> => {
        await send.call(ROUTES.changeStage, { params: { id: this.o.documentId }, body: { stage: s.stage } });
        this.o.moved(s.stage, t('voting:stepper.moved', { stage: stageName(s.stage) }));
      };
      return actionButton(
        this.o.actions,
        STAGE,
        { id: `stage-${s.stage}`, ...describedBy },
        t('voting:chair.moveStage', { stage: stageName(s.stage) }),
        moved,
        { about: ['stage', 'votes-open'], disabled: held },
      );
    }
    const isOpen =
      step.way === 'back' ? this.opened?.kind === 'back' && this.opened.to === s.stage : this.opened?.kind === 'adopt';
    const button = h(
      'button',
      {
        type: 'button',
        id: `stage-${s.stage}`,
        'aria-expanded': String(isOpen),
        'aria-controls': 'stepper-form',
        ...describedBy,
        onclick: () =>
          this.open(isOpen ? null : step.way === 'back' ? { kind: 'back', to: s.stage } : { kind: 'adopt' }),
      },
      step.way === 'back' ? t('voting:stepper.back', { stage: stageName(s.stage) }) : t('voting:stepper.adopt'),
    );
    button.disabled = held();
    return button;
  }

  private renderSteps(): void {
    const data = this.o.data();
    this.steps = liveSteps(data.doc, data.votes);
    const stages = stepperStages(data.doc.stage, this.steps);
    replaceKeepingFocus(
      this.list,
      stages.map((s, i) => stepItem(s, i, this.stepControl(s))),
    );
    replaceChildren(this.note, stepperNote(data));
  }

  private reasonForm(to: Stage): HTMLElement {
    const submit = bindAction(
      this.o.actions,
      STAGE,
      h(
        'button',
        { type: 'submit', class: 'primary', id: 'stage-reason-submit' },
        t('voting:stepper.backSubmit', { stage: stageName(to) }),
      ),
      () => this.stepOf(to)?.refusal != null,
    );
    const onsubmit = (e: Event): void => {
      e.preventDefault();
      this.moveBack(to);
    };
    return h(
      'form',
      { class: 'stage-reason-form', 'aria-labelledby': 'stage-reason-title', novalidate: true, onsubmit },
      h('h3', { id: 'stage-reason-title' }, t('voting:stepper.backTitle', { stage: stageName(to) })),
      h('label', { for: 'stage-reason' }, t('voting:stepper.reason')),
      this.reason,
      h('p', { class: 'hint', id: 'stage-reason-hint' }, t('voting:stepper.reasonHint')),
      h(
        'div',
        { class: 'button-row' },
        submit,
        h('button', { type: 'button', onclick: () => this.close(`stage-${to}`) }, t('voting:stepper.cancel')),
      ),
    );
  }

  private moveBack(to: Stage): void {
    const text = this.reason.value.trim();
    if (!text) return this.o.actions.refuse(STAGE, { id: 'reason_required' }, { about: ['stage', 'stage-form'] });
    void this.o.actions.run(
      STAGE,
      async (send) => {
        await send.call(ROUTES.changeStage, { params: { id: this.o.documentId }, body: { stage: to, reason: text } });
        this.reason.value = '';
        this.opened = null;
        this.renderForm();
        this.heading.focus();
        this.o.moved(to, t('voting:stepper.movedBack', { stage: stageName(to), reason: text }));
      },
      { about: ['stage', 'votes-open', 'stage-form'] },
    );
  }

  private adoptForm(): HTMLElement {
    const submit = bindAction(
      this.o.actions,
      ADOPT,
      h('button', { type: 'submit', class: 'primary', id: 'adopt-submit' }, t('voting:stepper.adoptSubmit')),
      () => this.stepOf('adopted')?.refusal != null,
    );
    const onsubmit = (e: Event): void => {
      e.preventDefault();
      this.adopt();
    };
    return h(
      'form',
      { class: 'adoption-form', 'aria-labelledby': 'adopt-title', novalidate: true, onsubmit },
      h('h3', { id: 'adopt-title' }, t('voting:stepper.adoptTitle')),
      h('p', { class: 'hint' }, t('voting:stepper.adoptHint')),
      h(
        'div',
        { class: 'field' },
        h('label', { for: 'objection-window' }, t('voting:stepper.window')),
        this.minutes,
        h(
          'span',
          { class: 'hint', id: 'objection-window-hint' },
          t('voting:stepper.windowHint', { max: maxMinutes() }),
        ),
      ),
      actionError(this.o.actions, ADOPT, errorText),
      h(
        'div',
        { class: 'button-row' },
        submit,
        h('button', { type: 'button', onclick: () => this.close('stage-adopted') }, t('voting:stepper.cancel')),
      ),
      this.held.el,
    );
  }

  private adopt(): void {
    const typed = this.minutes.value.trim();
    const given = /^\d{1,5}$/.test(typed) ? Number(typed) : NaN;
    if (!(given >= 0 && given <= OBJECTION_WINDOW_MAX_MINUTES)) {
      return this.o.actions.refuse(ADOPT, new Error(t('voting:stepper.windowInvalid', { max: maxMinutes() })), {
        about: ['stage', 'adopt-window'],
      });
    }
    const body: AdoptionBody = { objectionWindowMinutes: given };
    this.held.drop();
    void this.o.actions.run(
      ADOPT,
      async (send) => {
        let answer: AdoptionResponse;
        try {
          answer = await this.sendAdoption(send, body);
        } catch (error) {
          const items = acknowledgementItems(error);
          if (!items) throw error;
          return this.held.hold(body, items);
        }
        this.done(answer);
      },
      { about: ['stage', 'votes-open', 'adopt-window'] },
    );
  }

  private sendAdoption(send: Sender, body: AdoptionBody): Promise<AdoptionResponse> {
    return send.call(ROUTES.adoptWithoutVote, { params: { id: this.o.documentId }, body });
  }

  private done(answer: AdoptionResponse): void {
    this.held.drop();
    this.opened = null;
    this.minutes.value = '';
    this.renderForm();
    this.heading.focus();
    this.o.adopted(answer);
  }

  private close(focusId: string): void {
    this.opened = null;
    this.held.drop();
    this.renderForm();
    document.getElementById(focusId)?.focus();
  }

  /** The form under the steps, drawn again only when another one opens: the fields keep their text and caret. */
  private renderForm(): void {
    const opened = this.opened;
    replaceChildren(
      this.formSlot,
      opened?.kind === 'back' ? this.reasonForm(opened.to) : opened?.kind === 'adopt' ? this.adoptForm() : null,
    );
    this.renderSteps();
  }

  private follow(): void {
    this.renderSteps();
    // The forms' buttons are built once: whether a vote now holds their move up is asked again.
    refreshControls(this.o.actions);
    // A form for a move that no longer exists from the stage the document is in closes; its text stays typed.
    const opened = this.opened;
    if (opened && !this.stepOf(opened.kind === 'back' ? opened.to : 'adopted')) {
      this.opened = null;
      this.held.drop();
      this.renderForm();
    }
  }

  update(): void {
    this.follow();
    this.el.dataset.stage = this.o.data().doc.stage;
  }

  textChanged(): void {
    this.held.textChanged();
  }

  situation(topic: string): unknown {
    if (topic === 'adopt-window') return this.minutes.value;
    if (topic === 'stage-form') return this.opened ? JSON.stringify(this.opened) : null;
    return undefined;
  }
}
