import type { DelegationJson } from '../../shared/api/admin.js';
import type { SilenceJson } from '../../shared/api/silence.js';
import { CountryFlag } from '../components/flag.js';
import { remainingText } from '../components/silenceFeed.js';
import { Chip } from '../components/system.js';
import type { ChipTone } from '../components/ui.js';
import { useEverySecond } from '../components/useFeed.js';
import { dateTime } from '../i18n/dates.js';
import { t } from '../i18n/index.js';
import { delegationName } from './votingCommon.js';

const TONE: Record<SilenceJson['status'], ChipTone> = {
  running: 'accent',
  broken: 'warn',
  passed: 'ok',
  withdrawn: 'neutral',
};

/**
 * A silence procedure as the chair and the delegations see it: what is under silence and its state, the
 * deadline with a countdown while it runs, and the statements that broke it.
 */
export function SilenceSummary({ silence, delegations }: { silence: SilenceJson; delegations: DelegationJson[] }) {
  return (
    <div class="silence-summary">
      <p class="floor-label">
        <Chip tone={TONE[silence.status]}>{t(`meeting:silence.status.${silence.status}`)}</Chip>{' '}
        {t('meeting:silence.subject')}
      </p>
      <p class="silence-deadline">{t('meeting:silence.deadline', { deadline: dateTime(silence.deadline) })}</p>
      {silence.status === 'running' ? <Countdown deadline={silence.deadline} /> : null}
      {silence.breaks.length > 0 ? (
        <>
          <h3 class="silence-statements-title">{t('meeting:silence.statements')}</h3>
          <ul class="silence-statements">
            {silence.breaks.map((b, i) => (
              <li key={i}>
                <CountryFlag code={b.delegation} />{' '}
                <strong>{t('meeting:silence.statementBy', { name: delegationName(b.delegation, delegations) })}</strong>{' '}
                <span class="silence-statement">{b.statement}</span>
              </li>
            ))}
          </ul>
        </>
      ) : null}
    </div>
  );
}

/** The time left until the deadline: a `timer` (not read aloud each second), alone drawn again each second. */
function Countdown({ deadline }: { deadline: string }) {
  useEverySecond();
  return (
    <p class="silence-countdown" role="timer">
      {t('meeting:silence.remaining', { time: remainingText(deadline, Date.now()) })}
    </p>
  );
}
