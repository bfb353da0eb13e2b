import { render } from 'preact';
import type { SessionUser } from '../shared/api/auth.js';
import { LANGUAGES, type Language } from '../shared/domain/countries.js';
import { Actions } from './api/actions.js';
import { ActionButton } from './components/actionHooks.js';
import { mount } from './components/bridge.js';
import { NotificationCentre } from './components/notificationCentre.js';
import { Skeleton } from './components/system.js';
import { toast } from './components/toasts.js';
import { currentLanguage, LANGUAGE_NAMES, setLanguage, t } from './i18n/index.js';
import { navigate } from './router.js';
import { currentUser, signOut } from './session.js';

/** A navigation entry; features add theirs in main.ts. */
export interface NavItem {
  href: string;
  label: () => string;
  visible: (role: string) => boolean;
}

const navItems: NavItem[] = [];

export function addNavItem(item: NavItem): void {
  navItems.push(item);
}

/** Signing out: disabled while its request runs. */
const session = new Actions();

/**
 * The page frame: skip link, header (app name, role-aware navigation, language switch, who is signed in,
 * sign out) and the main region views are put in. Drawn again on each navigation, language change and sign-in:
 * what stays is kept (the switch keeps the focus), and `<main>` is the same element throughout.
 */
export function Frame({ path, user }: { path: string; user: SessionUser | null }) {
  return (
    <>
      <a class="skip-link" href="#main">
        {t('nav.skipToContent')}
      </a>
      <header class="app-header">
        <a class="brand" href={user ? '/' : '/login'}>
          {t('app.name')}
        </a>
        {user ? <MainNav path={path} role={user.role} /> : null}
        <div class="header-end">
          {user ? <NotificationCentre user={user} /> : null}
          <LanguageSwitch />
          {user ? <Account user={user} /> : null}
        </div>
      </header>
      {/* Its content is the route's view, put there by main.ts: Preact draws nothing in it. */}
      <main id="main" tabIndex={-1} />
    </>
  );
}

function MainNav({ path, role }: { path: string; role: string }) {
  return (
    <nav aria-label={t('nav.main')}>
      <ul>
        {navItems
          .filter((item) => item.visible(role))
          .map((item) => (
            <li key={item.href}>
              <a href={item.href} aria-current={path.startsWith(item.href) ? 'page' : undefined}>
                {item.label()}
              </a>
            </li>
          ))}
      </ul>
    </nav>
  );
}

/** The interface language; its words load on first use, and when they cannot, the switch goes back and says why. */
function LanguageSwitch() {
  const change = (event: Event): void => {
    const select = event.currentTarget as HTMLSelectElement;
    setLanguage(select.value as Language).catch(() => {
      select.value = currentLanguage();
      toast(t('errors.network'), 'danger');
    });
  };
  return (
    <select id="language" aria-label={t('nav.language')} value={currentLanguage()} onChange={change}>
      {LANGUAGES.map((lng) => (
        <option key={lng} value={lng} lang={lng}>
          {LANGUAGE_NAMES[lng]}
        </option>
      ))}
    </select>
  );
}

function Account({ user }: { user: SessionUser }) {
  const out = (): void =>
    void session.run('sign-out', async () => {
      try {
        await signOut();
      } finally {
        navigate('/login');
      }
    });
  return (
    <div class="account">
      <span class="who">
        {user.displayName}
        <span class="role">{` · ${t(`roles.${user.role}`)}`}</span>
      </span>
      <ActionButton actions={session} name="sign-out" class="link" onClick={out}>
        {t('nav.signOut')}
      </ActionButton>
    </div>
  );
}

/** Draws the frame for `currentPath` in `root` and returns its `<main>`, where the route's view goes. */
export function renderFrame(root: HTMLElement, currentPath: string): HTMLElement {
  render(<Frame path={currentPath} user={currentUser()} />, root);
  return root.querySelector<HTMLElement>('#main')!;
}

/** What `<main>` shows while a view takes more than a moment to arrive. */
export function loadingView(): HTMLElement {
  return mount(<Skeleton lines={6} label={t('common.loading')} class="loading" />).el;
}
