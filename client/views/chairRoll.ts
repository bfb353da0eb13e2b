import '../styles/meeting.css';
import { ROUTES } from '../../shared/api/routes.js';
import type { Actions } from '../api/actions.js';
import { actionButton, actionError, bindAction } from '../components/actionControls.js';
import { RollFeed } from '../components/rollFeed.js';
import { h, replaceKeepingFocus } from '../dom.js';
import { t } from '../i18n/index.js';
import { floorErrorText } from './floorLabels.js';
import { byName, delegationName, flag, type VotingData } from './votingCommon.js';

interface RollPanelOptions {
  actions: Actions;
  documentId: string;
  data(): VotingData;
  say(message: string): void;
}

/** One delegation's box on the open roll: checked when present; a change records it at once. */
function presenceBox(o: RollPanelOptions, feed: RollFeed, code: string, name: string): HTMLElement {
  const id = `roll-${code}`;
  const box = h('input', { type: 'checkbox', id, checked: feed.isPresent(code) }) as HTMLInputElement;
  box.addEventListener('change', () => {
    const present = box.checked;
    void o.actions.run(`roll:${code}`, async (s) =>
      feed.accept(
        await s.call(ROUTES.recordPresence, { params: { id: o.documentId }, body: { delegation: code, present } }),
      ),
    );
  });
  return h('li', null, bindAction(o.actions, `roll:${code}`, box), h('label', { for: id }, flag(code), ' ', name));
}

/**
 * The roll on the chair's console: open one for the meeting, tick the delegations present (heads may check
 * in meanwhile), close it. Once closed, who was present; votes then count present from it.
 */
export function RollPanel(o: RollPanelOptions): { el: HTMLElement; destroy(): void } {
  const feed = new RollFeed(o.documentId, () => update());
  const body = h('div', { class: 'roll-body' });
  const el = h(
    'section',
    { class: 'panel roll-panel', 'aria-labelledby': 'chair-roll' },
    h('h2', { id: 'chair-roll' }, t('meeting:roll.title')),
    body,
    actionError(o.actions, ['roll:open', 'roll:close'], floorErrorText),
  );
  const openButton = (): HTMLElement =>
    actionButton(
      o.actions,
      'roll:open',
      { class: 'btn btn-secondary floor-btn' },
      t('meeting:roll.open'),
      async (s) => {
        feed.accept(await s.call(ROUTES.openRoll, { params: { id: o.documentId }, body: {} }));
        o.say(t('meeting:roll.opened'));
      },
    );
  function update(): void {
    const roll = feed.roll;
    const delegations = byName(o.data().delegations);
    const count = t('meeting:roll.count', { present: roll?.present.length ?? 0, total: delegations.length });
    if (!roll || roll.status === 'closed') {
      replaceKeepingFocus(
        body,
        h('p', { class: 'floor-label' }, roll ? `${t('meeting:roll.closed')} ${count}` : t('meeting:roll.none')),
        openButton(),
      );
      return;
    }
    replaceKeepingFocus(
      body,
      h('p', { class: 'floor-label', id: 'roll-count' }, count),
      h(
        'ul',
        { class: 'roll-list', 'aria-labelledby': 'roll-count' },
        delegations.map((d) => presenceBox(o, feed, d.code, delegationName(d.code, delegations))),
      ),
      actionButton(
        o.actions,
        'roll:close',
        { class: 'btn btn-primary floor-btn' },
        t('meeting:roll.close'),
        async (s) => {
          feed.accept(await s.call(ROUTES.closeRoll, { params: { id: o.documentId } }));
          o.say(t('meeting:roll.closedNow'));
        },
      ),
    );
  }
  void feed.load();
  return { el, destroy: () => feed.destroy() };
}
