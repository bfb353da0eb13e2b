import type { TargetedSubmitEvent } from 'preact';
import type { AccountJson } from '../../shared/api/routes.js';
import { ROUTES } from '../../shared/api/routes.js';
import { LANGUAGE_CODES } from '../../shared/domain/languages.js';
import type { Actions } from '../api/actions.js';
import { ActionButton, ActionError } from '../components/actionHooks.js';
import { showDialog } from '../components/dialog.js';
import { t } from '../i18n/index.js';
import { chosenLanguages } from './adminState.js';
import { languageName } from './languageLabels.js';

/** The admin's translation languages of an account: at creation, and changed later from the account list. */

/**
 * A box per language an account may translate into (the translator role, held beside its role): the form's
 * field `translates`, read with `chosenLanguages`.
 */
export function TranslationLanguagesField({
  idPrefix,
  labelledBy,
  selected = [],
}: {
  idPrefix: string;
  labelledBy: string;
  selected?: readonly string[];
}) {
  return (
    <div class="checkbox-row" role="group" aria-labelledby={labelledBy}>
      {LANGUAGE_CODES.map((code) => (
        <label key={code} for={`${idPrefix}-${code}`}>
          <input
            type="checkbox"
            id={`${idPrefix}-${code}`}
            name="translates"
            value={code}
            defaultChecked={selected.includes(code)}
          />
          {` ${languageName(code)} (${code})`}
        </label>
      ))}
    </div>
  );
}

interface TranslatesProps {
  actions: Actions;
  account: AccountJson;
  /** Reads the list again once the languages are saved. */
  reload: () => Promise<void>;
}

/** The form in the dialog: the boxes, and the button that saves them (an action of its own per account). */
export function TranslatesForm({ actions, account, reload, close }: TranslatesProps & { close: () => void }) {
  const labelId = `translates-${account.id}-label`;
  const name = `translates:${account.id}`;
  const onSubmit = (e: TargetedSubmitEvent<HTMLFormElement>): void => {
    e.preventDefault();
    const translationLanguages = chosenLanguages(new FormData(e.currentTarget));
    void actions.run(name, async (send) => {
      await send.call(ROUTES.setTranslationLanguages, { params: { id: account.id }, body: { translationLanguages } });
      close();
      await reload();
    });
  };
  return (
    <form class="dialog-body" onSubmit={onSubmit}>
      <p id={labelId}>{t('languages:admin.translates')}</p>
      <TranslationLanguagesField
        idPrefix={`translates-${account.id}`}
        labelledBy={labelId}
        selected={account.translationLanguages}
      />
      <ActionButton actions={actions} name={name} type="submit" class="btn btn-primary">
        {t('languages:admin.save')}
      </ActionButton>
      <ActionError actions={actions} names={name} />
    </form>
  );
}

/** The account's languages in the list, and the button that changes them in a dialog. */
export function TranslatesCell(props: TranslatesProps) {
  const { account } = props;
  const change = (): void =>
    void showDialog(
      { title: t('languages:admin.changeTitle', { name: account.displayName }), closeLabel: t('common.close') },
      (close) => <TranslatesForm {...props} close={close} />,
    );
  return (
    <td class="translates-cell">
      {account.translationLanguages.length ? account.translationLanguages.join(', ') : '—'}{' '}
      <button
        type="button"
        class="btn btn-quiet"
        aria-label={t('languages:admin.change', { name: account.displayName })}
        onClick={change}
      >
        {t('languages:admin.changeShort')}
      </button>
    </td>
  );
}
