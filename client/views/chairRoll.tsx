import '../styles/meeting.css';
import { ROUTES } from '../../shared/api/routes.js';
import { ActionButton, ActionError, useActions } from '../components/actionHooks.js';
import { CountryFlag } from '../components/flag.js';
import { RollFeed } from '../components/rollFeed.js';
import { useFeed } from '../components/useFeed.js';
import { t } from '../i18n/index.js';
import type { MeetingPanelProps } from './chairFloor.js';
import { floorErrorText } from './floorLabels.js';
import { byName, delegationName } from './votingCommon.js';

/** One delegation's box on the open roll: checked when present; a change records it at once. */
function PresenceBox({ o, feed, code, name }: { o: MeetingPanelProps; feed: RollFeed; code: string; name: string }) {
  const action = `roll:${code}`;
  const { busy } = useActions(o.actions, action);
  const id = `roll-${code}`;
  const change = (e: Event): void => {
    const present = (e.currentTarget as HTMLInputElement).checked;
    void o.actions.run(action, async (s) =>
      feed.accept(
        await s.call(ROUTES.recordPresence, { params: { id: o.documentId }, body: { delegation: code, present } }),
      ),
    );
  };
  return (
    <li>
      {/* While the change is on its way the box shows what the chair pressed, not the roll as it stood. */}
      <input
        type="checkbox"
        id={id}
        checked={busy ? undefined : feed.isPresent(code)}
        disabled={busy}
        onChange={change}
      />
      <label for={id}>
        <CountryFlag code={code} /> {name}
      </label>
    </li>
  );
}

/**
 * The roll on the chair's console: open one for the meeting, tick the delegations present (heads may check
 * in meanwhile), close it. Once closed, who was present; votes then count present from it.
 */
export function RollPanel(o: MeetingPanelProps) {
  const feed = useFeed((changed) => new RollFeed(o.documentId, changed));
  const roll = feed.roll;
  const delegations = byName(o.data.delegations);
  const count = t('meeting:roll.count', { present: roll?.present.length ?? 0, total: delegations.length });
  const open = (): void =>
    void o.actions.run('roll:open', async (s) => {
      feed.accept(await s.call(ROUTES.openRoll, { params: { id: o.documentId }, body: {} }));
      o.say(t('meeting:roll.opened'));
    });
  const close = (): void =>
    void o.actions.run('roll:close', async (s) => {
      feed.accept(await s.call(ROUTES.closeRoll, { params: { id: o.documentId } }));
      o.say(t('meeting:roll.closedNow'));
    });
  return (
    <section class="panel roll-panel" aria-labelledby="chair-roll">
      <h2 id="chair-roll">{t('meeting:roll.title')}</h2>
      <div class="roll-body">
        {!roll || roll.status === 'closed' ? (
          <>
            <p class="floor-label">{roll ? `${t('meeting:roll.closed')} ${count}` : t('meeting:roll.none')}</p>
            <ActionButton actions={o.actions} name="roll:open" class="btn btn-secondary floor-btn" onClick={open}>
              {t('meeting:roll.open')}
            </ActionButton>
          </>
        ) : (
          <>
            <p class="floor-label" id="roll-count">
              {count}
            </p>
            <ul class="roll-list" aria-labelledby="roll-count">
              {delegations.map((d) => (
                <PresenceBox key={d.code} o={o} feed={feed} code={d.code} name={delegationName(d.code, delegations)} />
              ))}
            </ul>
            <ActionButton actions={o.actions} name="roll:close" class="btn btn-primary floor-btn" onClick={close}>
              {t('meeting:roll.close')}
            </ActionButton>
          </>
        )}
      </div>
      <ActionError actions={o.actions} names={['roll:open', 'roll:close']} format={floorErrorText} />
    </section>
  );
}
