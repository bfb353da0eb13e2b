import '../styles/languages.css';
import type { TargetedSubmitEvent } from 'preact';
import { useReducer } from 'preact/hooks';
import type { DelegationJson, LoginLinkJson } from '../../shared/api/admin.js';
import { ROUTES, type AccountJson } from '../../shared/api/routes.js';
import { countryName } from '../../shared/domain/countries.js';
import { Actions } from '../api/actions.js';
import { call, type Sender } from '../api/http.js';
import { ActionButton, ActionError } from '../components/actionHooks.js';
import { mountView } from '../components/bridge.js';
import { dateTime } from '../i18n/dates.js';
import { currentLanguage, t } from '../i18n/index.js';
import type { View } from '../router.js';
import { DelegationOptions, NewAccountForm, useFocusAfterAddition } from './adminAccountForm.js';
import { accountRequest, adminReducer, adminStart, linksRequest, sheetGroups, type AdminPage } from './adminState.js';
import { TranslatesCell } from './adminTranslators.js';

/**
 * The admin's page: delegations, accounts, and one-time login links with a printable desk sheet. Each form is
 * an action: its button is disabled while the request is in flight, and its error is shown beside it; a form
 * whose addition succeeded starts afresh, with the focus in its first field.
 */
export async function AdminView(actions = new Actions()): Promise<View> {
  const { delegations, users } = await readLists();
  return mountView(t('admin.title'), <Admin delegations={delegations} users={users} actions={actions} />);
}

const readLists = async (): Promise<{ delegations: DelegationJson[]; users: AccountJson[] }> => {
  const [{ delegations }, { users }] = await Promise.all([call(ROUTES.delegations), call(ROUTES.users)]);
  return { delegations, users };
};

export function Admin(props: { delegations: DelegationJson[]; users: AccountJson[]; actions: Actions }) {
  const [state, dispatch] = useReducer(adminReducer, adminStart(props.delegations, props.users));
  const lang = currentLanguage();
  const page: AdminPage = { actions: props.actions, state, dispatch, name: (code) => countryName(code, lang) };
  return (
    <section class="admin">
      <h1>{t('admin.title')}</h1>
      <p role="status" class="status-line">
        {state.links ? t('admin.links.generated', { count: state.links.length }) : null}
      </p>
      <DelegationsSection page={page} />
      <UsersSection page={page} />
      <LinksSection page={page} />
    </section>
  );
}

/** Runs an addition as the action `name`: the request, then the lists read again and the form started afresh. */
function add(page: AdminPage, form: 'delegation' | 'user', request: (send: Sender) => Promise<unknown>): void {
  void page.actions.run(form, async (send) => {
    await request(send);
    page.dispatch({ type: 'added', form, ...(await readLists()) });
  });
}

/** The delegations, and the form that adds one. */
function DelegationsSection({ page }: { page: AdminPage }) {
  const onSubmit = (e: TargetedSubmitEvent<HTMLFormElement>): void => {
    e.preventDefault();
    const body = { code: String(new FormData(e.currentTarget).get('code') ?? '') };
    add(page, 'delegation', (send) => send.call(ROUTES.createDelegation, { body }));
  };
  return (
    <>
      <h2>{t('admin.delegations')}</h2>
      <DelegationForm key={page.state.added.delegation} page={page} onSubmit={onSubmit} />
      <ul class="columns">
        {page.state.delegations.map((d) => (
          <li key={d.code}>
            <strong>{d.code}</strong>
            {` ${page.name(d.code)} — ${t('admin.members', { count: d.members })}`}
          </li>
        ))}
      </ul>
    </>
  );
}

function DelegationForm({
  page,
  onSubmit,
}: {
  page: AdminPage;
  onSubmit: (e: TargetedSubmitEvent<HTMLFormElement>) => void;
}) {
  const first = useFocusAfterAddition(page.state.added.delegation);
  return (
    <form class="inline-form" onSubmit={onSubmit}>
      <label for="delegation-code">{t('admin.delegationCode')}</label>
      <input
        ref={first}
        id="delegation-code"
        name="code"
        maxLength={3}
        required
        pattern="[A-Za-z]{3}"
        autoCapitalize="characters"
        class="short"
      />
      <ActionButton actions={page.actions} name="delegation" type="submit" id="delegation-submit">
        {t('admin.addDelegation')}
      </ActionButton>
      <ActionError actions={page.actions} names="delegation" />
    </form>
  );
}

/** The accounts, and the form that adds one. */
function UsersSection({ page }: { page: AdminPage }) {
  const onSubmit = (e: TargetedSubmitEvent<HTMLFormElement>): void => {
    e.preventDefault();
    const body = accountRequest(new FormData(e.currentTarget));
    if (body) add(page, 'user', (send) => send.call(ROUTES.createUser, { body }));
  };
  const reload = async (): Promise<void> => page.dispatch({ type: 'loaded', ...(await readLists()) });
  return (
    <>
      <h2>{t('admin.users')}</h2>
      <NewAccountForm key={page.state.added.user} page={page} onSubmit={onSubmit} />
      {/* Wider than a phone: it scrolls sideways on its own, reachable by the keyboard, and the page does not. */}
      <div class="table-scroll" role="region" aria-label={t('admin.users')} tabIndex={0}>
        <table class="data">
          <thead>
            <tr>
              <th scope="col">{t('admin.username')}</th>
              <th scope="col">{t('admin.displayName')}</th>
              <th scope="col">{t('admin.role')}</th>
              <th scope="col">{t('admin.delegation')}</th>
              <th scope="col">{t('languages:admin.translates')}</th>
            </tr>
          </thead>
          <tbody>
            {page.state.users.map((u) => (
              <tr key={u.id}>
                <td>{u.username}</td>
                <td>{u.displayName}</td>
                <td>{t(`roles.${u.role}`)}</td>
                <td>{u.delegation ?? '—'}</td>
                <TranslatesCell actions={page.actions} account={u} reload={reload} />
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </>
  );
}

/** One-time login links for a delegation (or everyone), and the printable desk sheet of those generated. */
function LinksSection({ page }: { page: AdminPage }) {
  const onSubmit = (e: TargetedSubmitEvent<HTMLFormElement>): void => {
    e.preventDefault();
    const body = linksRequest(new FormData(e.currentTarget));
    void page.actions.run('links', async (send) => {
      const { links } = await send.call(ROUTES.loginLinks, { body });
      page.dispatch({ type: 'links', links });
    });
  };
  return (
    <>
      <h2>{t('admin.links.title')}</h2>
      <p>{t('admin.links.explain')}</p>
      <form class="inline-form" onSubmit={onSubmit}>
        <label for="link-delegation">{t('admin.links.forDelegation')}</label>
        <select id="link-delegation" name="delegation">
          <option value="">{t('admin.links.everyone')}</option>
          <DelegationOptions page={page} />
        </select>
        <label for="link-hours">{t('admin.links.hours')}</label>
        <input id="link-hours" name="hours" type="number" min={1} max={720} defaultValue="72" class="short" />
        <ActionButton actions={page.actions} name="links" type="submit" id="links-submit">
          {t('admin.links.generate')}
        </ActionButton>
        <ActionError actions={page.actions} names="links" />
      </form>
      <div class="print-sheet">
        {page.state.links ? <LoginSheet links={page.state.links} name={page.name} /> : null}
      </div>
    </>
  );
}

/** One printed page per delegation (staff together), each link with the person's name and role. */
export function LoginSheet({ links, name }: { links: LoginLinkJson[]; name: (code: string) => string }) {
  return (
    <>
      <button type="button" class="no-print" onClick={() => window.print()}>
        {t('admin.links.print')}
      </button>
      {sheetGroups(links).map(([code, group]) => (
        <section key={code} class="sheet-page">
          <h3>{t('admin.links.sheetTitle', { delegation: code ? `${code} — ${name(code)}` : t('admin.none') })}</h3>
          <p>{t('admin.links.instructions')}</p>
          <ol>
            {group.map((link) => (
              <li key={link.username}>
                <strong>{link.displayName}</strong>
                {` (${link.username}, ${t(`roles.${link.role}`)})`}
                <br />
                <code class="link-url">{link.url}</code>
                <br />
                <small>{t('admin.links.expires', { date: dateTime(link.expiresAt) })}</small>
              </li>
            ))}
          </ol>
        </section>
      ))}
    </>
  );
}
