import { useRef } from 'preact/hooks';
import { ROUTES } from '../../shared/api/routes.js';
import { ActionButton, ActionError } from '../components/actionHooks.js';
import { t } from '../i18n/index.js';
import type { DelegationPage } from './delegationState.js';
import { floorErrorText } from './floorLabels.js';

/** Whether the delegation is on the roll. */
export const onTheRoll = (page: Pick<DelegationPage, 'state' | 'code'>): boolean =>
  page.state.roll?.present.some((p) => p.delegation === page.code) ?? false;

/**
 * The roll on the delegation's page: whether the delegation is recorded present at the meeting, and for the
 * head, while the roll is open, "Check in". Empty while no roll is open and none was taken.
 */
export function CheckInPanel({ page }: { page: DelegationPage }) {
  const line = useRef<HTMLParagraphElement>(null);
  const { roll } = page.state;
  if (!roll) return <div class="roll-check-in" />;
  const present = onTheRoll(page);
  // The button goes once checked in: the focus goes to the line that says so.
  const checkIn = () =>
    void page.actions
      .run('roll:check-in', async (send) => {
        const next = await send.call(ROUTES.checkIn, { params: { id: page.documentId } });
        page.dispatch({ type: 'roll', roll: next });
        page.dispatch({ type: 'said', message: t('meeting:roll.weArePresent') });
      })
      .then((done) => done && line.current?.focus());
  return (
    <div class="roll-check-in">
      <p class="floor-label" ref={line} tabIndex={-1}>
        {present
          ? t('meeting:roll.weArePresent')
          : roll.status === 'open'
            ? t('meeting:roll.openNotYet')
            : t('meeting:roll.weWereAbsent')}
      </p>
      {roll.status === 'open' && !present && page.user.role === 'head' ? (
        <ActionButton actions={page.actions} name="roll:check-in" class="btn btn-primary floor-btn" onClick={checkIn}>
          {t('meeting:roll.checkIn')}
        </ActionButton>
      ) : null}
      <ActionError actions={page.actions} names="roll:check-in" format={floorErrorText} />
    </div>
  );
}
