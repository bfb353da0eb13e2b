import i18next, { type TFunction } from 'i18next';
import { LANGUAGES, type Language } from '../../shared/domain/countries.js';

type Namespaces = Record<string, Record<string, unknown>>;

/**
 * Every UI string comes from `locales/<language>/<namespace>.json`: one namespace per feature (`common`,
 * `collab`, `negotiation`, `voting`, `export`…), so features add strings without touching each other's
 * files. Keys are looked up as `t('key')` in `common` or `t('ns:key')` elsewhere.
 *
 * A page loads the strings of its language and of English (the fallback), each language a chunk of its own
 * (`languages/<language>.ts`): the other languages' words arrive when someone switches to them.
 */
const languageFiles = import.meta.glob<{ default: Record<string, Record<string, unknown>> }>('./languages/*.ts');

/** Every namespace of one language, loaded once. */
const loaded = new Map<Language, Promise<Namespaces>>();

function stringsOf(language: Language): Promise<Namespaces> {
  let strings = loaded.get(language);
  if (!strings) {
    strings = languageFiles[`./languages/${language}.ts`]!().then(({ default: files }) =>
      Object.fromEntries(
        Object.entries(files).map(([file, namespace]) => [
          file.slice(file.lastIndexOf('/') + 1, -'.json'.length),
          namespace,
        ]),
      ),
    );
    // A failed load (the network dropped) is tried again at the next switch.
    strings.catch(() => loaded.delete(language));
    loaded.set(language, strings);
  }
  return strings;
}

/** Gives i18next a language's strings, unless it has them already. */
async function addLanguage(language: Language): Promise<void> {
  if (i18next.hasResourceBundle(language, 'common')) return;
  for (const [namespace, strings] of Object.entries(await stringsOf(language)))
    i18next.addResourceBundle(language, namespace, strings);
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
  const language = initialLanguage();
  const [english, own] = await Promise.all([stringsOf('en'), stringsOf(language)]);
  await i18next.init({
    lng: language,
    fallbackLng: 'en',
    supportedLngs: [...LANGUAGES],
    ns: Object.keys(english),
    defaultNS: 'common',
    resources: { en: english, [language]: own },
    interpolation: { escapeValue: false }, // output goes to textContent, never innerHTML
    returnNull: false,
    // The library's advertisement in the console of every visitor.
    showSupportNotice: false,
  });
  document.documentElement.lang = i18next.language;
}

/**
 * Words already found, by language, key and options. A document page asks for the same labels for each of its
 * clauses (its kind, its status, its counters' names), and i18next's lookup and interpolation cost a few
 * hundred milliseconds of a slow machine's first drawing. Only string results of a key with plain options are
 * kept; the whole store is forgotten when strings are added or removed.
 */
const found = new Map<string, string>();
const FOUND_MAX = 5_000;
const forget = (): void => {
  found.clear();
};
i18next.on('initialized', () => {
  i18next.store.on('added', forget);
  i18next.store.on('removed', forget);
});

/** Whether a call's options are plain (none, or only numbers, strings and booleans): its answer may be kept. */
function isPlain(options: unknown): options is Record<string, string | number | boolean> | undefined {
  if (options === undefined) return true;
  if (typeof options !== 'object' || options === null || Object.getPrototypeOf(options) !== Object.prototype)
    return false;
  for (const value of Object.values(options))
    if (typeof value !== 'string' && typeof value !== 'number' && typeof value !== 'boolean') return false;
  return true;
}

/** Translates a key; the one way UI code gets text. */
export const t: TFunction = ((...args: Parameters<TFunction>) => {
  const [key, options] = args as unknown[];
  if (args.length > 2 || typeof key !== 'string' || !isPlain(options)) return i18next.t(...args);
  const direct = storedText(key, options);
  if (direct !== undefined) return direct;
  // Keyed by the options' JSON only here: most calls are answered above, a clause's label among them.
  const memo = `${i18next.language}\u0000${key}\u0000${options === undefined ? '' : JSON.stringify(options)}`;
  const known = found.get(memo);
  if (known !== undefined) return known;
  const text: unknown = i18next.t(...args);
  if (typeof text !== 'string') return text;
  // Options can carry people's words (a name, a comment's opening): what is kept stays bounded whatever they send.
  if (found.size >= FOUND_MAX) found.clear();
  found.set(memo, text);
  return text;
}) as TFunction;

/**
 * Options i18next acts on itself (plurals, context, defaults, namespaces…): a call with one goes to i18next, but
 * for a numeric `count` and a `defaultValue`, which `storedText` answers as i18next would.
 */
const I18NEXT_OPTIONS = new Set([
  'count',
  'context',
  'defaultValue',
  'ns',
  'lng',
  'lngs',
  'fallbackLng',
  'returnObjects',
  'returnDetails',
  'joinArrays',
  'replace',
  'interpolation',
  'skipInterpolation',
  'postProcess',
  'ordinal',
  'keyPrefix',
  'nsSeparator',
  'keySeparator',
]);

/** The string stored for `key` (`ns:a.b`, or `a.b` in `common`) in `language`, as i18next keeps it. */
function stored(language: string, key: string): string | undefined {
  const colon = key.indexOf(':');
  let node: unknown = i18next.store?.data[language]?.[colon > 0 ? key.slice(0, colon) : 'common'];
  for (const part of (colon > 0 ? key.slice(colon + 1) : key).split('.')) {
    if (typeof node !== 'object' || node === null) return undefined;
    node = (node as Record<string, unknown>)[part];
  }
  return typeof node === 'string' ? node : undefined;
}

/**
 * What i18next would answer, read straight from its store where that is certain: a string of the language (else
 * English, the fallback) whose only slots are plain `{{name}}`s that `options` fills, asked with no option
 * i18next acts on itself but a numeric `count` (the plural form `key_<category>` by the language's
 * `Intl.PluralRules`, after `key_zero` for 0 and before the bare key, as i18next looks them up) and a
 * `defaultValue` (which i18next ignores for a string it has). Undefined otherwise, and the call goes to i18next:
 * a lookup there walks resolvers, fallbacks, plural rules and interpolation for every word, which on a slow laptop
 * was tens of milliseconds of a document page's first drawing.
 */
function storedText(key: string, options: Record<string, unknown> | undefined): string | undefined {
  let count: number | undefined;
  if (options)
    for (const name in options) {
      if (name === 'count' && typeof options.count === 'number') count = options.count;
      else if (name !== 'defaultValue' && I18NEXT_OPTIONS.has(name)) return undefined;
    }
  const raw = lookUp(i18next.language, key, count) ?? lookUp('en', key, count);
  // Nesting, formatting and unescaped slots are i18next's.
  if (raw === undefined || raw.includes('$t(') || raw.replace(SLOT, '').includes('{{')) return undefined;
  let complete = true;
  const text = raw.replace(SLOT, (slot, name: string) => {
    if (options && name in options && name !== 'defaultValue') return String(options[name]);
    complete = false;
    return slot;
  });
  return complete ? text : undefined;
}

/** A plain slot, `{{name}}`. */
const SLOT = /\{\{\s*([A-Za-z_]\w*)\s*\}\}/g;

/** A string of `language` for `key`, in its plural form for `count` where it has one. */
function lookUp(language: string, key: string, count: number | undefined): string | undefined {
  if (count === undefined) return stored(language, key);
  return (
    (count === 0 ? stored(language, `${key}_zero`) : undefined) ??
    stored(language, `${key}_${pluralRules(language).select(count)}`) ??
    stored(language, key)
  );
}

const rules = new Map<string, Intl.PluralRules>();
function pluralRules(language: string): Intl.PluralRules {
  let rule = rules.get(language);
  if (!rule) rules.set(language, (rule = new Intl.PluralRules(language)));
  return rule;
}

export function currentLanguage(): Language {
  return (i18next.resolvedLanguage ?? 'en') as Language;
}

/** Switches language, remembers the choice and re-renders through the listeners. */
export async function setLanguage(language: Language): Promise<void> {
  await addLanguage(language);
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
