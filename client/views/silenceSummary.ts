import type { SilenceJson } from '../../shared/api/silence.js';
import { chip, type ChipTone } from '../components/ui.js';
import { remainingText } from '../components/silenceFeed.js';
import { h } from '../dom.js';
import { dateTime } from '../i18n/dates.js';
import { t } from '../i18n/index.js';
import type { DelegationJson } from '../../shared/api/admin.js';
import { delegationName, flag } from './votingCommon.js';

const TONE: Record<SilenceJson['status'], ChipTone> = {
  running: 'accent',
  broken: 'warn',
  passed: 'ok',
  withdrawn: 'neutral',
};

/**
 * A silence procedure as the chair and the delegations see it: what is under silence and its state, the
 * deadline with a countdown while it runs, and the statements that broke it. The countdown is a `timer` (not
 * read aloud each second); `tick()` refreshes it, `stop()` ends the ticking.
 */
export function SilenceSummary(silence: SilenceJson, delegations: DelegationJson[]): { el: HTMLElement; stop(): void } {
  const countdown = h('p', { class: 'silence-countdown', role: 'timer' });
  const tick = (): void => {
    const text = t('meeting:silence.remaining', { time: remainingText(silence.deadline, Date.now()) });
    if (countdown.textContent !== text) countdown.textContent = text;
  };
  const running = silence.status === 'running';
  let timer: ReturnType<typeof setInterval> | undefined;
  if (running) {
    tick();
    timer = setInterval(tick, 1000);
  }
  const el = h(
    'div',
    { class: 'silence-summary' },
    h(
      'p',
      { class: 'floor-label' },
      chip(TONE[silence.status], t(`meeting:silence.status.${silence.status}`)),
      ' ',
      t('meeting:silence.subject'),
    ),
    h('p', { class: 'silence-deadline' }, t('meeting:silence.deadline', { deadline: dateTime(silence.deadline) })),
    running ? countdown : null,
    silence.breaks.length > 0
      ? [
          h('h3', { class: 'silence-statements-title' }, t('meeting:silence.statements')),
          h(
            'ul',
            { class: 'silence-statements' },
            silence.breaks.map((b) =>
              h(
                'li',
                null,
                flag(b.delegation),
                ' ',
                h(
                  'strong',
                  null,
                  t('meeting:silence.statementBy', { name: delegationName(b.delegation, delegations) }),
                ),
                ' ',
                h('span', { class: 'silence-statement' }, b.statement),
              ),
            ),
          ),
        ]
      : null,
  );
  return { el, stop: () => clearInterval(timer) };
}
