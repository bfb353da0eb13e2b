import countries from 'i18n-iso-countries';
import en from 'i18n-iso-countries/langs/en.json' with { type: 'json' };
import ru from 'i18n-iso-countries/langs/ru.json' with { type: 'json' };
import kk from 'i18n-iso-countries/langs/kk.json' with { type: 'json' };

countries.registerLocale(en);
countries.registerLocale(ru);
countries.registerLocale(kk);

/** Languages Accord is localized into. */
export const LANGUAGES = ['en', 'ru', 'kk'] as const;
export type Language = (typeof LANGUAGES)[number];

/** True when `code` is a current ISO 3166-1 alpha-3 code (upper case). */
export function isCountryCode(code: string): boolean {
  return /^[A-Z]{3}$/.test(code) && countries.isValid(code);
}

/**
 * A delegation's name in a language, from the maintained ISO 3166 data (the official form where the
 * library has one, as UN documents use it). Falls back to the code.
 */
export function countryName(code: string, language: Language = 'en'): string {
  return countries.getName(code, language, { select: 'official' }) ?? code;
}

/** The country's flag as an emoji (regional indicator letters of its alpha-2 code), or '' if unknown. */
export function countryFlag(code: string): string {
  const alpha2 = countries.alpha3ToAlpha2(code);
  if (!alpha2) return '';
  return String.fromCodePoint(...[...alpha2.toUpperCase()].map((c) => 0x1f1e6 + c.charCodeAt(0) - 65));
}
