import { OBJECTION_WINDOW_MAX_MINUTES, STAGE_REASON_MAX, type AdoptionResponse } from '../../shared/api/documents.js';
import type { Stage, StageStep } from '../../shared/domain/stages.js';
import { acknowledgementItems, sendAcknowledged } from '../api/acknowledgement.js';
import type { Actions } from '../api/actions.js';
import type { Sender } from '../api/http.js';
import { liveSteps, stepperStages, type StepperStage } from '../api/stageStepper.js';
import { actionButton, actionError, bindAction, refreshControls } from '../components/actionControls.js';
import { fingerprintValue } from '../components/fingerprint.js';
import { h, replaceChildren, replaceKeepingFocus } from '../dom.js';
import { currentLanguage, t } from '../i18n/index.js';
import { AcknowledgementList, focusList, type AcknowledgementState } from './chairAcknowledgement.js';
import { errorText, subjectLabel, type VotingData } from './votingCommon.js';

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

/** Which form under the steps is open: the reason for a move back, or adoption without a vote. */
type Opened = { kind: 'back'; to: Stage } | { kind: 'adopt' } | null;

/**
 * The chair's stepper: drafting → negotiation → adoption → adopted, the current stage marked, each move the
 * stage machine allows from it a button, and why a move is held up (a vote open) written beside it. A move
 * forward is one press; a move back opens a form that asks why (the ledger keeps the reason and everyone is
 * told it); the adopted step is reached only by a vote on the whole text that adopts it, or by the form
 * "adopt without a vote" with the objection window the chair gave, through the acknowledgement of what is
 * unfinished. Built once: the reason and the window the chair typed survive every live event.
 */
export function Stepper(o: StepperOptions): Stepper {
  const enc = encodeURIComponent(o.documentId);
  let opened: Opened = null;
  let steps: StageStep[] = [];
  /** An adoption the server held back as unfinished: the request as sent, and the list the chair is reading. */
  let pending: (AcknowledgementState & { body: { objectionWindowMinutes: number } }) | null = null;

  const heading = h('h2', { id: 'chair-stage', tabindex: -1 }, t('voting:chair.stage'));
  const list = h('ol', { class: 'stepper', 'aria-labelledby': 'chair-stage' });
  const note = h('div', { class: 'stepper-note' });
  const formSlot = h('div', { class: 'stepper-form' });
  const ackSlot = h('div');

  // The fields are built once, so what the chair typed stays however often the console is drawn again.
  const reason = h('textarea', { id: 'stage-reason', rows: 3, maxlength: STAGE_REASON_MAX, required: true, 'aria-describedby': 'stage-reason-hint' });
  const minutes = h('input', { id: 'objection-window', type: 'number', min: 0, max: OBJECTION_WINDOW_MAX_MINUTES, step: 1, inputmode: 'numeric', class: 'short', required: true, 'aria-describedby': 'objection-window-hint' });
  minutes.addEventListener('input', () => {
    dropPending();
    o.actions.recheck();
  });

  const maxMinutes = (): string => new Intl.NumberFormat(currentLanguage()).format(OBJECTION_WINDOW_MAX_MINUTES);
  const stepOf = (to: Stage): StageStep | undefined => steps.find((s) => s.to === to);
  const stageName = (stage: Stage): string => t(`document.stage.${stage}`);

  /** Why a step is held up, in words; null when it is not. */
  const why = (step: StageStep): string | null => {
    if (!step.refusal) return null;
    if (step.refusal === 'vote_open') return t(step.way === 'adoption' ? 'voting:stepper.why.documentVoteOpen' : 'voting:stepper.why.voteOpen');
    return errorText({ id: step.refusal });
  };

  const open = (next: Opened): void => {
    opened = next;
    renderForm();
    requestAnimationFrame(() => (next?.kind === 'back' ? reason : next?.kind === 'adopt' ? minutes : heading).focus());
  };

  const stepControl = (s: StepperStage): HTMLElement | null => {
    const step = s.step;
    if (!step) return null;
    const held = () => stepOf(s.stage)?.refusal != null;
    const describedBy = step.refusal ? { 'aria-describedby': `step-note-${s.stage}` } : {};
    if (step.way === 'forward') {
      return actionButton(
        o.actions,
        STAGE,
        { id: `stage-${s.stage}`, ...describedBy },
        t('voting:chair.moveStage', { stage: stageName(s.stage) }),
        async (send) => {
          await send.post(`/api/documents/${enc}/stage`, { stage: s.stage });
          o.moved(s.stage, t('voting:stepper.moved', { stage: stageName(s.stage) }));
        },
        { about: ['stage', 'votes-open'], disabled: held },
      );
    }
    const isOpen = step.way === 'back' ? opened?.kind === 'back' && opened.to === s.stage : opened?.kind === 'adopt';
    const button = h(
      'button',
      {
        type: 'button',
        id: `stage-${s.stage}`,
        'aria-expanded': String(isOpen),
        'aria-controls': 'stepper-form',
        ...describedBy,
        onclick: () => open(isOpen ? null : step.way === 'back' ? { kind: 'back', to: s.stage } : { kind: 'adopt' }),
      },
      step.way === 'back' ? t('voting:stepper.back', { stage: stageName(s.stage) }) : t('voting:stepper.adopt'),
    );
    button.disabled = held();
    return button;
  };

  const renderSteps = (): void => {
    const data = o.data();
    steps = liveSteps(data.doc, data.votes);
    const stages = stepperStages(data.doc.stage, steps);
    replaceKeepingFocus(
      list,
      stages.map((s, i) => {
        const step = s.step;
        const held = step ? why(step) : null;
        return h(
          'li',
          { class: `step step-${s.place}`, 'data-step': s.stage, ...(s.place === 'current' ? { 'aria-current': 'step' } : {}) },
          h('span', { class: 'step-marker', 'aria-hidden': 'true' }, s.place === 'done' ? '✓' : String(i + 1)),
          h(
            'span',
            { class: 'step-body' },
            h('span', { class: 'step-name' }, stageName(s.stage)),
            s.place === 'current' ? h('span', { class: 'step-current' }, t('voting:stepper.current')) : null,
            stepControl(s),
            held ? h('span', { class: 'step-note', id: `step-note-${s.stage}` }, held) : null,
            s.stage === 'adopted' && s.place === 'ahead' && !step ? h('span', { class: 'step-note' }, t('voting:stepper.adoptedFrom')) : null,
          ),
        );
      }),
    );
    const doc = data.doc;
    const adoption = doc.adoption;
    const lapsed = [
      ...data.votes.filter((v) => v.status === 'lapsed').map((v) => t('voting:projector.lapsedVote', { subject: subjectLabel(v, data) })),
      ...data.amendments.filter((a) => a.status === 'lapsed').map((a) => subjectLabel({ subject: { type: 'amendment', id: a.id } }, data)),
    ];
    replaceChildren(
      note,
      doc.stage === 'adopted'
        ? [
            h('p', null, t('voting:chair.adoptedFinal')),
            adoption
              ? h(
                  'dl',
                  { class: 'adoption-record' },
                  h('dt', null, t('voting:fingerprint.text')),
                  h('dd', null, fingerprintValue(adoption.fingerprint, t('voting:fingerprint.full'))),
                  h('dt', null, t('voting:fingerprint.method')),
                  h(
                    'dd',
                    null,
                    adoption.method === 'vote'
                      ? t('voting:fingerprint.byVote')
                      : t('voting:fingerprint.withoutVote', { count: adoption.objectionWindowMinutes ?? 0 }),
                  ),
                  lapsed.length ? [h('dt', null, t('voting:status.lapsed')), h('dd', null, h('ul', { class: 'lapsed-list' }, lapsed.map((l) => h('li', null, l))))] : null,
                )
              : null,
          ]
        : h('p', { class: 'hint' }, t(doc.stage === 'adoption' ? 'voting:stepper.hintAdoption' : 'voting:stepper.hint')),
    );
  };

  const reasonForm = (to: Stage): HTMLElement => {
    const submit = bindAction(o.actions, STAGE, h('button', { type: 'submit', class: 'primary', id: 'stage-reason-submit' }, t('voting:stepper.backSubmit', { stage: stageName(to) })), () => stepOf(to)?.refusal != null);
    return h(
      'form',
      {
        class: 'stage-reason-form',
        'aria-labelledby': 'stage-reason-title',
        novalidate: true,
        onsubmit: (e: Event) => {
          e.preventDefault();
          const text = reason.value.trim();
          if (!text) return o.actions.refuse(STAGE, { id: 'reason_required' }, { about: ['stage', 'stage-form'] });
          void o.actions.run(
            STAGE,
            async (send: Sender) => {
              await send.post(`/api/documents/${enc}/stage`, { stage: to, reason: text });
              reason.value = '';
              opened = null;
              renderForm();
              heading.focus();
              o.moved(to, t('voting:stepper.movedBack', { stage: stageName(to), reason: text }));
            },
            { about: ['stage', 'votes-open', 'stage-form'] },
          );
        },
      },
      h('h3', { id: 'stage-reason-title' }, t('voting:stepper.backTitle', { stage: stageName(to) })),
      h('label', { for: 'stage-reason' }, t('voting:stepper.reason')),
      reason,
      h('p', { class: 'hint', id: 'stage-reason-hint' }, t('voting:stepper.reasonHint')),
      h('div', { class: 'button-row' }, submit, h('button', { type: 'button', onclick: () => close(`stage-${to}`) }, t('voting:stepper.cancel'))),
    );
  };

  const adoptForm = (): HTMLElement => {
    const submit = bindAction(o.actions, ADOPT, h('button', { type: 'submit', class: 'primary', id: 'adopt-submit' }, t('voting:stepper.adoptSubmit')), () => stepOf('adopted')?.refusal != null);
    return h(
      'form',
      {
        class: 'adoption-form',
        'aria-labelledby': 'adopt-title',
        novalidate: true,
        onsubmit: (e: Event) => {
          e.preventDefault();
          const typed = minutes.value.trim();
          const given = /^\d{1,5}$/.test(typed) ? Number(typed) : NaN;
          if (!(given >= 0 && given <= OBJECTION_WINDOW_MAX_MINUTES)) {
            return o.actions.refuse(ADOPT, new Error(t('voting:stepper.windowInvalid', { max: maxMinutes() })), { about: ['stage', 'adopt-window'] });
          }
          const body = { objectionWindowMinutes: given };
          dropPending();
          void o.actions.run(
            ADOPT,
            async (send) => {
              let answer: AdoptionResponse;
              try {
                answer = await send.post<AdoptionResponse>(`/api/documents/${enc}/adoption`, body);
              } catch (error) {
                const items = acknowledgementItems(error);
                if (!items) throw error;
                pending = { body, items, stale: false, relisted: false };
                renderPending();
                focusList('ack-adopt');
                return;
              }
              done(answer);
            },
            { about: ['stage', 'votes-open', 'adopt-window'] },
          );
        },
      },
      h('h3', { id: 'adopt-title' }, t('voting:stepper.adoptTitle')),
      h('p', { class: 'hint' }, t('voting:stepper.adoptHint')),
      h('div', { class: 'field' }, h('label', { for: 'objection-window' }, t('voting:stepper.window')), minutes, h('span', { class: 'hint', id: 'objection-window-hint' }, t('voting:stepper.windowHint', { max: maxMinutes() }))),
      actionError(o.actions, ADOPT, errorText),
      h('div', { class: 'button-row' }, submit, h('button', { type: 'button', onclick: () => close('stage-adopted') }, t('voting:stepper.cancel'))),
      ackSlot,
    );
  };

  const done = (answer: AdoptionResponse): void => {
    pending = null;
    opened = null;
    minutes.value = '';
    renderForm();
    heading.focus();
    o.adopted(answer);
  };

  const close = (focusId: string): void => {
    opened = null;
    dropPending();
    renderForm();
    document.getElementById(focusId)?.focus();
  };

  const dropPending = (): void => {
    if (!pending) return;
    pending = null;
    o.actions.clear(ADOPT_ACKNOWLEDGED);
    renderPending();
  };

  const renderPending = (): void => {
    const shown = pending;
    replaceChildren(
      ackSlot,
      shown
        ? AcknowledgementList({
            id: 'ack-adopt',
            title: t('voting:acknowledge.titleAdopt'),
            confirmLabel: t('voting:acknowledge.confirmAdopt'),
            state: shown,
            data: o.data(),
            actions: o.actions,
            action: ADOPT_ACKNOWLEDGED,
            confirm: async (send) => {
              const answer = await sendAcknowledged<AdoptionResponse>(send, `/api/documents/${enc}/adoption`, shown.body, shown.items);
              if ('relisted' in answer) {
                if (pending === shown) pending = { ...shown, items: answer.relisted, stale: false, relisted: true };
                renderPending();
                focusList('ack-adopt');
                return;
              }
              done(answer.done);
            },
            cancel: () => {
              dropPending();
              minutes.focus();
            },
          })
        : null,
    );
  };

  /** The form under the steps, drawn again only when another one opens: the fields keep their text and caret. */
  const renderForm = (): void => {
    replaceChildren(formSlot, opened?.kind === 'back' ? reasonForm(opened.to) : opened?.kind === 'adopt' ? adoptForm() : null);
    renderSteps();
  };

  const update = (): void => {
    renderSteps();
    // The forms' buttons are built once: whether a vote now holds their move up is asked again.
    refreshControls(o.actions);
    // A form for a move that no longer exists from the stage the document is in closes; its text stays typed.
    const still = opened && stepOf(opened.kind === 'back' ? opened.to : 'adopted');
    if (opened && !still) {
      opened = null;
      pending = null;
      renderForm();
    }
  };

  formSlot.id = 'stepper-form';
  update();
  const el = h('div', { class: 'stepper-box', 'data-stage': o.data().doc.stage }, heading, list, formSlot, actionError(o.actions, STAGE, errorText), note);
  return {
    el,
    update() {
      update();
      el.dataset.stage = o.data().doc.stage;
    },
    textChanged() {
      if (!pending || pending.stale) return;
      pending = { ...pending, stale: true, relisted: false };
      renderPending();
    },
    situation(topic) {
      if (topic === 'adopt-window') return minutes.value;
      if (topic === 'stage-form') return opened ? JSON.stringify(opened) : null;
      return undefined;
    },
  };
}
