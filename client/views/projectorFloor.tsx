import '../styles/meeting.css';
import { useLayoutEffect } from 'preact/hooks';
import { FloorClock } from '../components/floorClock.js';
import { FloorFeed } from '../components/floorFeed.js';
import { useFeed } from '../components/useFeed.js';
import { t } from '../i18n/index.js';
import { FloorEntryLine } from './floorLabels.js';
import type { VotingData } from './votingCommon.js';

/** How many of those waiting the big screen shows after the speaker. */
export const PROJECTOR_NEXT = 3;

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
          <FloorEntryLine entry={floor.current} data={data} />{' '}
          <FloorClock entry={floor.current} serverNow={() => feed.serverNow()} />
        </p>
      ) : null}
      {!hidden && next.length ? (
        <div class="projector-next">
          <span class="projector-label">{`${t('meeting:floor.next')} `}</span>
          <ol>
            {next.map((entry) => (
              <li key={entry.id}>
                <FloorEntryLine entry={entry} data={data} />
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
