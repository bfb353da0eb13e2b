import { describe, expect, it } from 'vitest';
import countries from 'i18n-iso-countries';
import { countryAlpha2, countryName, isCountryCode } from './countries.js';
import { OBSERVER_STATES, UN_SHORT_NAMES } from './unNames.js';

describe('countryName', () => {
  it.each([
    ['KOR', 'Republic of Korea', 'Республика Корея'],
    ['VNM', 'Viet Nam', 'Вьетнам'],
    ['TUR', 'Türkiye', 'Турция'],
    [
      'GBR',
      'United Kingdom of Great Britain and Northern Ireland',
      'Соединенное Королевство Великобритании и Северной Ирландии',
    ],
    ['IRN', 'Iran (Islamic Republic of)', 'Иран (Исламская Республика)'],
    ['RUS', 'Russian Federation', 'Российская Федерация'],
    ['NLD', 'Netherlands (Kingdom of the)', 'Нидерланды (Королевство)'],
    ['CZE', 'Czechia', 'Чехия'],
    ['CIV', "Côte d'Ivoire", "Кот-д'Ивуар"],
    ['BOL', 'Bolivia (Plurinational State of)', 'Боливия (Многонациональное Государство)'],
    ['USA', 'United States of America', 'Соединенные Штаты Америки'],
    ['KAZ', 'Kazakhstan', 'Казахстан'],
    ['TZA', 'United Republic of Tanzania', 'Объединенная Республика Танзания'],
    ['VAT', 'Holy See', 'Святейший Престол'],
    ['PSE', 'State of Palestine', 'Государство Палестина'],
  ])('names %s as the UN does in English and Russian', (code, english, russian) => {
    expect(countryName(code, 'en')).toBe(english);
    expect(countryName(code, 'ru')).toBe(russian);
  });

  it('defaults to English', () => {
    expect(countryName('KOR')).toBe('Republic of Korea');
  });

  it("keeps the ISO data's names in Kazakh, which UNTERM does not cover", () => {
    for (const code of ['KAZ', 'KOR', 'VNM', 'GBR']) {
      expect(countryName(code, 'kk')).toBe(countries.getName(code, 'kk', { select: 'official' }));
      expect(countryName(code, 'kk')).not.toBe(code);
    }
  });

  it('falls back to the ISO data for a territory that is not a State at the UN, and to the code for no country', () => {
    expect(countryName('PRI', 'en')).toBe('Puerto Rico');
    expect(countryName('XYZ', 'en')).toBe('XYZ');
  });
});

describe('UN_SHORT_NAMES', () => {
  const codes = Object.keys(UN_SHORT_NAMES);

  it('holds the 193 Member States and the two observer States, each a current ISO code', () => {
    expect(codes).toHaveLength(195);
    expect(new Set(codes).size).toBe(195);
    for (const code of OBSERVER_STATES) expect(codes).toContain(code);
    for (const code of codes) expect(countries.alpha2ToAlpha3(code), code).toBeTruthy();
  });

  it('gives every one a name in English and in Russian, in its own script', () => {
    for (const [code, names] of Object.entries(UN_SHORT_NAMES)) {
      expect(names.en, code).toMatch(/^[A-Z][A-Za-zô'()\-ü ]+$/);
      expect(names.ru, code).toMatch(/^[А-Я][А-Яа-я'()\- —]+$/);
      expect(names.ru, code).not.toMatch(/ё/);
    }
  });
});

describe('countryAlpha2', () => {
  it('maps an alpha-3 code to alpha-2, and nothing else', () => {
    expect(countryAlpha2('KAZ')).toBe('KZ');
    expect(countryAlpha2('XYZ')).toBeNull();
    expect(countryAlpha2('../etc')).toBeNull();
    expect(isCountryCode('KAZ')).toBe(true);
  });
});
