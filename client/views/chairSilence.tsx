import '../styles/meeting.css';
import { useRef } from 'preact/hooks';
import type { SilenceChanged } from '../../shared/api/silence.js';
import { SILENCE_MAX_MINUTES } from '../../shared/domain/silence.js';
import { ROUTES } from '../../shared/api/routes.js';
import { can } from '../../shared/domain/permissions.js';
import { ActionButton, ActionError } from '../components/actionHooks.js';
import { SilenceFeed } from '../components/silenceFeed.js';
import { useFeed } from '../components/useFeed.js';
import { dateTime } from '../i18n/dates.js';
import { t } from '../i18n/index.js';
import { currentUser } from '../session.js';
import type { MeetingPanelProps } from './chairFloor.js';
import { floorErrorText } from './floorLabels.js';
import { SilenceSummary } from './silenceSummary.js';
import { delegationName, type VotingData } from './votingCommon.js';

/** What a change of the procedure is, in words for a screen reader. */
export function silenceAnnouncement(e: SilenceChanged, data: VotingData): string {
  if (e.change === 'broken') {
    const last = e.silence.breaks.at(-1);
    return t('meeting:silence.announce.broken', { name: delegationName(last?.delegation ?? '', data.delegations) });
  }
  return t(`meeting:silence.announce.${e.change}`, { deadline: dateTime(e.silence.deadline) });
}

/**
 * The form that puts the adoption under silence: minutes, the acknowledgement of an unfinished text, *Put
 * under silence*. Its fields are uncontrolled (read at the press), so what the chair typed stays.
 */
function StartForm({ o, feed }: { o: MeetingPanelProps; feed: SilenceFeed }) {
  const form = useRef<HTMLDivElement>(null);
  const start = (): void =>
    void o.actions.run('silence:start', async (s) => {
      const field = (id: string) => form.current!.querySelector<HTMLInputElement>(`#${id}`)!;
      const typed = field('silence-minutes').value.trim();
      const given = /^\d{1,5}$/.test(typed) ? Number(typed) : NaN;
      if (!(given >= 1 && given <= SILENCE_MAX_MINUTES))
        throw new Error(t('meeting:silence.minutesInvalid', { max: SILENCE_MAX_MINUTES }));
      const body = { subject: 'adoption' as const, minutes: given, acknowledge: field('silence-acknowledge').checked };
      const silence = await s.call(ROUTES.startSilence, { params: { id: o.documentId }, body });
      feed.accept(silence);
      o.say(t('meeting:silence.started', { deadline: dateTime(silence.deadline) }));
    });
  return (
    <div class="silence-form" ref={form}>
      <div class="field">
        <label for="silence-minutes">{t('meeting:silence.minutes')}</label>
        <input
          id="silence-minutes"
          type="text"
          inputMode="numeric"
          autocomplete="off"
          class="silence-minutes"
          aria-describedby="silence-minutes-hint"
        />
        <span class="hint" id="silence-minutes-hint">
          {t('meeting:silence.minutesHint', { max: SILENCE_MAX_MINUTES })}
        </span>
      </div>
      <div class="field">
        <input id="silence-acknowledge" type="checkbox" />{' '}
        <label for="silence-acknowledge">{t('meeting:silence.acknowledge')}</label>
      </div>
      <ActionButton actions={o.actions} name="silence:start" class="btn btn-primary floor-btn" onClick={start}>
        {t('meeting:silence.start')}
      </ActionButton>
    </div>
  );
}

/**
 * The silence procedure on the chair's console: in the adoption stage, put the adoption of the text without a
 * vote under silence for a number of minutes; while it runs, the countdown, the statements of any head who
 * broke it, and *Withdraw*. At an unbroken deadline the server adopts the text.
 */
export function SilencePanel(o: MeetingPanelProps) {
  const data = useRef(o.data);
  data.current = o.data;
  const feed = useFeed(
    (changed) => new SilenceFeed(o.documentId, changed, (e) => o.say(silenceAnnouncement(e, data.current))),
  );
  const silence = feed.silence;
  const running = silence?.status === 'running';
  const canStart = !running && can(currentUser()!, 'silence.start', { stage: o.data.doc.stage });
  const withdraw = (): void =>
    void o.actions.run('silence:withdraw', async (s) => {
      feed.accept(await s.call(ROUTES.withdrawSilence, { params: { id: o.documentId } }));
      o.say(t('meeting:silence.withdrawnNow'));
    });
  return (
    <section class="panel silence-panel" aria-labelledby="chair-silence">
      <h2 id="chair-silence">{t('meeting:silence.title')}</h2>
      <div class="silence-body">
        {silence ? (
          <SilenceSummary silence={silence} delegations={o.data.delegations} />
        ) : (
          <p class="floor-label">{t('meeting:silence.none')}</p>
        )}
        {running ? (
          <ActionButton
            actions={o.actions}
            name="silence:withdraw"
            class="btn btn-secondary floor-btn"
            onClick={withdraw}
          >
            {t('meeting:silence.withdraw')}
          </ActionButton>
        ) : null}
        {canStart ? <StartForm o={o} feed={feed} /> : null}
      </div>
      <ActionError actions={o.actions} names={['silence:start', 'silence:withdraw']} format={floorErrorText} />
    </section>
  );
}
