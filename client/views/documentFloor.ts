import '../styles/meeting.css';
import { countryName } from '../../shared/domain/countries.js';
import { FloorClock } from '../components/floorClock.js';
import { FloorFeed } from '../components/floorFeed.js';
import { flag } from './votingCommon.js';
import { h, replaceChildren } from '../dom.js';
import { currentLanguage, t } from '../i18n/index.js';
import { extendDocumentView } from './DocumentView.js';

/**
 * On every document page, one line in the tools row while someone has the floor or waits for it: who speaks,
 * on which clause, the clock, and how many wait — so every participant follows the floor beside the text.
 */
extendDocumentView((page) => {
  const line = h('p', { class: 'document-floor', hidden: true });
  const feed = new FloorFeed(page.documentId, () => draw());
  const clock = FloorClock(() => feed.serverNow());
  function draw(): void {
    const floor = feed.floor;
    line.hidden = !floor || (!floor.current && floor.queue.length === 0);
    clock.show(floor?.current ?? null);
    if (!floor || line.hidden) return;
    const { current } = floor;
    const on = current?.subject;
    const subject = on?.type === 'clause' ? page.data.clauses.find((c) => c.id === on.id)?.ref : undefined;
    replaceChildren(
      line,
      current
        ? [
            h('span', { class: 'floor-label' }, `${t('meeting:floor.speaking')} `),
            flag(current.delegation),
            ' ',
            h('strong', null, countryName(current.delegation, currentLanguage())),
            subject ? ` · ${subject}` : null,
            ' ',
            clock.el,
            ' · ',
          ]
        : null,
      t('meeting:floor.waiting', { count: floor.queue.length }),
    );
  }
  page.toolbar.append(line);
  void feed.load();
  return () => {
    feed.destroy();
    clock.destroy();
  };
});
