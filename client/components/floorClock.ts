import type { FloorEntryJson } from '../../shared/api/floor.js';
import { formatClock, speakerClock, type SpeakerClock } from '../api/floor.js';
import { h } from '../dom.js';
import { t } from '../i18n/index.js';

/** A speaker's clock in words: time left, over time (said in words, not the colour alone), or time spoken. */
export function clockText(clock: SpeakerClock): string {
  if (clock.remaining === null) return t('meeting:clock.spoken', { time: formatClock(clock.elapsed) });
  return clock.over
    ? t('meeting:clock.over', { time: formatClock(-clock.remaining) })
    : t('meeting:clock.left', { time: formatClock(clock.remaining) });
}

/**
 * The current speaker's clock: the time left of the speaking time (over time in the danger colour, with a
 * word, not the colour alone), or the time spoken without a limit. Ticks every second on its own element, so
 * the screen around it is not drawn again; `role="timer"` keeps screen readers from announcing each tick.
 */
export function FloorClock(serverNow: () => number): {
  el: HTMLElement;
  show(entry: FloorEntryJson | null): void;
  destroy(): void;
} {
  const el = h('span', { class: 'floor-clock', role: 'timer' });
  let entry: FloorEntryJson | null = null;
  const tick = (): void => {
    if (!entry) {
      el.hidden = true;
      return;
    }
    el.hidden = false;
    const clock = speakerClock(entry, serverNow());
    const text = clockText(clock);
    if (el.textContent !== text) el.textContent = text;
    el.classList.toggle('floor-clock-over', clock.over);
  };
  const timer = setInterval(tick, 1000);
  return {
    el,
    show(next) {
      entry = next;
      tick();
    },
    destroy: () => clearInterval(timer),
  };
}
