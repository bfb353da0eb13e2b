import '../styles/meeting.css';
import { FloorClock } from '../components/floorClock.js';
import { FloorFeed } from '../components/floorFeed.js';
import { h, replaceChildren } from '../dom.js';
import { t } from '../i18n/index.js';
import { floorEntryLine } from './floorLabels.js';
import type { VotingData } from './votingCommon.js';

/** How many of those waiting the big screen shows after the speaker. */
export const PROJECTOR_NEXT = 3;

/**
 * The floor on the big screen: the current speaker with the clock, and the next few on the list. Hidden while
 * nobody speaks or waits. One element for the projector's life: its clock ticks without redrawing the screen.
 */
export function ProjectorFloor(
  documentId: string,
  data: () => VotingData,
  changed: () => void,
): {
  el: HTMLElement;
  update(): void;
  destroy(): void;
} {
  const feed = new FloorFeed(documentId, () => {
    update();
    changed();
  });
  const clock = FloorClock(() => feed.serverNow());
  const el = h('section', { class: 'projector-floor', 'aria-label': t('meeting:floor.title'), hidden: true });
  const update = (): void => {
    const floor = feed.floor;
    const next = floor?.queue.slice(0, PROJECTOR_NEXT) ?? [];
    el.hidden = !floor || (!floor.current && next.length === 0);
    clock.show(floor?.current ?? null);
    if (!floor || el.hidden) return;
    replaceChildren(
      el,
      floor.current
        ? h(
            'p',
            { class: 'projector-speaker' },
            h('span', { class: 'projector-label' }, `${t('meeting:floor.speaking')} `),
            floorEntryLine(floor.current, data()),
            ' ',
            clock.el,
          )
        : null,
      next.length
        ? h(
            'div',
            { class: 'projector-next' },
            h('span', { class: 'projector-label' }, `${t('meeting:floor.next')} `),
            h(
              'ol',
              null,
              next.map((entry) => h('li', null, floorEntryLine(entry, data()))),
            ),
            floor.queue.length > next.length
              ? h(
                  'span',
                  { class: 'projector-more' },
                  t('meeting:floor.more', { count: floor.queue.length - next.length }),
                )
              : null,
          )
        : null,
    );
  };
  void feed.load();
  return {
    el,
    update,
    destroy() {
      feed.destroy();
      clock.destroy();
    },
  };
}
