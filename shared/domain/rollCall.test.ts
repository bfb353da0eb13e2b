import { describe, expect, it } from 'vitest';
import { countryName } from './countries.js';
import { calledNow, rollCallOrder } from './rollCall.js';

const name = (code: string): string => countryName(code, 'en');

describe('rollCallOrder', () => {
  it('calls in English alphabetical order from the State drawn, going round', () => {
    // France, Germany, Italy, Kazakhstan in English order; Italy drawn.
    expect(rollCallOrder(['KAZ', 'FRA', 'ITA', 'DEU'], 'ITA', name)).toEqual(['ITA', 'KAZ', 'FRA', 'DEU']);
    expect(rollCallOrder(['KAZ', 'FRA', 'ITA', 'DEU'], 'FRA', name)).toEqual(['FRA', 'DEU', 'ITA', 'KAZ']);
  });

  it('refuses a first State that is not called', () => {
    expect(() => rollCallOrder(['KAZ', 'FRA'], 'USA', name)).toThrow(RangeError);
  });
});

describe('calledNow', () => {
  const order = ['ITA', 'KAZ', 'FRA', 'DEU'];

  it('calls the first State that has not voted, passing over those that voted out of turn', () => {
    expect(calledNow(order, [])).toBe('ITA');
    expect(calledNow(order, ['ITA', 'FRA'])).toBe('KAZ');
    expect(calledNow(order, ['ITA', 'KAZ', 'FRA'])).toBe('DEU');
  });

  it('calls nobody once every State has voted', () => {
    expect(calledNow(order, order)).toBeNull();
  });
});
