import '../styles/meeting.css';
import { countryName } from '../../shared/domain/countries.js';
import { CountryFlag } from '../components/flag.js';
import { FloorClock } from '../components/floorClock.js';
import { FloorFeed } from '../components/floorFeed.js';
import { useFeed } from '../components/useFeed.js';
import { currentLanguage, t } from '../i18n/index.js';
import { extendDocumentView, type DocumentPageProps } from './DocumentView.js';

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
          <CountryFlag code={current.delegation} />{' '}
          <strong>{countryName(current.delegation, currentLanguage())}</strong>
          {subject ? ` · ${subject}` : null} <FloorClock entry={current} serverNow={() => feed.serverNow()} />
          {' · '}
        </>
      ) : null}
      {t('meeting:floor.waiting', { count: floor.queue.length })}
    </p>
  );
}

extendDocumentView({ toolbar: DocumentFloor });
