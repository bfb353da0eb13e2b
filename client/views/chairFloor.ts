import '../styles/meeting.css';
import type { FloorEntryJson, FloorJson } from '../../shared/api/floor.js';
import { MAX_SPEAKING_SECONDS } from '../../shared/domain/floor.js';
import { ROUTES } from '../../shared/api/routes.js';
import type { Actions } from '../api/actions.js';
import type { Sender } from '../api/http.js';
import { actionButton, actionError } from '../components/actionControls.js';
import { FloorClock } from '../components/floorClock.js';
import { FloorFeed } from '../components/floorFeed.js';
import { emptyState } from '../components/ui.js';
import { h, replaceKeepingFocus } from '../dom.js';
import { t } from '../i18n/index.js';
import { delegationName, type VotingData } from './votingCommon.js';
import { floorEntryLine, floorErrorText } from './floorLabels.js';

interface FloorPanelOptions {
  actions: Actions;
  documentId: string;
  data(): VotingData;
  say(message: string): void;
}

const ACTIONS = ['floor:end', 'floor:open', 'floor:time'];

/** One of the chair's buttons on the floor: the answer is the floor as it now stands. */
function floorButton(
  o: FloorPanelOptions & { feed: FloorFeed },
  name: string,
  attrs: Record<string, unknown>,
  label: string,
  send: (s: Sender) => Promise<FloorJson>,
  announce?: (floor: FloorJson) => string,
  disabled?: () => boolean,
): HTMLButtonElement {
  const perform = async (s: Sender): Promise<void> => {
    const floor = await send(s);
    o.feed.accept(floor);
    if (announce) o.say(announce(floor));
  };
  const attributes = { class: 'btn btn-secondary floor-btn', ...attrs };
  return actionButton(o.actions, name, attributes, label, perform, disabled ? { disabled } : {});
}

/** A waiting request with the chair's controls: give the floor, up, down, skip. */
function queueItem(
  o: FloorPanelOptions & { feed: FloorFeed },
  entry: FloorEntryJson,
  index: number,
  length: number,
): HTMLElement {
  const params = { id: o.documentId, requestId: entry.id };
  const name = delegationName(entry.delegation, o.data().delegations);
  const move = (direction: 'up' | 'down') =>
    floorButton(
      o,
      `floor:${entry.id}`,
      {
        'aria-label': t(`meeting:chair.move.${direction}`, { name }),
        title: t(`meeting:chair.move.${direction}`, { name }),
      },
      direction === 'up' ? '↑' : '↓',
      (s) => s.call(ROUTES.moveFloorRequest, { params, body: { direction } }),
      undefined,
      // First up and last down would change nothing.
      () => (direction === 'up' ? index === 0 : index === length - 1),
    );
  return h(
    'li',
    { class: 'floor-queue-item', 'data-request': entry.id },
    floorEntryLine(entry, o.data()),
    h(
      'span',
      { class: 'floor-queue-actions' },
      floorButton(
        o,
        `floor:${entry.id}`,
        { class: 'btn btn-primary floor-btn floor-grant', 'aria-label': t('meeting:chair.grantTo', { name }) },
        t('meeting:chair.grant'),
        (s) => s.call(ROUTES.grantFloor, { params }),
        () => t('meeting:announce.granted', { name }),
      ),
      move('up'),
      move('down'),
      floorButton(
        o,
        `floor:${entry.id}`,
        { 'aria-label': t('meeting:chair.skipName', { name }) },
        t('meeting:chair.skip'),
        (s) => s.call(ROUTES.skipFloorRequest, { params }),
      ),
    ),
    actionError(o.actions, `floor:${entry.id}`, floorErrorText),
  );
}

/** The speaking time field and the list's open/closed switch: built once, so what the chair typed stays. */
function settingsForm(o: FloorPanelOptions & { feed: FloorFeed }): { el: HTMLElement; update(floor: FloorJson): void } {
  const minutes = h('input', {
    id: 'floor-minutes',
    type: 'number',
    min: '0',
    max: String(MAX_SPEAKING_SECONDS / 60),
    step: '0.5',
    inputmode: 'decimal',
    class: 'floor-minutes',
  }) as HTMLInputElement;
  const setTime = floorButton(o, 'floor:time', {}, t('meeting:chair.setTime'), (s) => {
    const value = Number(minutes.value);
    const seconds = minutes.value.trim() === '' || value <= 0 ? null : Math.round(value * 60);
    return s.call(ROUTES.floorSettings, { params: { id: o.documentId }, body: { speakingTimeSeconds: seconds } });
  });
  const toggle = h('span', { class: 'floor-toggle' });
  const el = h(
    'div',
    { class: 'floor-settings' },
    h('label', { for: 'floor-minutes' }, t('meeting:chair.speakingTime')),
    minutes,
    setTime,
    toggle,
  );
  let shownSeconds: number | null | undefined;
  return {
    el,
    update(floor) {
      if (floor.speakingTimeSeconds !== shownSeconds) {
        shownSeconds = floor.speakingTimeSeconds;
        minutes.value = shownSeconds === null ? '' : String(shownSeconds / 60);
      }
      const open = floor.open;
      replaceKeepingFocus(
        toggle,
        floorButton(
          o,
          'floor:open',
          { id: 'floor-list-toggle' },
          open ? t('meeting:chair.closeList') : t('meeting:chair.reopenList'),
          (s) => s.call(ROUTES.floorSettings, { params: { id: o.documentId }, body: { open: !open } }),
          (f) => (f.open ? t('meeting:announce.reopened') : t('meeting:announce.closed')),
        ),
      );
    },
  };
}

/**
 * The chair's floor: who speaks now with the clock and the way to end, then the list in order, each with
 * "Give the floor", up, down and skip; the speaking time and closing the list below. Drawn from the feed.
 */
export function FloorPanel(options: FloorPanelOptions): { el: HTMLElement; destroy(): void } {
  const feed = new FloorFeed(options.documentId, () => update());
  const o = { ...options, feed };
  const clock = FloorClock(() => feed.serverNow());
  const current = h('div', { class: 'floor-current' });
  const queue = h('div', { class: 'floor-queue' });
  const settings = settingsForm(o);
  const el = h(
    'section',
    { class: 'panel floor-panel', 'aria-labelledby': 'chair-floor' },
    h('h2', { id: 'chair-floor' }, t('meeting:floor.title')),
    current,
    queue,
    settings.el,
    actionError(o.actions, ACTIONS, floorErrorText),
  );
  const update = (): void => {
    const floor = o.feed.floor;
    if (!floor) return;
    clock.show(floor.current);
    replaceKeepingFocus(
      current,
      floor.current
        ? [
            h('p', { class: 'floor-label' }, t('meeting:floor.speaking')),
            h('p', { class: 'floor-speaker' }, floorEntryLine(floor.current, o.data()), ' ', clock.el),
            floorButton(
              o,
              'floor:end',
              { class: 'btn btn-secondary floor-btn floor-end' },
              t('meeting:chair.end'),
              (s) => s.call(ROUTES.endSpeaker, { params: { id: o.documentId } }),
            ),
          ]
        : h('p', { class: 'floor-label' }, t('meeting:floor.nobody')),
    );
    replaceKeepingFocus(
      queue,
      h('h3', { id: 'chair-floor-list' }, t('meeting:floor.list', { count: floor.queue.length })),
      floor.open ? null : h('p', { class: 'floor-closed' }, t('meeting:floor.closed')),
      floor.queue.length
        ? h(
            'ol',
            { class: 'floor-list', 'aria-labelledby': 'chair-floor-list' },
            floor.queue.map((entry, i) => queueItem(o, entry, i, floor.queue.length)),
          )
        : emptyState(t('meeting:floor.empty')),
    );
    settings.update(floor);
    o.actions.recheck();
  };
  void feed.load();
  return {
    el,
    destroy() {
      feed.destroy();
      clock.destroy();
    },
  };
}
