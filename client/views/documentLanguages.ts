import '../styles/languages.css';
import type { DocumentJson } from '../../shared/api/documents.js';
import type { SessionUser } from '../../shared/api/auth.js';
import { LANGUAGE_CODES } from '../../shared/domain/languages.js';
import { can } from '../../shared/domain/permissions.js';
import { ROUTES } from '../../shared/api/routes.js';
import { Actions } from '../api/actions.js';
import { addableLanguages, directionOf, parseChoice, type ReadingChoice } from '../api/languageChoice.js';
import { actionButton, actionError } from '../components/actionControls.js';
import { renderClauseContent } from '../components/ClauseContent.js';
import { toast } from '../components/ui.js';
import { h } from '../dom.js';
import { t } from '../i18n/index.js';
import type { ClauseSlots } from './DocumentView.js';
import { asActor, coverageText, languageName, translationChip } from './languageLabels.js';

/**
 * The document page's language versions: the switch (which text, alone or beside the original), each
 * version's coverage, the translator's way into the side-by-side editor and the secretariat's "add a version".
 * The page reads the chosen text; clauses keep their ids, comments and amendments whatever the language.
 */

export interface LanguageBarInput {
  data: DocumentJson;
  user: SessionUser;
  choice: ReadingChoice;
  /** The reader chose another text: the page is read again in it. */
  choose(choice: ReadingChoice): void;
}

/** The secretariat's action to add a version lives across page rebuilds (its error stays until retried). */
const actions = new Actions();

/**
 * The bar above the text: the switch, coverage, and the links and forms this person has; none for a document
 * with no version that this person may not add one to.
 */
export function languageBar({ data, user, choice, choose }: LanguageBarInput): HTMLElement | null {
  const languages = data.languages ?? [];
  const select = h(
    'select',
    { id: 'reading-lang', class: 'reading-lang' },
    languages.map((l) =>
      h(
        'option',
        {
          value: l.original ? '' : l.code,
          defaultSelected: l.original ? choice.lang === null : choice.lang === l.code,
        },
        l.original ? t('languages:switch.original', { name: languageName(l.code) }) : languageName(l.code),
      ),
    ),
  );
  const parallel = h('input', {
    type: 'checkbox',
    id: 'reading-parallel',
    checked: choice.parallel,
    disabled: choice.lang === null,
  });
  const chosen = (): void => choose(parseChoice(select.value, parallel.checked));
  select.addEventListener('change', chosen);
  parallel.addEventListener('change', chosen);
  const versions = languages.filter((l) => !l.original);
  const adding = addVersionForm(data, user);
  if (versions.length === 0 && !adding) return null;
  return h(
    'div',
    { class: 'language-bar', role: 'group', 'aria-label': t('languages:switch.group') },
    h('label', { for: 'reading-lang' }, t('languages:switch.label')),
    select,
    versions.length > 0
      ? h(
          'label',
          { class: 'reading-parallel-toggle', for: 'reading-parallel' },
          parallel,
          t('languages:switch.parallel'),
        )
      : null,
    versions.length > 0
      ? h(
          'ul',
          { class: 'language-coverage', 'aria-label': t('languages:coverage.label') },
          versions.map((l) => h('li', { 'data-lang': l.code }, coverageText(l))),
        )
      : null,
    translateLinks(data, user),
    adding,
  );
}

/** A link into the side-by-side editor for each version this person may write in the stage. */
function translateLinks(data: DocumentJson, user: SessionUser): HTMLElement | null {
  const mine = (data.languages ?? []).filter(
    (l) => !l.original && can(asActor(user), 'translation.write', { stage: data.stage, language: l.code }),
  );
  if (mine.length === 0) return null;
  return h(
    'span',
    { class: 'translate-links' },
    mine.map((l) =>
      h(
        'a',
        { class: 'btn btn-secondary', href: `/documents/${encodeURIComponent(data.id)}/translate/${l.code}` },
        t('languages:translate.link', { name: languageName(l.code) }),
      ),
    ),
  );
}

/** The secretariat adds a version in a language the document lacks; the page is read again with it. */
function addVersionForm(data: DocumentJson, user: SessionUser): HTMLElement | null {
  if (!can(user, 'document.language', { stage: data.stage })) return null;
  const codes = addableLanguages(data.languages ?? [], LANGUAGE_CODES);
  if (codes.length === 0) return null;
  const select = h(
    'select',
    { id: 'add-language', 'aria-label': t('languages:add.label') },
    codes.map((code) => h('option', { value: code }, `${languageName(code)} (${code})`)),
  );
  const add = actionButton(
    actions,
    'add-language',
    { class: 'btn btn-secondary', id: 'add-language-button' },
    t('languages:add.button'),
    async (send) => {
      const code = select.value as (typeof LANGUAGE_CODES)[number];
      await send.call(ROUTES.addLanguage, { params: { id: data.id }, body: { code } });
      toast(t('languages:add.added', { name: languageName(code) }), 'ok');
    },
  );
  return h('span', { class: 'add-language' }, select, add, actionError(actions, 'add-language'));
}

/** Under the bar while a version is read alone: the clauses are the original's, only the words are translated. */
export function versionNote(lang: string): HTMLElement {
  return h('p', { class: 'version-note' }, t('languages:switch.note', { name: languageName(lang) }));
}

/** A version read alone: each clause's status in that version beside its text. */
export function markVersionClause(slots: ClauseSlots, lang: string): void {
  const status = slots.clause.translation?.status ?? 'missing';
  slots.aside.prepend(translationChip(status));
  slots.body.setAttribute('lang', lang);
  // Comments and amendments anchored on words point into the original: none is drawn on, or taken from, these.
  slots.body.setAttribute('data-translated', lang);
  slots.body.setAttribute('dir', directionOf(lang));
}

/**
 * The original and a version side by side, clause by clause: each clause's row gains the version's text and
 * status beside the original's body (where an editor may be mounted). Rows stay one per clause, so the two
 * texts line up however long either is.
 */
export function addVersionColumn(slots: ClauseSlots, version: DocumentJson | undefined, lang: string): void {
  const clause = version?.clauses.find((c) => c.id === slots.clause.id);
  const cell = h(
    'div',
    { class: 'clause-version', lang, dir: directionOf(lang), 'data-lang': lang },
    clause ? renderClauseContent(clause.content, clause.text) : null,
    translationChip(clause?.translation?.status ?? 'missing'),
  );
  const body = slots.body;
  const holder = body.parentElement;
  if (holder === slots.root) {
    const row = h('div', { class: 'parallel-row' });
    holder.replaceChild(row, body);
    row.append(body, cell);
  } else {
    // The title's and a heading's text sit inside their <h1>/<h2>: the version goes under it, in the text's column.
    slots.root.insertBefore(cell, slots.aside);
  }
}
