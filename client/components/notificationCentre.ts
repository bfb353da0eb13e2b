import '../styles/notifications.css';
import { notificationPath, type NotificationJson } from '../../shared/domain/notifications.js';
import { ROUTES } from '../../shared/api/routes.js';
import { Actions } from '../api/actions.js';
import { call, type Sender } from '../api/http.js';
import { badgeText, centreReducer, EMPTY_CENTRE, type CentreEvent, type CentreState } from '../api/notifications.js';
import { getSocket, type AccordSocket } from '../api/socket.js';
import { h, replaceKeepingFocus } from '../dom.js';
import { actionButton, actionError, bindAction } from './actionControls.js';
import { errorMessage, t } from '../i18n/index.js';
import { currentUser } from '../session.js';
import { notificationText, relativeTime } from './notificationWords.js';

/**
 * The notification centre: a bell in the header with the unread count, and the panel it opens (the newest
 * notifications, each linking to where it leads; mark one or all read; older ones on demand). Its state lives
 * here, outside the frame, so a navigation (which rebuilds the header) keeps it; the socket's events and the
 * person's marks go through one reducer (`client/api/notifications.ts`).
 */

let state: CentreState = EMPTY_CENTRE;
let owner: string | null = null;
let bound: AccordSocket | undefined;
let failed: string | null = null;
const listeners = new Set<() => void>();

function dispatch(event: CentreEvent): void {
  state = centreReducer(state, event);
  for (const fn of [...listeners]) fn();
}

async function loadFirstPage(): Promise<void> {
  try {
    dispatch({ type: 'loaded', page: await call(ROUTES.notifications) });
    failed = null;
  } catch (error) {
    failed = errorMessage(error);
    for (const fn of [...listeners]) fn();
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

/** The bell and its panel, for the header; none without a signed-in person. */
export function notificationCentre(): HTMLElement | null {
  const user = currentUser();
  if (!user) return null;
  follow(user.id);
  const badge = h('span', { class: 'bell-badge', 'aria-hidden': 'true' });
  const bell = h(
    'button',
    {
      type: 'button',
      class: 'bell',
      id: 'notification-bell',
      'aria-expanded': 'false',
      'aria-controls': 'notification-panel',
    },
    bellIcon(),
    badge,
  );
  const list = h('div', { class: 'notification-body' });
  const panel = h(
    'section',
    { id: 'notification-panel', class: 'notification-panel', hidden: true, 'aria-labelledby': 'notification-title' },
    h('h2', { id: 'notification-title' }, t('notifications:title')),
    list,
  );
  const root = h('div', { class: 'notification-centre' }, bell, panel);
  const open = (show: boolean, focusBell = false): void => {
    panel.hidden = !show;
    bell.setAttribute('aria-expanded', String(show));
    if (show) draw();
    if (focusBell) bell.focus();
  };
  const draw = (): void => {
    const text = badgeText(state.unread);
    badge.textContent = text;
    badge.hidden = text === '';
    bell.setAttribute(
      'aria-label',
      state.unread > 0 ? t('notifications:bellUnread', { n: state.unread }) : t('notifications:bell'),
    );
    if (!panel.hidden) replaceKeepingFocus(list, ...panelBody(user.role, () => open(false)));
  };
  const redraw = (): void => {
    if (!root.isConnected && root.dataset.drawn)
      listeners.delete(redraw); // a header since rebuilt
    else draw();
  };
  listeners.add(redraw);
  bell.addEventListener('click', () => open(panel.hidden));
  root.addEventListener('keydown', (event) => {
    if (event.key === 'Escape' && !panel.hidden) {
      event.stopPropagation();
      open(false, true);
    }
  });
  document.addEventListener('click', function outside(event) {
    if (!root.isConnected) return document.removeEventListener('click', outside);
    if (!panel.hidden && !root.contains(event.target as Node)) open(false);
  });
  draw();
  return root;
}

type Role = Parameters<typeof notificationPath>[1];

function panelBody(role: Role, close: () => void): HTMLElement[] {
  const head = h(
    'div',
    { class: 'notification-actions' },
    actionButton(
      actions,
      'notifications-read-all',
      { id: 'notification-all-read' },
      t('notifications:markAllRead'),
      (send) => markRead(send, { all: true }),
      { disabled: () => state.unread === 0 },
    ),
    emailToggle(),
    actionError(actions, [
      'notifications-read-all',
      'notifications-email',
      ...state.items.map((n) => `notification-read:${n.id}`),
    ]),
  );
  if (failed) return [head, h('p', { class: 'error', role: 'alert' }, t('notifications:loadFailed'), ' ', failed)];
  if (state.loaded && state.items.length === 0) return [head, h('p', { class: 'hint' }, t('notifications:empty'))];
  const items = h('ul', { class: 'notification-list' }, ...state.items.map((n) => item(n, role, close)));
  const more = state.next
    ? h(
        'button',
        { type: 'button', id: 'notification-more', class: 'link', onclick: () => void older() },
        t('notifications:more'),
      )
    : null;
  return more ? [head, items, more] : [head, items];
}

/** "Also e-mail them to …", where the server sends e-mail and the account has an address. */
function emailToggle(): HTMLElement | null {
  const email = state.email;
  if (!email?.serverSends || !email.address) return null;
  const box = h('input', { type: 'checkbox', id: 'notification-email', checked: email.enabled });
  box.addEventListener('change', () => {
    const enabled = box.checked;
    void actions.run('notifications-email', async (send) => {
      dispatch({ type: 'email', email: await send.call(ROUTES.setEmailPreference, { body: { enabled } }) });
    });
  });
  return h(
    'p',
    { class: 'notification-email' },
    bindAction(actions, 'notifications-email', box),
    ' ',
    h('label', { for: 'notification-email' }, t('notifications:emailToggle', { address: email.address })),
  );
}

async function older(): Promise<void> {
  if (!state.next) return;
  dispatch({ type: 'more', page: await call(ROUTES.notifications, { query: { before: state.next } }) });
}

function item(n: NotificationJson, role: Role, close: () => void): HTMLElement {
  const text = notificationText(n);
  const unread = n.readAt === null;
  return h(
    'li',
    { class: unread ? 'notification unread' : 'notification', 'data-notification-id': n.id },
    unread ? h('span', { class: 'visually-hidden' }, `${t('notifications:unread')}: `) : null,
    h(
      'a',
      {
        href: notificationPath(n, role),
        id: `notification-link-${n.id}`,
        onclick: () => {
          if (unread) void actions.run(`notification-read:${n.id}`, (send) => markRead(send, { ids: [n.id] }));
          close();
        },
      },
      text,
    ),
    ' ',
    h('time', { datetime: n.createdAt, class: 'notification-time' }, relativeTime(n.createdAt)),
    unread
      ? actionButton(
          actions,
          `notification-read:${n.id}`,
          {
            class: 'link notification-read',
            id: `notification-read-${n.id}`,
            'aria-label': t('notifications:markReadOf', { what: text }),
          },
          t('notifications:markRead'),
          (send) => markRead(send, { ids: [n.id] }),
        )
      : null,
  );
}

/** The bell, drawn (an emoji is an empty box where the system has no emoji font). */
function bellIcon(): SVGSVGElement {
  const ns = 'http://www.w3.org/2000/svg';
  const svg = document.createElementNS(ns, 'svg');
  svg.setAttribute('viewBox', '0 0 16 16');
  svg.setAttribute('class', 'bell-icon');
  svg.setAttribute('aria-hidden', 'true');
  const path = document.createElementNS(ns, 'path');
  path.setAttribute('d', 'M8 1.5a4 4 0 0 0-4 4v3L2.5 11h11L12 8.5v-3a4 4 0 0 0-4-4ZM6.5 13a1.5 1.5 0 0 0 3 0');
  svg.append(path);
  return svg;
}
