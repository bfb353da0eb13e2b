import { describe, expect, it } from 'vitest';
import { directionOf, mirror, resolveDirections, splitByDirection, visualOrder } from './bidi.js';

const words = (text: string): string =>
  visualOrder(text.split(' '), directionOf)
    .map((w) => w.item)
    .join(' ');

describe('bidi', () => {
  it('classifies stretches of text', () => {
    expect(['Hello', 'қазақ', 'السلام', 'שלום', '2025', '«', '🌍'].map(directionOf)).toEqual([
      'ltr',
      'ltr',
      'rtl',
      'rtl',
      'number',
      'neutral',
      'neutral',
    ]);
  });

  it('reverses right-to-left stretches inside a left-to-right line', () => {
    expect(words('the greetings السلام عليكم from Almaty')).toBe('the greetings عليكم السلام from Almaty');
    expect(words('a שלום עליכם b مرحبا بالعالم c')).toBe('a עליכם שלום b بالعالم مرحبا c');
  });

  it('lets numbers follow the text before them, and neutrals join only right-to-left neighbours', () => {
    expect(resolveDirections(['rtl', 'neutral', 'number', 'neutral', 'ltr'])).toEqual([
      'rtl',
      'rtl',
      'rtl',
      'ltr',
      'ltr',
    ]);
    expect(resolveDirections(['ltr', 'neutral', 'number', 'neutral', 'rtl'])).toEqual([
      'ltr',
      'ltr',
      'ltr',
      'ltr',
      'rtl',
    ]);
    expect(words('year عام 2025 ends')).toBe('year 2025 عام ends');
  });

  it('runs a right-to-left paragraph from right to left, its Latin words and numbers left to right', () => {
    const rtlWords = (text: string): string =>
      visualOrder(text.split(' '), directionOf, 'rtl')
        .map((w) => w.item)
        .join(' ');
    expect(rtlWords('إعلان ألماتي بشأن التعليم')).toBe('التعليم بشأن ألماتي إعلان');
    expect(rtlWords('مؤتمر WIC 2025 في ألماتي')).toBe('ألماتي في WIC 2025 مؤتمر');
    expect(resolveDirections(['ltr', 'neutral', 'ltr', 'neutral', 'rtl'], 'rtl')).toEqual([
      'ltr',
      'ltr',
      'ltr',
      'rtl',
      'rtl',
    ]);
  });

  it('mirrors brackets shown right to left', () => {
    expect(mirror('(«')).toBe('»)');
  });

  it('splits text into direction stretches that give the text back', () => {
    const text = 'Hello «السلام عليكم» and שלום עליכם 2025, fine 🌍';
    const parts = splitByDirection(text);
    expect(parts.map((p) => p.text).join('')).toBe(text);
    expect(parts.filter((p) => p.rtl).map((p) => p.text)).toEqual(['السلام عليكم', 'שלום עליכם 2025']);
  });
});
