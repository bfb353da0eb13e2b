import '../styles/languages.css';
import type { DelegationJson, LoginLinkJson } from '../../shared/api/admin.js';
import { dateTime } from '../i18n/dates.js';
import { translatesCell, translationLanguagesField } from './adminTranslators.js';
import { ROLES } from '../../shared/domain/roles.js';
import { countryName, LANGUAGES } from '../../shared/domain/countries.js';
import { Actions } from '../api/actions.js';
import { call } from '../api/http.js';
import { actionError, bindAction } from '../components/actionControls.js';
import { h } from '../dom.js';
import { currentLanguage, LANGUAGE_NAMES, t } from '../i18n/index.js';
import type { View } from '../router.js';
import { ROUTES, type AccountJson as Account } from '../../shared/api/routes.js';

/** What the admin page's sections share. */
interface AdminContext {
  actions: Actions;
  delegations: DelegationJson[];
  /** A delegation's name in the interface language. */
  name(code: string): string;
  /** Draws the page again from the server (after an addition). */
  reload(): Promise<void>;
  /** The page's status line. */
  say(message: string): void;
}

/** The delegations, and the form that adds one. */
function DelegationsSection(ctx: AdminContext): HTMLElement[] {
  const code = h('input', {
    id: 'delegation-code',
    maxlength: 3,
    required: true,
    pattern: '[A-Za-z]{3}',
    autocapitalize: 'characters',
    class: 'short',
  });
  const onsubmit = (e: Event): void => {
    e.preventDefault();
    const body = { code: code.value };
    void ctx.actions.run('delegation', async (send) => {
      await send.call(ROUTES.createDelegation, { body });
      await ctx.reload();
    });
  };
  const delegationForm = h(
    'form',
    { class: 'inline-form', onsubmit },
    h('label', { for: 'delegation-code' }, t('admin.delegationCode')),
    code,
    bindAction(
      ctx.actions,
      'delegation',
      h('button', { type: 'submit', id: 'delegation-submit' }, t('admin.addDelegation')),
    ),
    actionError(ctx.actions, 'delegation'),
  );
  const delegationList = h(
    'ul',
    { class: 'columns' },
    ctx.delegations.map((d) =>
      h('li', null, h('strong', null, d.code), ` ${ctx.name(d.code)} — ${t('admin.members', { count: d.members })}`),
    ),
  );
  return [h('h2', null, t('admin.delegations')), delegationForm, delegationList];
}

/** The role a new account is offered with: an observer reads, and nothing more. */
const NEW_ACCOUNT_ROLE = 'observer';

/** The form that adds an account. */
function userForm(ctx: AdminContext): HTMLElement {
  const fields = {
    username: h('input', { id: 'new-username', required: true, autocomplete: 'off' }),
    displayName: h('input', { id: 'new-name', required: true }),
    // The least a new account can do, until the person creating it chooses more.
    role: h(
      'select',
      { id: 'new-role' },
      ROLES.map((r) => h('option', { value: r, defaultSelected: r === NEW_ACCOUNT_ROLE }, t(`roles.${r}`))),
    ),
    delegation: h(
      'select',
      { id: 'new-delegation' },
      h('option', { value: '' }, t('admin.none')),
      ctx.delegations.map((d) => h('option', { value: d.code }, `${d.code} — ${ctx.name(d.code)}`)),
    ),
    password: h('input', { id: 'new-password', type: 'password', autocomplete: 'new-password', minlength: 8 }),
    translates: translationLanguagesField('new-translates', 'new-translates-label'),
    email: h('input', { id: 'new-email', type: 'email', autocomplete: 'off', maxlength: 254 }),
    language: h(
      'select',
      { id: 'new-mail-language' },
      h('option', { value: '' }, t('admin.none')),
      LANGUAGES.map((lng) => h('option', { value: lng, lang: lng }, LANGUAGE_NAMES[lng])),
    ),
  };
  const onsubmit = (e: Event): void => {
    e.preventDefault();
    // The options are the roles: this finds the one chosen, typed.
    const role = ROLES.find((r) => r === fields.role.value);
    if (!role) return;
    const body = {
      username: fields.username.value,
      displayName: fields.displayName.value,
      role,
      delegation: fields.delegation.value || null,
      ...(fields.password.value ? { password: fields.password.value } : {}),
      translationLanguages: fields.translates.chosen(),
      ...(fields.email.value.trim() ? { email: fields.email.value } : {}),
      language: LANGUAGES.find((lng) => lng === fields.language.value) ?? null,
    };
    void ctx.actions.run('user', async (send) => {
      await send.call(ROUTES.createUser, { body });
      await ctx.reload();
    });
  };
  return h(
    'form',
    { class: 'grid-form', onsubmit },
    h('label', { for: 'new-username' }, t('admin.username')),
    fields.username,
    h('label', { for: 'new-name' }, t('admin.displayName')),
    fields.displayName,
    h('label', { for: 'new-role' }, t('admin.role')),
    fields.role,
    h('label', { for: 'new-delegation' }, t('admin.delegation')),
    fields.delegation,
    h('label', { for: 'new-password' }, t('admin.password')),
    fields.password,
    h('span', { id: 'new-translates-label' }, t('languages:admin.translates')),
    fields.translates.el,
    h('label', { for: 'new-email' }, t('admin.email')),
    fields.email,
    h('label', { for: 'new-mail-language' }, t('admin.mailLanguage')),
    fields.language,
    h('span'),
    bindAction(ctx.actions, 'user', h('button', { type: 'submit', id: 'user-submit' }, t('admin.addUser'))),
    h('span'),
    actionError(ctx.actions, 'user'),
  );
}

/** The accounts, and the form that adds one. */
function UsersSection(ctx: AdminContext, users: Account[]): HTMLElement[] {
  const userTable = h(
    'table',
    { class: 'data' },
    h(
      'thead',
      null,
      h(
        'tr',
        null,
        h('th', { scope: 'col' }, t('admin.username')),
        h('th', { scope: 'col' }, t('admin.displayName')),
        h('th', { scope: 'col' }, t('admin.role')),
        h('th', { scope: 'col' }, t('admin.delegation')),
        h('th', { scope: 'col' }, t('languages:admin.translates')),
      ),
    ),
    h(
      'tbody',
      null,
      users.map((u) =>
        h(
          'tr',
          null,
          h('td', null, u.username),
          h('td', null, u.displayName),
          h('td', null, t(`roles.${u.role}`)),
          h('td', null, u.delegation ?? '—'),
          translatesCell(ctx.actions, u, ctx.reload),
        ),
      ),
    ),
  );
  return [h('h2', null, t('admin.users')), userForm(ctx), userTable];
}

/** One-time login links for a delegation (or everyone), and the printable desk sheet of those generated. */
function LinksSection(ctx: AdminContext): HTMLElement[] {
  const linkDelegation = h(
    'select',
    { id: 'link-delegation' },
    h('option', { value: '' }, t('admin.links.everyone')),
    ctx.delegations.map((d) => h('option', { value: d.code }, `${d.code} — ${ctx.name(d.code)}`)),
  );
  const hours = h('input', { id: 'link-hours', type: 'number', min: 1, max: 720, value: '72', class: 'short' });
  const sheet = h('div', { class: 'print-sheet' });
  const onsubmit = (e: Event): void => {
    e.preventDefault();
    const body = { hours: Number(hours.value), ...(linkDelegation.value ? { delegation: linkDelegation.value } : {}) };
    void ctx.actions.run('links', async (send) => {
      const { links } = await send.call(ROUTES.loginLinks, { body });
      renderSheet(sheet, links, ctx.name);
      ctx.say(t('admin.links.generated', { count: links.length }));
    });
  };
  const linkForm = h(
    'form',
    { class: 'inline-form', onsubmit },
    h('label', { for: 'link-delegation' }, t('admin.links.forDelegation')),
    linkDelegation,
    h('label', { for: 'link-hours' }, t('admin.links.hours')),
    hours,
    bindAction(ctx.actions, 'links', h('button', { type: 'submit', id: 'links-submit' }, t('admin.links.generate'))),
    actionError(ctx.actions, 'links'),
  );
  return [h('h2', null, t('admin.links.title')), h('p', null, t('admin.links.explain')), linkForm, sheet];
}

/**
 * The admin's page: delegations, accounts, and one-time login links with a printable desk sheet. Each form is
 * an action: its button is disabled while the request is in flight, and its error is shown beside it.
 */
export async function AdminView(actions = new Actions()): Promise<View> {
  const root = h('section', { class: 'admin' }, h('h1', null, t('admin.title')));
  const status = h('p', { role: 'status', class: 'status-line' });
  const [{ delegations }, { users }] = await Promise.all([call(ROUTES.delegations), call(ROUTES.users)]);
  const lang = currentLanguage();
  const ctx: AdminContext = {
    actions,
    delegations,
    name: (code) => countryName(code, lang),
    reload: async () => root.replaceWith((await AdminView(actions)).el),
    say: (message) => void (status.textContent = message),
  };
  root.append(status, ...DelegationsSection(ctx), ...UsersSection(ctx, users), ...LinksSection(ctx));
  return { title: t('admin.title'), el: root };
}

/** One printed page per delegation (staff together), each link with the person's name and role. */
function renderSheet(sheet: HTMLElement, links: LoginLinkJson[], name: (code: string) => string): void {
  const groups = new Map<string, LoginLinkJson[]>();
  for (const link of links) {
    const key = link.delegation ?? '';
    groups.set(key, [...(groups.get(key) ?? []), link]);
  }
  sheet.replaceChildren(
    h('button', { type: 'button', class: 'no-print', onclick: () => window.print() }, t('admin.links.print')),
    ...[...groups.entries()].map(([code, group]) =>
      h(
        'section',
        { class: 'sheet-page' },
        h('h3', null, t('admin.links.sheetTitle', { delegation: code ? `${code} — ${name(code)}` : t('admin.none') })),
        h('p', null, t('admin.links.instructions')),
        h(
          'ol',
          null,
          group.map((link) =>
            h(
              'li',
              null,
              h('strong', null, link.displayName),
              ` (${link.username}, ${t(`roles.${link.role}`)})`,
              h('br'),
              h('code', { class: 'link-url' }, link.url),
              h('br'),
              h('small', null, t('admin.links.expires', { date: dateTime(link.expiresAt) })),
            ),
          ),
        ),
      ),
    ),
  );
}
