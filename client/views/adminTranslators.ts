import type { AccountJson } from '../../shared/api/routes.js';
import { ROUTES } from '../../shared/api/routes.js';
import { LANGUAGE_CODES, type LanguageCode } from '../../shared/domain/languages.js';
import type { Actions } from '../api/actions.js';
import { actionButton, actionError } from '../components/actionControls.js';
import { openDialog } from '../components/ui.js';
import { h } from '../dom.js';
import { t } from '../i18n/index.js';
import { languageName } from './languageLabels.js';

/** The admin's translation languages of an account: at creation, and changed later from the account list. */

/** A box per language an account may translate into (the translator role, held beside its role). */
export function translationLanguagesField(
  idPrefix: string,
  labelledBy: string,
  selected: readonly string[] = [],
): { el: HTMLElement; chosen(): LanguageCode[] } {
  const boxes = LANGUAGE_CODES.map((code) =>
    h('input', { type: 'checkbox', id: `${idPrefix}-${code}`, value: code, checked: selected.includes(code) }),
  );
  const el = h(
    'div',
    { class: 'checkbox-row', role: 'group', 'aria-labelledby': labelledBy },
    boxes.map((box) => h('label', { for: box.id }, box, ` ${languageName(box.value)} (${box.value})`)),
  );
  return { el, chosen: () => LANGUAGE_CODES.filter((code) => boxes.some((box) => box.value === code && box.checked)) };
}

/** The account's languages in the list, and the button that changes them in a dialog. */
export function translatesCell(actions: Actions, account: AccountJson, reload: () => Promise<void>): HTMLElement {
  const change = (): void => {
    const labelId = `translates-${account.id}-label`;
    const field = translationLanguagesField(`translates-${account.id}`, labelId, account.translationLanguages);
    const name = `translates:${account.id}`;
    const dialog = openDialog({
      title: t('languages:admin.changeTitle', { name: account.displayName }),
      closeLabel: t('common.close'),
      body: h(
        'div',
        { class: 'dialog-body' },
        h('p', { id: labelId }, t('languages:admin.translates')),
        field.el,
        actionButton(actions, name, { class: 'btn btn-primary' }, t('languages:admin.save'), async (send) => {
          const translationLanguages = field.chosen();
          await send.call(ROUTES.setTranslationLanguages, {
            params: { id: account.id },
            body: { translationLanguages },
          });
          dialog.close();
          await reload();
        }),
        actionError(actions, name),
      ),
    });
  };
  return h(
    'td',
    { class: 'translates-cell' },
    account.translationLanguages.length ? account.translationLanguages.join(', ') : '—',
    ' ',
    h(
      'button',
      {
        type: 'button',
        class: 'btn btn-quiet',
        'aria-label': t('languages:admin.change', { name: account.displayName }),
        onclick: change,
      },
      t('languages:admin.changeShort'),
    ),
  );
}
