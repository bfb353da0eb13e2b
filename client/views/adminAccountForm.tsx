import type { TargetedSubmitEvent } from 'preact';
import { useEffect, useLayoutEffect, useRef } from 'preact/hooks';
import { LANGUAGES } from '../../shared/domain/countries.js';
import { ROLES } from '../../shared/domain/roles.js';
import { ActionButton, ActionError } from '../components/actionHooks.js';
import { LANGUAGE_NAMES, t } from '../i18n/index.js';
import { NEW_ACCOUNT_ROLE, type AdminPage } from './adminState.js';
import { TranslationLanguagesField } from './adminTranslators.js';

/** After a successful addition the form is drawn anew: the focus goes to its first field, for the next one. */
export function useFocusAfterAddition(added: number) {
  const first = useRef<HTMLInputElement>(null);
  useEffect(() => {
    if (added > 0) first.current?.focus();
  }, []);
  return first;
}

/** The delegations as options of a select: code and name. */
export function DelegationOptions({ page }: { page: AdminPage }) {
  return (
    <>
      {page.state.delegations.map((d) => (
        <option key={d.code} value={d.code}>{`${d.code} — ${page.name(d.code)}`}</option>
      ))}
    </>
  );
}

/**
 * The form that adds an account. Its role starts at the least an account can do (an observer reads), until
 * the person creating it chooses more; its fields are read with `accountRequest` when it is sent.
 */
export function NewAccountForm({
  page,
  onSubmit,
}: {
  page: AdminPage;
  onSubmit: (e: TargetedSubmitEvent<HTMLFormElement>) => void;
}) {
  const first = useFocusAfterAddition(page.state.added.user);
  const role = useRef<HTMLSelectElement>(null);
  // Chosen once, when the form is made: the form is drawn again with the page, and must keep what was picked.
  useLayoutEffect(() => {
    role.current!.value = NEW_ACCOUNT_ROLE;
  }, []);
  return (
    <form class="grid-form" onSubmit={onSubmit}>
      <label for="new-username">{t('admin.username')}</label>
      <input ref={first} id="new-username" name="username" required autoComplete="off" />
      <label for="new-name">{t('admin.displayName')}</label>
      <input id="new-name" name="displayName" required />
      <label for="new-role">{t('admin.role')}</label>
      <select ref={role} id="new-role" name="role">
        {ROLES.map((r) => (
          <option key={r} value={r}>
            {t(`roles.${r}`)}
          </option>
        ))}
      </select>
      <label for="new-delegation">{t('admin.delegation')}</label>
      <select id="new-delegation" name="delegation">
        <option value="">{t('admin.none')}</option>
        <DelegationOptions page={page} />
      </select>
      <label for="new-password">{t('admin.password')}</label>
      <input id="new-password" name="password" type="password" autoComplete="new-password" minLength={8} />
      <span id="new-translates-label">{t('languages:admin.translates')}</span>
      <TranslationLanguagesField idPrefix="new-translates" labelledBy="new-translates-label" />
      <label for="new-email">{t('admin.email')}</label>
      <input id="new-email" name="email" type="email" autoComplete="off" maxLength={254} />
      <label for="new-mail-language">{t('admin.mailLanguage')}</label>
      <select id="new-mail-language" name="language">
        <option value="">{t('admin.none')}</option>
        {LANGUAGES.map((lng) => (
          <option key={lng} value={lng} lang={lng}>
            {LANGUAGE_NAMES[lng]}
          </option>
        ))}
      </select>
      <span />
      <ActionButton actions={page.actions} name="user" type="submit" id="user-submit">
        {t('admin.addUser')}
      </ActionButton>
      <span />
      <ActionError actions={page.actions} names="user" />
    </form>
  );
}
