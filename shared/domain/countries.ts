import countries from 'i18n-iso-countries';
import en from 'i18n-iso-countries/langs/en.json' with { type: 'json' };
import ru from 'i18n-iso-countries/langs/ru.json' with { type: 'json' };
import kk from 'i18n-iso-countries/langs/kk.json' with { type: 'json' };
import { UN_SHORT_NAMES } from './unNames.js';

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

/** The ISO 3166-1 alpha-2 code (upper case) of an alpha-3 code, or null when there is none. */
export function countryAlpha2(code: string): string | null {
  if (!isCountryCode(code)) return null;
  return countries.alpha3ToAlpha2(code) ?? null;
}

/**
 * A State's name in a language as the UN writes it: the UNTERM short name in English and Russian for the Member
 * and observer States ("Republic of Korea", "Viet Nam"); otherwise, and in Kazakh, which UNTERM does not cover,
 * the official form from the maintained ISO 3166 data. Falls back to the code.
 */
export function countryName(code: string, language: Language = 'en'): string {
  const alpha2 = countryAlpha2(code);
  if (alpha2 && language !== 'kk') {
    const un = UN_SHORT_NAMES[alpha2];
    if (un) return un[language];
  }
  return countries.getName(code, language, { select: 'official' }) ?? code;
}
