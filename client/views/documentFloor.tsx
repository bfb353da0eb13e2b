import '../styles/meeting.css';
import type { FloorEntryJson } from '../../shared/api/floor.js';
import { countryName } from '../../shared/domain/countries.js';
import { speakerClock } from '../api/floor.js';
import { Drawn } from '../components/bridge.js';
import { clockText } from '../components/floorClock.js';
import { FloorFeed } from '../components/floorFeed.js';
import { useEverySecond, useFeed } from '../components/useFeed.js';
import { currentLanguage, t } from '../i18n/index.js';
import { extendDocumentView, type DocumentPageProps } from './DocumentView.js';
import { flag } from './votingCommon.js';

/**
 * On every document page, one line in the tools row while someone has the floor or waits for it: who speaks,
 * on which clause, the clock, and how many wait — so every participant follows the floor beside the text.
 */
export function DocumentFloor({ page }: { page: DocumentPageProps }) {
  const feed = useFeed((changed) => new FloorFeed(page.documentId, changed));
  const { floor } = feed;
  if (!floor || (!floor.current && floor.queue.length === 0)) return <p class="document-floor" hidden />;
  const { current } = floor;
  const on = current?.subject;
  const subject = on?.type === 'clause' ? page.data.clauses.find((c) => c.id === on.id)?.ref : undefined;
  return (
    <p class="document-floor">
      {current ? (
        <>
          <span class="floor-label">{`${t('meeting:floor.speaking')} `}</span>
          <Drawn draw={() => flag(current.delegation)} from={[current.delegation]} inline />{' '}
          <strong>{countryName(current.delegation, currentLanguage())}</strong>
          {subject ? ` · ${subject}` : null} <FloorClock entry={current} serverNow={() => feed.serverNow()} />
          {' · '}
        </>
      ) : null}
      {t('meeting:floor.waiting', { count: floor.queue.length })}
    </p>
  );
}

/**
 * The speaker's clock on the server's time: the time left (over time said in words, not the colour alone), or
 * the time spoken. It alone is drawn again each second; `role="timer"` keeps screen readers from each tick.
 */
function FloorClock({ entry, serverNow }: { entry: FloorEntryJson; serverNow: () => number }) {
  useEverySecond();
  const clock = speakerClock(entry, serverNow());
  return (
    <span class={`floor-clock${clock.over ? ' floor-clock-over' : ''}`} role="timer">
      {clockText(clock)}
    </span>
  );
}

extendDocumentView({ toolbar: DocumentFloor });
