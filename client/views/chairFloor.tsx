import '../styles/meeting.css';
import type { FloorEntryJson, FloorJson } from '../../shared/api/floor.js';
import { MAX_SPEAKING_SECONDS } from '../../shared/domain/floor.js';
import { ROUTES } from '../../shared/api/routes.js';
import type { Actions } from '../api/actions.js';
import type { Sender } from '../api/http.js';
import { ActionButton, ActionError } from '../components/actionHooks.js';
import { FloorClock } from '../components/floorClock.js';
import { FloorFeed } from '../components/floorFeed.js';
import { EmptyState } from '../components/system.js';
import { useFeed } from '../components/useFeed.js';
import { t } from '../i18n/index.js';
import { FloorEntryLine, floorErrorText } from './floorLabels.js';
import { delegationName, type VotingData } from './votingCommon.js';

export interface MeetingPanelProps {
  actions: Actions;
  documentId: string;
  data: VotingData;
  say(message: string): void;
}

const ACTIONS = ['floor:end', 'floor:open', 'floor:time'];

interface FloorProps extends MeetingPanelProps {
  feed: FloorFeed;
}

/** One of the chair's buttons on the floor: the answer is the floor as it now stands. */
function FloorButton({
  o,
  name,
  send,
  announce,
  class: className = 'btn btn-secondary floor-btn',
  children,
  ...attrs
}: {
  o: FloorProps;
  name: string;
  send: (s: Sender) => Promise<FloorJson>;
  announce?: (floor: FloorJson) => string;
  class?: string;
  id?: string;
  title?: string;
  'aria-label'?: string;
  disabled?: boolean;
  children: string;
}) {
  const press = (): void =>
    void o.actions.run(name, async (s) => {
      const floor = await send(s);
      o.feed.accept(floor);
      if (announce) o.say(announce(floor));
    });
  return (
    <ActionButton actions={o.actions} name={name} class={className} {...attrs} onClick={press}>
      {children}
    </ActionButton>
  );
}

/** A waiting request with the chair's controls: give the floor, up, down, skip. */
function QueueItem({
  o,
  entry,
  index,
  length,
}: {
  o: FloorProps;
  entry: FloorEntryJson;
  index: number;
  length: number;
}) {
  const params = { id: o.documentId, requestId: entry.id };
  const name = delegationName(entry.delegation, o.data.delegations);
  const action = `floor:${entry.id}`;
  const move = (direction: 'up' | 'down') => (
    <FloorButton
      o={o}
      name={action}
      aria-label={t(`meeting:chair.move.${direction}`, { name })}
      title={t(`meeting:chair.move.${direction}`, { name })}
      send={(s) => s.call(ROUTES.moveFloorRequest, { params, body: { direction } })}
      // First up and last down would change nothing.
      disabled={direction === 'up' ? index === 0 : index === length - 1}
    >
      {direction === 'up' ? '↑' : '↓'}
    </FloorButton>
  );
  return (
    <li class="floor-queue-item" data-request={entry.id}>
      <FloorEntryLine entry={entry} data={o.data} />
      <span class="floor-queue-actions">
        <FloorButton
          o={o}
          name={action}
          class="btn btn-primary floor-btn floor-grant"
          aria-label={t('meeting:chair.grantTo', { name })}
          send={(s) => s.call(ROUTES.grantFloor, { params })}
          announce={() => t('meeting:announce.granted', { name })}
        >
          {t('meeting:chair.grant')}
        </FloorButton>
        {move('up')}
        {move('down')}
        <FloorButton
          o={o}
          name={action}
          aria-label={t('meeting:chair.skipName', { name })}
          send={(s) => s.call(ROUTES.skipFloorRequest, { params })}
        >
          {t('meeting:chair.skip')}
        </FloorButton>
      </span>
      <ActionError actions={o.actions} names={action} format={floorErrorText} />
    </li>
  );
}

/**
 * The speaking time field and the list's open/closed switch. The field is uncontrolled: what the chair types
 * stays; it is set again (a new key) only when the speaking time itself changes.
 */
function Settings({ o, floor }: { o: FloorProps; floor: FloorJson }) {
  const seconds = floor.speakingTimeSeconds;
  const setTime = (s: Sender): Promise<FloorJson> => {
    const field = document.getElementById('floor-minutes') as HTMLInputElement;
    const value = Number(field.value);
    const speakingTimeSeconds = field.value.trim() === '' || value <= 0 ? null : Math.round(value * 60);
    return s.call(ROUTES.floorSettings, { params: { id: o.documentId }, body: { speakingTimeSeconds } });
  };
  return (
    <div class="floor-settings">
      <label for="floor-minutes">{t('meeting:chair.speakingTime')}</label>
      <input
        key={String(seconds)}
        id="floor-minutes"
        type="number"
        min="0"
        max={String(MAX_SPEAKING_SECONDS / 60)}
        step="0.5"
        inputMode="decimal"
        class="floor-minutes"
        defaultValue={seconds === null ? '' : String(seconds / 60)}
      />
      <FloorButton o={o} name="floor:time" send={setTime}>
        {t('meeting:chair.setTime')}
      </FloorButton>
      <span class="floor-toggle">
        <FloorButton
          o={o}
          name="floor:open"
          id="floor-list-toggle"
          send={(s) => s.call(ROUTES.floorSettings, { params: { id: o.documentId }, body: { open: !floor.open } })}
          announce={(f) => (f.open ? t('meeting:announce.reopened') : t('meeting:announce.closed'))}
        >
          {floor.open ? t('meeting:chair.closeList') : t('meeting:chair.reopenList')}
        </FloorButton>
      </span>
    </div>
  );
}

/**
 * The chair's floor: who speaks now with the clock and the way to end, then the list in order, each with
 * "Give the floor", up, down and skip; the speaking time and closing the list below. Drawn from its feed.
 */
export function FloorPanel(props: MeetingPanelProps) {
  const feed = useFeed((changed) => new FloorFeed(props.documentId, changed));
  const o: FloorProps = { ...props, feed };
  const floor = feed.floor;
  return (
    <section class="panel floor-panel" aria-labelledby="chair-floor">
      <h2 id="chair-floor">{t('meeting:floor.title')}</h2>
      {floor ? (
        <>
          <div class="floor-current">
            {floor.current ? (
              <>
                <p class="floor-label">{t('meeting:floor.speaking')}</p>
                <p class="floor-speaker">
                  <FloorEntryLine entry={floor.current} data={o.data} />{' '}
                  <FloorClock entry={floor.current} serverNow={() => feed.serverNow()} />
                </p>
                <FloorButton
                  o={o}
                  name="floor:end"
                  class="btn btn-secondary floor-btn floor-end"
                  send={(s) => s.call(ROUTES.endSpeaker, { params: { id: o.documentId } })}
                >
                  {t('meeting:chair.end')}
                </FloorButton>
              </>
            ) : (
              <p class="floor-label">{t('meeting:floor.nobody')}</p>
            )}
          </div>
          <div class="floor-queue">
            <h3 id="chair-floor-list">{t('meeting:floor.list', { count: floor.queue.length })}</h3>
            {floor.open ? null : <p class="floor-closed">{t('meeting:floor.closed')}</p>}
            {floor.queue.length ? (
              <ol class="floor-list" aria-labelledby="chair-floor-list">
                {floor.queue.map((entry, i) => (
                  <QueueItem key={entry.id} o={o} entry={entry} index={i} length={floor.queue.length} />
                ))}
              </ol>
            ) : (
              <EmptyState message={t('meeting:floor.empty')} />
            )}
          </div>
          <Settings o={o} floor={floor} />
        </>
      ) : null}
      <ActionError actions={o.actions} names={ACTIONS} format={floorErrorText} />
    </section>
  );
}
