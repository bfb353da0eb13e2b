import { LANGUAGES, type Language } from '../shared/domain/countries.js';
import { Actions } from './api/actions.js';
import { actionButton } from './components/actionControls.js';
import { toast } from './components/ui.js';
import { notificationCentre } from './components/notificationCentre.js';
import { h } from './dom.js';
import { currentLanguage, LANGUAGE_NAMES, setLanguage, t } from './i18n/index.js';
import { currentUser, signOut } from './session.js';
import { navigate } from './router.js';

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

/**
 * The page frame: skip link, header (app name, role-aware navigation, language switch, who is signed in,
 * sign out) and the main region views render into. Rebuilt on language change and sign-in.
 */
export function renderFrame(root: HTMLElement, currentPath: string): HTMLElement {
  const user = currentUser();
  const main = h('main', { id: 'main', tabindex: '-1' });
  const language = h(
    'select',
    {
      id: 'language',
      'aria-label': t('nav.language'),
      onchange: (e: Event) => {
        const select = e.target as HTMLSelectElement;
        // The language's words load on first use: when they cannot, the switch goes back and says why.
        setLanguage(select.value as Language).catch(() => {
          select.value = currentLanguage();
          toast(t('errors.network'), 'danger');
        });
      },
    },
    LANGUAGES.map((lng) =>
      h('option', { value: lng, selected: lng === currentLanguage(), lang: lng }, LANGUAGE_NAMES[lng]),
    ),
  );
  const nav = user
    ? h(
        'nav',
        { 'aria-label': t('nav.main') },
        h(
          'ul',
          null,
          navItems
            .filter((item) => item.visible(user.role))
            .map((item) =>
              h(
                'li',
                null,
                h(
                  'a',
                  { href: item.href, 'aria-current': currentPath.startsWith(item.href) ? 'page' : null },
                  item.label(),
                ),
              ),
            ),
        ),
      )
    : null;
  const account = user
    ? h(
        'div',
        { class: 'account' },
        h('span', { class: 'who' }, user.displayName, h('span', { class: 'role' }, ` · ${t(`roles.${user.role}`)}`)),
        actionButton(new Actions(), 'sign-out', { class: 'link' }, t('nav.signOut'), async () => {
          try {
            await signOut();
          } finally {
            navigate('/login');
          }
        }),
      )
    : null;
  root.replaceChildren(
    h('a', { class: 'skip-link', href: '#main' }, t('nav.skipToContent')),
    h(
      'header',
      { class: 'app-header' },
      h('a', { class: 'brand', href: user ? '/' : '/login' }, t('app.name')),
      nav,
      h('div', { class: 'header-end' }, notificationCentre(), language, account),
    ),
    main,
  );
  return main;
}
