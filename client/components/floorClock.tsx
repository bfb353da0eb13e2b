import type { FloorEntryJson } from '../../shared/api/floor.js';
import { formatClock, speakerClock, type SpeakerClock } from '../api/floor.js';
import { t } from '../i18n/index.js';
import { useEverySecond } from './useFeed.js';

/** A speaker's clock in words: time left, over time (said in words, not the colour alone), or time spoken. */
export function clockText(clock: SpeakerClock): string {
  if (clock.remaining === null) return t('meeting:clock.spoken', { time: formatClock(clock.elapsed) });
  return clock.over
    ? t('meeting:clock.over', { time: formatClock(-clock.remaining) })
    : t('meeting:clock.left', { time: formatClock(clock.remaining) });
}

/**
 * The current speaker's clock on the server's time (`serverNow`): the time left of the speaking time (over time
 * in the danger colour, with a word, not the colour alone), or the time spoken without a limit. It alone is
 * drawn again each second, not the screen around it; `role="timer"` keeps screen readers from each tick.
 */
export function FloorClock({ entry, serverNow }: { entry: FloorEntryJson; serverNow: () => number }) {
  useEverySecond();
  const clock = speakerClock(entry, serverNow());
  return (
    <span class={`floor-clock${clock.over ? ' floor-clock-over' : ''}`} role="timer">
      {clockText(clock)}
    </span>
  );
}
