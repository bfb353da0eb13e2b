import type { ComponentChildren } from 'preact';
import type { Stage, StageStep } from '../../shared/domain/stages.js';
import type { StepperStage } from '../api/stageStepper.js';
import { currentLanguage, t } from '../i18n/index.js';
import { OBJECTION_WINDOW_MAX_MINUTES } from '../../shared/domain/documentRules.js';
import { errorText } from './votingCommon.js';

/** A stage's name in the interface language. */
export const stageName = (stage: Stage): string => t(`document.stage.${stage}`);

/** The longest objection window the chair may give, as numbers are written in the interface language. */
export const maxMinutes = (): string => new Intl.NumberFormat(currentLanguage()).format(OBJECTION_WINDOW_MAX_MINUTES);

/** Why a step is held up, in words; null when it is not. */
export function why(step: StageStep): string | null {
  if (!step.refusal) return null;
  if (step.refusal === 'vote_open')
    return t(step.way === 'adoption' ? 'voting:stepper.why.documentVoteOpen' : 'voting:stepper.why.voteOpen');
  return errorText({ id: step.refusal });
}

/**
 * One step of the list: its marker, its name, whether it is the current one (a marker and words, never a
 * control drawn disabled), its control and why it is held.
 */
export function StepItem({ s, index, children }: { s: StepperStage; index: number; children?: ComponentChildren }) {
  const held = s.step ? why(s.step) : null;
  return (
    <li class={`step step-${s.place}`} data-step={s.stage} aria-current={s.place === 'current' ? 'step' : undefined}>
      <span class="step-marker" aria-hidden="true">
        {s.place === 'done' ? '✓' : String(index + 1)}
      </span>
      <span class="step-body">
        <span class="step-name">{stageName(s.stage)}</span>
        {s.place === 'current' ? <span class="step-current">{t('voting:stepper.current')}</span> : null}
        {children}
        {held ? (
          <span class="step-note" id={`step-note-${s.stage}`}>
            {held}
          </span>
        ) : null}
        {s.stage === 'adopted' && s.place === 'ahead' && !s.step ? (
          <span class="step-note">{t('voting:stepper.adoptedFrom')}</span>
        ) : null}
      </span>
    </li>
  );
}

/** Which form under the steps is open: the reason for a move back, or adoption without a vote. */
export type Opened = { kind: 'back'; to: Stage } | { kind: 'adopt' } | null;
