import '../styles/meeting.css';
import { useLayoutEffect } from 'preact/hooks';
import type { FloorEntryJson } from '../../shared/api/floor.js';
import { speakerClock } from '../api/floor.js';
import { Drawn } from '../components/bridge.js';
import { clockText } from '../components/floorClock.js';
import { FloorFeed } from '../components/floorFeed.js';
import { useEverySecond, useFeed } from '../components/useFeed.js';
import { t } from '../i18n/index.js';
import { floorEntryLine } from './floorLabels.js';
import type { VotingData } from './votingCommon.js';

/** How many of those waiting the big screen shows after the speaker. */
export const PROJECTOR_NEXT = 3;

/** A request on one line (flag, name, kind, what it is on), drawn again only when the request changes. */
const EntryLine = ({ entry, data }: { entry: FloorEntryJson; data: VotingData }) => (
  <Drawn draw={() => floorEntryLine(entry, data)} from={[entry.id, entry.kind, data.delegations]} inline />
);

/**
 * The speaker's clock: time left, over time (in words and the danger colour), or time spoken. It ticks on its
 * own, so the screen around it is not drawn again; `role="timer"` keeps screen readers from reading each tick.
 */
function SpeakerClock({ entry, feed }: { entry: FloorEntryJson; feed: FloorFeed }) {
  useEverySecond();
  const clock = speakerClock(entry, feed.serverNow());
  return (
    <span class={`floor-clock${clock.over ? ' floor-clock-over' : ''}`} role="timer">
      {clockText(clock)}
    </span>
  );
}

export interface ProjectorFloorProps {
  documentId: string;
  data: VotingData;
  /** Called after the band changed (shown, hidden, another speaker): the screen fits what is left below it. */
  drawn(): void;
}

/**
 * The floor on the big screen: the current speaker with the clock, and the next few on the list. Hidden while
 * nobody speaks or waits. It owns its feed of the floor, which only filters the events of the room the
 * projector already follows.
 */
export function ProjectorFloor({ documentId, data, drawn }: ProjectorFloorProps) {
  const feed = useFeed((changed) => new FloorFeed(documentId, changed));
  const floor = feed.floor;
  useLayoutEffect(() => drawn(), [floor]);
  const next = floor?.queue.slice(0, PROJECTOR_NEXT) ?? [];
  const hidden = !floor || (!floor.current && next.length === 0);
  return (
    <section class="projector-floor" aria-label={t('meeting:floor.title')} hidden={hidden}>
      {!hidden && floor.current ? (
        <p class="projector-speaker">
          <span class="projector-label">{`${t('meeting:floor.speaking')} `}</span>
          <EntryLine entry={floor.current} data={data} /> <SpeakerClock entry={floor.current} feed={feed} />
        </p>
      ) : null}
      {!hidden && next.length ? (
        <div class="projector-next">
          <span class="projector-label">{`${t('meeting:floor.next')} `}</span>
          <ol>
            {next.map((entry) => (
              <li key={entry.id}>
                <EntryLine entry={entry} data={data} />
              </li>
            ))}
          </ol>
          {floor.queue.length > next.length ? (
            <span class="projector-more">{t('meeting:floor.more', { count: floor.queue.length - next.length })}</span>
          ) : null}
        </div>
      ) : null}
    </section>
  );
}
