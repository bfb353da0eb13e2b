// @vitest-environment happy-dom
import { act } from 'preact/test-utils';
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import type { SessionUser } from '../shared/api/auth.js';
import type { NotificationJson } from '../shared/api/notifications.js';
import { mount } from './components/bridge.js';
import { initI18n } from './i18n/index.js';
import { addNavItem, Frame } from './layout.js';

// The centre follows the person's room on the tab's socket: here a socket that is connected and says nothing.
vi.mock('./api/socket.js', () => {
  const socket = { on: () => undefined, connected: true };
  return { getSocket: () => socket };
});

const user = { id: 'u1', username: 'kaz-head', displayName: 'Aigerim Sadykova', role: 'head' } as SessionUser;
const note: NotificationJson = {
  id: 'n1',
  kind: 'vote_opened',
  documentId: 'd',
  params: { voteId: 'v1', subject: 'OP3' },
  createdAt: new Date().toISOString(),
  readAt: null,
};

function serve(): void {
  vi.stubGlobal('fetch', async (path: string) => {
    const body = path.startsWith('/api/notifications')
      ? { notifications: [note], unread: 1, next: null, email: { enabled: false, address: null, serverSends: false } }
      : { error: { id: 'not_found', message: 'no' } };
    return new Response(JSON.stringify(body), { status: 200, headers: { 'content-type': 'application/json' } });
  });
}

/** The frame on the page (the centre's outside clicks are heard on the document). */
function frame(path: string, who: SessionUser | null) {
  const host = document.body.appendChild(document.createElement('div'));
  return mount(<Frame path={path} user={who} />, host);
}

describe('the page frame', () => {
  beforeAll(async () => {
    await initI18n();
    addNavItem({ href: '/documents', label: () => 'Documents', visible: () => true });
    addNavItem({ href: '/admin', label: () => 'Administration', visible: (role) => role === 'admin' });
  });
  afterEach(() => {
    vi.unstubAllGlobals();
    document.body.replaceChildren();
  });

  it('gives a visitor the skip link, the name leading to sign-in, the language switch and an empty <main>', () => {
    const { el } = frame('/login', null);
    expect(el.querySelector('a.skip-link')!.getAttribute('href')).toBe('#main');
    expect(el.querySelector('a.brand')!.getAttribute('href')).toBe('/login');
    expect(el.querySelector('nav')).toBeNull();
    expect(el.querySelector('#notification-bell')).toBeNull();
    expect(el.querySelector('.account')).toBeNull();
    const language = el.querySelector<HTMLSelectElement>('select#language')!;
    expect(language.value).toBe('en');
    expect([...language.options].map((o) => o.lang)).toEqual(['en', 'ru', 'kk']);
    const main = el.querySelector('main#main')!;
    expect(main.getAttribute('tabindex')).toBe('-1');
    expect(main.childNodes).toHaveLength(0);
  });

  it('shows a signed-in person the navigation for their role, who they are, the bell and sign-out', () => {
    serve();
    const { el } = frame('/documents/d', user);
    const links = [...el.querySelectorAll('nav[aria-label] a')];
    expect(links.map((a) => a.textContent)).toEqual(['Documents']);
    expect(links[0]!.getAttribute('aria-current')).toBe('page');
    expect(el.querySelector('.account .who')!.textContent).toBe('Aigerim Sadykova · Head of delegation');
    expect(el.querySelector('.account button.link')!.textContent).toBe('Sign out');
    expect(el.querySelector('#notification-bell')!.getAttribute('aria-expanded')).toBe('false');
  });

  it('is drawn again in place: the view in <main> and the focus on the switch stay', async () => {
    serve();
    const mounted = frame('/documents', user);
    const main = mounted.el.querySelector('main')!;
    const view = main.appendChild(document.createElement('section'));
    mounted.el.querySelector<HTMLSelectElement>('#language')!.focus();
    await act(() => mounted.update(<Frame path="/admin" user={user} />));
    expect(mounted.el.querySelector('main')).toBe(main);
    expect(main.firstChild).toBe(view);
    expect(document.activeElement?.id).toBe('language');
    expect(mounted.el.querySelector('nav a')!.hasAttribute('aria-current')).toBe(false);
  });
});

describe('the notification centre', () => {
  beforeAll(() => initI18n());
  afterEach(() => {
    vi.unstubAllGlobals();
    document.body.replaceChildren();
  });

  it('counts the unread, opens by its bell, and closes on Escape (the focus back on the bell) or a click outside', async () => {
    serve();
    const { el } = frame('/documents', user);
    const bell = el.querySelector<HTMLButtonElement>('#notification-bell')!;
    await vi.waitFor(() => expect(bell.getAttribute('aria-label')).toBe('Notifications: 1 unread'));
    expect(bell.querySelector('.bell-badge')!.textContent).toBe('1');
    const panel = el.querySelector<HTMLElement>('#notification-panel')!;
    expect(panel.hidden).toBe(true);

    await act(() => bell.click());
    expect(panel.hidden).toBe(false);
    expect(bell.getAttribute('aria-expanded')).toBe('true');
    const item = panel.querySelector('li.notification.unread[data-notification-id="n1"]')!;
    expect(item.querySelector('a')!.getAttribute('href')).toMatch(/^\/documents\/d\//);
    expect(item.querySelector('.notification-time')!.textContent).toBe('just now');
    expect(item.querySelector('#notification-read-n1')!.getAttribute('aria-label')).toMatch(/^Mark as read: /);
    expect(panel.querySelector<HTMLButtonElement>('#notification-all-read')!.disabled).toBe(false);

    panel.querySelector<HTMLElement>('#notification-all-read')!.focus();
    await act(() => {
      document.activeElement!.dispatchEvent(new KeyboardEvent('keydown', { key: 'Escape', bubbles: true }));
    });
    expect(panel.hidden).toBe(true);
    expect(document.activeElement).toBe(bell);

    await act(() => bell.click());
    expect(panel.hidden).toBe(false);
    await act(() => document.body.click());
    expect(panel.hidden).toBe(true);
  });
});
