import '../styles/languages.css';
import { useRef } from 'preact/hooks';
import type { DocumentJson } from '../../shared/api/documents.js';
import type { SessionUser } from '../../shared/api/auth.js';
import { LANGUAGE_CODES, type LanguageCode, type TranslationStatus } from '../../shared/domain/languages.js';
import { can } from '../../shared/domain/permissions.js';
import { ROUTES } from '../../shared/api/routes.js';
import { Actions } from '../api/actions.js';
import { addableLanguages, parseChoice, statusTone, type ReadingChoice } from '../api/languageChoice.js';
import { ActionButton, ActionError } from '../components/actionHooks.js';
import { toast } from '../components/ui.js';
import { t } from '../i18n/index.js';
import { asActor, coverageText, languageName } from './languageLabels.js';

/**
 * The document page's language versions: the switch (which text, alone or beside the original), each
 * version's coverage, the translator's way into the side-by-side editor and the secretariat's "add a version".
 * The page reads the chosen text; clauses keep their ids, comments and amendments whatever the language (the
 * clauses' version column and chips are drawn with the clauses, documentClauses.tsx).
 */

export interface LanguageBarProps {
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
export function LanguageBar({ data, user, choice, choose }: LanguageBarProps) {
  const select = useRef<HTMLSelectElement>(null);
  const parallel = useRef<HTMLInputElement>(null);
  const languages = data.languages ?? [];
  const versions = languages.filter((l) => !l.original);
  const mayAdd = addableCodes(data, user).length > 0;
  if (versions.length === 0 && !mayAdd) return null;
  // Neither control is bound to the choice: the page is drawn afresh once the chosen text is read, and until then
  // they show what the reader chose, not the text still shown.
  const chosen = (): void => choose(parseChoice(select.current!.value, parallel.current?.checked ?? false));
  return (
    <div class="language-bar" role="group" aria-label={t('languages:switch.group')}>
      <label for="reading-lang">{t('languages:switch.label')}</label>
      <select id="reading-lang" class="reading-lang" ref={select} onChange={chosen}>
        {languages.map((l) => (
          <option
            key={l.code}
            value={l.original ? '' : l.code}
            selected={l.original ? choice.lang === null : choice.lang === l.code}
          >
            {l.original ? t('languages:switch.original', { name: languageName(l.code) }) : languageName(l.code)}
          </option>
        ))}
      </select>
      {versions.length > 0 ? (
        <>
          <label class="reading-parallel-toggle" for="reading-parallel">
            <input
              type="checkbox"
              id="reading-parallel"
              ref={parallel}
              defaultChecked={choice.parallel}
              disabled={choice.lang === null}
              onChange={chosen}
            />
            {t('languages:switch.parallel')}
          </label>
          <ul class="language-coverage" aria-label={t('languages:coverage.label')}>
            {versions.map((l) => (
              <li key={l.code} data-lang={l.code}>
                {coverageText(l)}
              </li>
            ))}
          </ul>
        </>
      ) : null}
      <TranslateLinks data={data} user={user} />
      {mayAdd ? <AddVersionForm data={data} user={user} /> : null}
    </div>
  );
}

/** A link into the side-by-side editor for each version this person may write in the stage. */
function TranslateLinks({ data, user }: { data: DocumentJson; user: SessionUser }) {
  const mine = (data.languages ?? []).filter(
    (l) => !l.original && can(asActor(user), 'translation.write', { stage: data.stage, language: l.code }),
  );
  if (mine.length === 0) return null;
  return (
    <span class="translate-links">
      {mine.map((l) => (
        <a
          key={l.code}
          class="btn btn-secondary"
          href={`/documents/${encodeURIComponent(data.id)}/translate/${l.code}`}
        >
          {t('languages:translate.link', { name: languageName(l.code) })}
        </a>
      ))}
    </span>
  );
}

/** The languages the secretariat may add a version in: none for anyone else, or in a stage that allows none. */
function addableCodes(data: DocumentJson, user: SessionUser): string[] {
  if (!can(user, 'document.language', { stage: data.stage })) return [];
  return addableLanguages(data.languages ?? [], LANGUAGE_CODES);
}

/** The secretariat adds a version in a language the document lacks; the page is read again with it. */
function AddVersionForm({ data, user }: { data: DocumentJson; user: SessionUser }) {
  const select = useRef<HTMLSelectElement>(null);
  const add = () =>
    void actions.run('add-language', async (send) => {
      const code = select.current!.value as LanguageCode;
      await send.call(ROUTES.addLanguage, { params: { id: data.id }, body: { code } });
      toast(t('languages:add.added', { name: languageName(code) }), 'ok');
    });
  return (
    <span class="add-language">
      <select id="add-language" aria-label={t('languages:add.label')} ref={select}>
        {addableCodes(data, user).map((code) => (
          <option key={code} value={code}>{`${languageName(code)} (${code})`}</option>
        ))}
      </select>
      <ActionButton
        actions={actions}
        name="add-language"
        class="btn btn-secondary"
        id="add-language-button"
        onClick={add}
      >
        {t('languages:add.button')}
      </ActionButton>
      <ActionError actions={actions} names="add-language" />
    </span>
  );
}

/** Under the bar while a version is read alone: the clauses are the original's, only the words are translated. */
export function VersionNote({ lang }: { lang: string }) {
  return <p class="version-note">{t('languages:switch.note', { name: languageName(lang) })}</p>;
}

/** A clause's status in a version, beside its text. */
export function TranslationChip({ status }: { status: TranslationStatus }) {
  return (
    <span class={`chip chip-${statusTone(status)} translation-chip`} data-translation-status={status}>
      {t(`languages:status.${status}`)}
    </span>
  );
}
