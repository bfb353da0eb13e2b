import '../styles/meeting.css';
import type { SilenceChanged } from '../../shared/api/silence.js';
import { SILENCE_MAX_MINUTES } from '../../shared/domain/silence.js';
import { ROUTES } from '../../shared/api/routes.js';
import { can } from '../../shared/domain/permissions.js';
import type { Actions } from '../api/actions.js';
import { actionButton, actionError } from '../components/actionControls.js';
import { SilenceFeed } from '../components/silenceFeed.js';
import { h, replaceKeepingFocus } from '../dom.js';
import { dateTime } from '../i18n/dates.js';
import { t } from '../i18n/index.js';
import { currentUser } from '../session.js';
import { floorErrorText } from './floorLabels.js';
import { SilenceSummary } from './silenceSummary.js';
import { delegationName, type VotingData } from './votingCommon.js';

interface SilencePanelOptions {
  actions: Actions;
  documentId: string;
  data(): VotingData;
  say(message: string): void;
}

/** What a change of the procedure is, in words for a screen reader. */
export function silenceAnnouncement(e: SilenceChanged, data: VotingData): string {
  if (e.change === 'broken') {
    const last = e.silence.breaks.at(-1);
    return t('meeting:silence.announce.broken', { name: delegationName(last?.delegation ?? '', data.delegations) });
  }
  return t(`meeting:silence.announce.${e.change}`, { deadline: dateTime(e.silence.deadline) });
}

/** The form that puts the adoption under silence: minutes, the acknowledgement of an unfinished text, *Put under silence*. */
function startForm(o: SilencePanelOptions, feed: SilenceFeed): HTMLElement {
  const minutes = h('input', {
    id: 'silence-minutes',
    type: 'text',
    inputmode: 'numeric',
    autocomplete: 'off',
    class: 'silence-minutes',
    'aria-describedby': 'silence-minutes-hint',
  }) as HTMLInputElement;
  const acknowledge = h('input', { id: 'silence-acknowledge', type: 'checkbox' }) as HTMLInputElement;
  const start = actionButton(
    o.actions,
    'silence:start',
    { class: 'btn btn-primary floor-btn' },
    t('meeting:silence.start'),
    async (s) => {
      const typed = minutes.value.trim();
      const given = /^\d{1,5}$/.test(typed) ? Number(typed) : NaN;
      if (!(given >= 1 && given <= SILENCE_MAX_MINUTES))
        throw new Error(t('meeting:silence.minutesInvalid', { max: SILENCE_MAX_MINUTES }));
      const body = { subject: 'adoption' as const, minutes: given, acknowledge: acknowledge.checked };
      const silence = await s.call(ROUTES.startSilence, { params: { id: o.documentId }, body });
      feed.accept(silence);
      o.say(t('meeting:silence.started', { deadline: dateTime(silence.deadline) }));
    },
  );
  return h(
    'div',
    { class: 'silence-form' },
    h(
      'div',
      { class: 'field' },
      h('label', { for: 'silence-minutes' }, t('meeting:silence.minutes')),
      minutes,
      h(
        'span',
        { class: 'hint', id: 'silence-minutes-hint' },
        t('meeting:silence.minutesHint', { max: SILENCE_MAX_MINUTES }),
      ),
    ),
    h(
      'div',
      { class: 'field' },
      acknowledge,
      ' ',
      h('label', { for: 'silence-acknowledge' }, t('meeting:silence.acknowledge')),
    ),
    start,
  );
}

/**
 * The silence procedure on the chair's console: in the adoption stage, put the adoption of the text without a
 * vote under silence for a number of minutes; while it runs, the countdown, the statements of any head who
 * broke it, and *Withdraw*. At an unbroken deadline the server adopts the text.
 */
export function SilencePanel(o: SilencePanelOptions): { el: HTMLElement; update(): void; destroy(): void } {
  const feed = new SilenceFeed(
    o.documentId,
    () => update(),
    (e) => o.say(silenceAnnouncement(e, o.data())),
  );
  let summary: { el: HTMLElement; stop(): void } | undefined;
  const body = h('div', { class: 'silence-body' });
  const form = startForm(o, feed);
  const withdraw = actionButton(
    o.actions,
    'silence:withdraw',
    { class: 'btn btn-secondary floor-btn' },
    t('meeting:silence.withdraw'),
    async (s) => {
      feed.accept(await s.call(ROUTES.withdrawSilence, { params: { id: o.documentId } }));
      o.say(t('meeting:silence.withdrawnNow'));
    },
  );
  const el = h(
    'section',
    { class: 'panel silence-panel', 'aria-labelledby': 'chair-silence' },
    h('h2', { id: 'chair-silence' }, t('meeting:silence.title')),
    body,
    actionError(o.actions, ['silence:start', 'silence:withdraw'], floorErrorText),
  );
  function update(): void {
    summary?.stop();
    const silence = feed.silence;
    summary = silence ? SilenceSummary(silence, o.data().delegations) : undefined;
    const running = silence?.status === 'running';
    const canStart = !running && can(currentUser()!, 'silence.start', { stage: o.data().doc.stage });
    replaceKeepingFocus(
      body,
      summary?.el ?? h('p', { class: 'floor-label' }, t('meeting:silence.none')),
      running ? withdraw : null,
      canStart ? form : null,
    );
  }
  void feed.load();
  return {
    el,
    // The stage changed: the form shows only where a procedure may start.
    update,
    destroy: () => {
      summary?.stop();
      feed.destroy();
    },
  };
}
