import { ROUTES } from '../../shared/api/routes.js';
import type { Actions } from '../api/actions.js';
import { actionButton, actionError } from '../components/actionControls.js';
import { RollFeed } from '../components/rollFeed.js';
import { h, replaceKeepingFocus } from '../dom.js';
import { t } from '../i18n/index.js';
import { floorErrorText } from './floorLabels.js';

/**
 * The roll on the delegation's page: whether the delegation is recorded present at the meeting, and for the
 * head, while the roll is open, "Check in". Empty while no roll is open and none was taken.
 */
export function CheckInPanel(o: {
  actions: Actions;
  documentId: string;
  code: string;
  isHead: boolean;
  say(message: string): void;
}): { el: HTMLElement; destroy(): void } {
  const feed = new RollFeed(o.documentId, () => update());
  const el = h('div', { class: 'roll-check-in' });
  function update(): void {
    const roll = feed.roll;
    if (!roll) return replaceKeepingFocus(el);
    const present = feed.isPresent(o.code);
    replaceKeepingFocus(
      el,
      h(
        'p',
        { class: 'floor-label' },
        present
          ? t('meeting:roll.weArePresent')
          : roll.status === 'open'
            ? t('meeting:roll.openNotYet')
            : t('meeting:roll.weWereAbsent'),
      ),
      roll.status === 'open' && !present && o.isHead
        ? actionButton(
            o.actions,
            'roll:check-in',
            { class: 'btn btn-primary floor-btn' },
            t('meeting:roll.checkIn'),
            async (s) => {
              feed.accept(await s.call(ROUTES.checkIn, { params: { id: o.documentId } }));
              o.say(t('meeting:roll.weArePresent'));
            },
          )
        : null,
      actionError(o.actions, 'roll:check-in', floorErrorText),
    );
  }
  void feed.load();
  return { el, destroy: () => feed.destroy() };
}
