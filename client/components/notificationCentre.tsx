import '../styles/notifications.css';
import { useEffect, useReducer, useRef, useState } from 'preact/hooks';
import type { SessionUser } from '../../shared/api/auth.js';
import { notificationPath, type NotificationJson } from '../../shared/domain/notifications.js';
import { ROUTES } from '../../shared/api/routes.js';
import { Actions } from '../api/actions.js';
import { call, type Sender } from '../api/http.js';
import { badgeText, centreReducer, EMPTY_CENTRE, type CentreEvent, type CentreState } from '../api/notifications.js';
import { getSocket, type AccordSocket } from '../api/socket.js';
import { ActionButton, ActionError, useActions } from './actionHooks.js';
import { errorMessage, t } from '../i18n/index.js';
import { notificationText, relativeTime } from './notificationWords.js';

/**
 * The notification centre: a bell in the header with the unread count, and the panel it opens (the newest
 * notifications, each linking to where it leads; mark one or all read; older ones on demand). Its state lives
 * here, outside the header, so a navigation or a language change (which draw the header again) keeps it; the
 * socket's events and the person's marks go through one reducer (`client/api/notifications.ts`).
 */

let state: CentreState = EMPTY_CENTRE;
let owner: string | null = null;
let bound: AccordSocket | undefined;
let failed: string | null = null;
const listeners = new Set<() => void>();

function changed(): void {
  for (const fn of [...listeners]) fn();
}

function dispatch(event: CentreEvent): void {
  state = centreReducer(state, event);
  changed();
}

async function loadFirstPage(): Promise<void> {
  try {
    dispatch({ type: 'loaded', page: await call(ROUTES.notifications) });
    failed = null;
  } catch (error) {
    failed = errorMessage(error);
    changed();
  }
}

/** Follows the signed-in person's notifications on this tab's socket (again after a new sign-in). */
function follow(userId: string): void {
  const socket = getSocket();
  if (owner === userId && bound === socket) return;
  if (owner !== userId) state = EMPTY_CENTRE;
  owner = userId;
  bound = socket;
  socket.on('notification:added', (event) => dispatch({ type: 'added', event }));
  socket.on('notifications:read', (event) => dispatch({ type: 'read', event }));
  // Read again on every (re)connection: what was pushed while the socket was down reached nobody.
  socket.on('connect', () => void loadFirstPage());
  if (socket.connected) void loadFirstPage();
}

/** The centre's buttons, each disabled while its request runs (`Actions`), its error shown under the list. */
const actions = new Actions();

async function markRead(send: Sender, body: { ids: string[] } | { all: true }): Promise<void> {
  const { unread } = await send.call(ROUTES.markNotificationsRead, { body });
  const ids = 'all' in body ? ('all' as const) : body.ids;
  dispatch({ type: 'read', event: { ids, readAt: new Date().toISOString(), unread } });
}

async function older(): Promise<void> {
  if (!state.next) return;
  dispatch({ type: 'more', page: await call(ROUTES.notifications, { query: { before: state.next } }) });
}

/** The centre's state, the component drawn again at each change of it. */
function useCentre(): CentreState {
  const [, redraw] = useReducer((n: number) => n + 1, 0);
  const drawn = { state, failed };
  useEffect(() => {
    const listener = () => redraw(0);
    listeners.add(listener);
    // A page that arrived between the drawing and now told nobody.
    if (state !== drawn.state || failed !== drawn.failed) redraw(0);
    return () => void listeners.delete(listener);
  }, []);
  return state;
}

type Role = SessionUser['role'];

/**
 * The bell and its panel, for the header of a signed-in person. The bell is a disclosure button; the panel
 * closes on Escape (the focus back on the bell) and on a click outside it.
 */
export function NotificationCentre({ user }: { user: Pick<SessionUser, 'id' | 'role'> }) {
  follow(user.id);
  const centre = useCentre();
  const [open, setOpen] = useState(false);
  const root = useRef<HTMLDivElement>(null);
  const bell = useRef<HTMLButtonElement>(null);
  useEffect(() => {
    if (!open) return;
    const outside = (event: MouseEvent): void => {
      if (!root.current?.contains(event.target as Node)) setOpen(false);
    };
    document.addEventListener('click', outside);
    return () => document.removeEventListener('click', outside);
  }, [open]);
  const onKeyDown = (event: KeyboardEvent): void => {
    if (event.key !== 'Escape' || !open) return;
    event.stopPropagation();
    setOpen(false);
    bell.current?.focus();
  };
  const badge = badgeText(centre.unread);
  return (
    <div class="notification-centre" ref={root} onKeyDown={onKeyDown}>
      <button
        type="button"
        class="bell"
        id="notification-bell"
        ref={bell}
        aria-expanded={open ? 'true' : 'false'}
        aria-controls="notification-panel"
        aria-label={centre.unread > 0 ? t('notifications:bellUnread', { n: centre.unread }) : t('notifications:bell')}
        onClick={() => setOpen(!open)}
      >
        <BellIcon />
        <span class="bell-badge" aria-hidden="true" hidden={badge === ''}>
          {badge}
        </span>
      </button>
      <section id="notification-panel" class="notification-panel" hidden={!open} aria-labelledby="notification-title">
        <h2 id="notification-title">{t('notifications:title')}</h2>
        <div class="notification-body">
          {open ? <PanelBody centre={centre} role={user.role} close={() => setOpen(false)} /> : null}
        </div>
      </section>
    </div>
  );
}

function PanelBody({ centre, role, close }: { centre: CentreState; role: Role; close(): void }) {
  const names = [
    'notifications-read-all',
    'notifications-email',
    ...centre.items.map((n) => `notification-read:${n.id}`),
  ];
  return (
    <>
      <div class="notification-actions">
        <ActionButton
          actions={actions}
          name="notifications-read-all"
          id="notification-all-read"
          disabled={centre.unread === 0}
          onClick={() => void actions.run('notifications-read-all', (send) => markRead(send, { all: true }))}
        >
          {t('notifications:markAllRead')}
        </ActionButton>
        <EmailToggle centre={centre} />
        <ActionError actions={actions} names={names} />
      </div>
      {failed ? (
        <p class="error" role="alert">
          {t('notifications:loadFailed')} {failed}
        </p>
      ) : centre.loaded && centre.items.length === 0 ? (
        <p class="hint">{t('notifications:empty')}</p>
      ) : (
        <>
          <ul class="notification-list">
            {centre.items.map((n) => (
              <Item key={n.id} n={n} role={role} close={close} />
            ))}
          </ul>
          {centre.next ? (
            <button type="button" id="notification-more" class="link" onClick={() => void older()}>
              {t('notifications:more')}
            </button>
          ) : null}
        </>
      )}
    </>
  );
}

/** "Also e-mail them to …", where the server sends e-mail and the account has an address. */
function EmailToggle({ centre }: { centre: CentreState }) {
  const { busy } = useActions(actions, 'notifications-email');
  const email = centre.email;
  if (!email?.serverSends || !email.address) return null;
  const change = (event: Event): void => {
    const enabled = (event.currentTarget as HTMLInputElement).checked;
    void actions.run('notifications-email', async (send) => {
      dispatch({ type: 'email', email: await send.call(ROUTES.setEmailPreference, { body: { enabled } }) });
    });
  };
  return (
    <p class="notification-email">
      <input
        type="checkbox"
        id="notification-email"
        checked={email.enabled}
        disabled={busy}
        aria-busy={busy ? 'true' : undefined}
        onChange={change}
      />{' '}
      <label for="notification-email">{t('notifications:emailToggle', { address: email.address })}</label>
    </p>
  );
}

function Item({ n, role, close }: { n: NotificationJson; role: Role; close(): void }) {
  const text = notificationText(n);
  const unread = n.readAt === null;
  const read = () => actions.run(`notification-read:${n.id}`, (send) => markRead(send, { ids: [n.id] }));
  return (
    <li class={unread ? 'notification unread' : 'notification'} data-notification-id={n.id}>
      {unread ? <span class="visually-hidden">{`${t('notifications:unread')}: `}</span> : null}
      <a
        href={notificationPath(n, role)}
        id={`notification-link-${n.id}`}
        onClick={() => {
          if (unread) void read();
          close();
        }}
      >
        {text}
      </a>{' '}
      <time dateTime={n.createdAt} class="notification-time">
        {relativeTime(n.createdAt)}
      </time>
      {unread ? (
        <ActionButton
          actions={actions}
          name={`notification-read:${n.id}`}
          class="link notification-read"
          id={`notification-read-${n.id}`}
          aria-label={t('notifications:markReadOf', { what: text })}
          onClick={() => void read()}
        >
          {t('notifications:markRead')}
        </ActionButton>
      ) : null}
    </li>
  );
}

/** The bell, drawn (an emoji is an empty box where the system has no emoji font). */
function BellIcon() {
  return (
    <svg viewBox="0 0 16 16" class="bell-icon" aria-hidden="true">
      <path d="M8 1.5a4 4 0 0 0-4 4v3L2.5 11h11L12 8.5v-3a4 4 0 0 0-4-4ZM6.5 13a1.5 1.5 0 0 0 3 0" />
    </svg>
  );
}
