import type { ComponentChildren } from 'preact';
import { OBJECTION_WINDOW_MAX_MINUTES, STAGE_REASON_MAX } from '../../shared/domain/documentRules.js';
import type { Stage } from '../../shared/domain/stages.js';
import type { Actions } from '../api/actions.js';
import { ActionButton, ActionError } from '../components/actionHooks.js';
import { Field } from '../components/system.js';
import { t } from '../i18n/index.js';
import { maxMinutes, stageName } from './chairStepItems.js';
import type { Typed } from './chairStepper.js';
import { errorText } from './votingCommon.js';

/**
 * The stepper's two forms. Their fields are uncontrolled: what the chair types is kept in `typed` as they type,
 * so a redraw never overwrites it and a form closed and opened again shows it still.
 */
interface FormProps {
  actions: Actions;
  typed: Typed;
  /** A vote open holds the move up: the form cannot be sent. */
  held: boolean;
  submit(): void;
  cancel(): void;
}

const onSubmit =
  (submit: () => void) =>
  (e: Event): void => {
    e.preventDefault();
    submit();
  };

/** A move back: why (the ledger keeps it, and everyone is told). */
export function ReasonForm({ actions, to, typed, held, submit, cancel }: FormProps & { to: Stage }) {
  return (
    <form class="stage-reason-form" aria-labelledby="stage-reason-title" noValidate onSubmit={onSubmit(submit)}>
      <h3 id="stage-reason-title">{t('voting:stepper.backTitle', { stage: stageName(to) })}</h3>
      <label for="stage-reason">{t('voting:stepper.reason')}</label>
      <textarea
        id="stage-reason"
        rows={3}
        maxLength={STAGE_REASON_MAX}
        required
        aria-describedby="stage-reason-hint"
        defaultValue={typed.reason}
        onInput={(e) => (typed.reason = e.currentTarget.value)}
      />
      <p class="hint" id="stage-reason-hint">
        {t('voting:stepper.reasonHint')}
      </p>
      <div class="button-row">
        <ActionButton
          actions={actions}
          name="stage"
          type="submit"
          class="primary"
          id="stage-reason-submit"
          disabled={held}
        >
          {t('voting:stepper.backSubmit', { stage: stageName(to) })}
        </ActionButton>
        <button type="button" onClick={cancel}>
          {t('voting:stepper.cancel')}
        </button>
      </div>
    </form>
  );
}

/** Adoption without a vote: the objection window, then the list of what is unfinished if the server holds it back. */
export function AdoptForm({
  actions,
  typed,
  held,
  submit,
  cancel,
  changed,
  children,
}: FormProps & { changed(): void; children: ComponentChildren }) {
  return (
    <form class="adoption-form" aria-labelledby="adopt-title" noValidate onSubmit={onSubmit(submit)}>
      <h3 id="adopt-title">{t('voting:stepper.adoptTitle')}</h3>
      <p class="hint">{t('voting:stepper.adoptHint')}</p>
      <Field
        id="objection-window"
        label={t('voting:stepper.window')}
        hint={t('voting:stepper.windowHint', { max: maxMinutes() })}
      >
        <input
          id="objection-window"
          type="number"
          min={0}
          max={OBJECTION_WINDOW_MAX_MINUTES}
          step={1}
          inputMode="numeric"
          class="short"
          required
          aria-describedby="objection-window-hint"
          defaultValue={typed.minutes}
          onInput={(e) => {
            typed.minutes = e.currentTarget.value;
            changed();
          }}
        />
      </Field>
      <ActionError actions={actions} names="adopt" format={errorText} />
      <div class="button-row">
        <ActionButton actions={actions} name="adopt" type="submit" class="primary" id="adopt-submit" disabled={held}>
          {t('voting:stepper.adoptSubmit')}
        </ActionButton>
        <button type="button" onClick={cancel}>
          {t('voting:stepper.cancel')}
        </button>
      </div>
      {children}
    </form>
  );
}
