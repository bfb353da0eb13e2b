import type { DocumentLanguageJson } from '../../shared/api/languages.js';
import type { SessionUser } from '../../shared/api/auth.js';
import type { Actor } from '../../shared/domain/roles.js';
import type { TranslationStatus } from '../../shared/domain/languages.js';
import { statusTone } from '../api/languageChoice.js';
import { t } from '../i18n/index.js';

/** Words and small pieces every screen of language versions shares: names, coverage, status chips. */

/** A language's name in the reader's language, capitalised to stand alone (a menu's option, a heading). */
export function languageName(code: string): string {
  const name = t(`languages:name.${code}`, { defaultValue: code });
  return name.charAt(0).toLocaleUpperCase() + name.slice(1);
}

/** "kk: 27 of 31 current". */
export function coverageText(language: DocumentLanguageJson): string {
  return t('languages:coverage.line', { code: language.code, current: language.current, total: language.total });
}

/** A clause's status in a version, in words on its colour. */
export function TranslationChip({ status }: { status: TranslationStatus }) {
  return (
    <span class={`chip chip-${statusTone(status)} translation-chip`} data-translation-status={status}>
      {t(`languages:status.${status}`)}
    </span>
  );
}

/** The signed-in person as the permissions table reads a translator (their languages as `translates`). */
export function asActor(user: SessionUser): Pick<Actor, 'role' | 'delegation' | 'translates'> {
  return { role: user.role, delegation: user.delegation, translates: user.translationLanguages ?? [] };
}
