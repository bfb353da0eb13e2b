import i18next, { type TFunction } from 'i18next';
import { LANGUAGES, type Language } from '../../shared/domain/countries.js';

/**
 * Every UI string comes from `locales/<language>/<namespace>.json`: one namespace per feature (`common`,
 * `collab`, `negotiation`, `voting`, `export`…), so features add strings without touching each other's
 * files. Keys are looked up as `t('key')` in `common` or `t('ns:key')` elsewhere.
 */
const files = import.meta.glob<{ default: Record<string, unknown> }>('./locales/*/*.json', { eager: true });

function resources(): Record<string, Record<string, Record<string, unknown>>> {
  const out: Record<string, Record<string, Record<string, unknown>>> = {};
  for (const [file, module] of Object.entries(files)) {
    const match = /\.\/locales\/([a-z]+)\/([A-Za-z0-9_-]+)\.json$/.exec(file);
    if (!match) continue;
    const [, language, namespace] = match as unknown as [string, string, string];
    (out[language] ??= {})[namespace] = module.default;
  }
  return out;
}

const STORAGE_KEY = 'accord.language';

/** Language names as each language writes its own. */
export const LANGUAGE_NAMES: Record<Language, string> = { en: 'English', ru: 'Русский', kk: 'Қазақша' };

function initialLanguage(): Language {
  const stored = localStorage.getItem(STORAGE_KEY);
  if (stored && (LANGUAGES as readonly string[]).includes(stored)) return stored as Language;
  const browser = navigator.language.slice(0, 2);
  return (LANGUAGES as readonly string[]).includes(browser) ? (browser as Language) : 'en';
}

export async function initI18n(): Promise<void> {
  const res = resources();
  await i18next.init({
    lng: initialLanguage(),
    fallbackLng: 'en',
    supportedLngs: [...LANGUAGES],
    ns: Object.keys(res.en ?? { common: {} }),
    defaultNS: 'common',
    resources: res,
    interpolation: { escapeValue: false }, // output goes to textContent, never innerHTML
    returnNull: false,
  });
  document.documentElement.lang = i18next.language;
}

/** Translates a key; the one way UI code gets text. */
export const t: TFunction = ((...args: Parameters<TFunction>) => i18next.t(...args)) as TFunction;

export function currentLanguage(): Language {
  return (i18next.resolvedLanguage ?? 'en') as Language;
}

/** Switches language, remembers the choice and re-renders through the listeners. */
export async function setLanguage(language: Language): Promise<void> {
  localStorage.setItem(STORAGE_KEY, language);
  await i18next.changeLanguage(language);
  document.documentElement.lang = language;
}

export function onLanguageChanged(fn: () => void): () => void {
  i18next.on('languageChanged', fn);
  return () => i18next.off('languageChanged', fn);
}

/** The message for an API error id, falling back to the server's English message. */
export function errorMessage(error: unknown): string {
  const e = error as { id?: string; message?: string };
  if (e?.id && i18next.exists(`errors.${e.id}`)) return t(`errors.${e.id}`);
  return e?.message && !/\n\s+at /.test(e.message) ? e.message : t('errors.unexpected');
}
