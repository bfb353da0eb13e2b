import { existsSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { dejaVuDirectory, face, FACE_KEYS, fallbackFaces } from './fonts.js';

const codePoints = (text: string): number[] => [...text.replace(/\s/g, '')].map((c) => c.codePointAt(0)!);

describe('fonts', () => {
  it('come from the project dependencies, not from the machine', () => {
    expect(dejaVuDirectory()).toMatch(/node_modules\/dejavu-fonts-ttf\/ttf$/);
    for (const key of FACE_KEYS) expect(face(key).data.length).toBeGreaterThan(100_000);
    expect(existsSync(dejaVuDirectory())).toBe(true);
  });

  it('cover Latin, Cyrillic with the Kazakh and Uzbek letters in every serif face', () => {
    const letters = codePoints('ә ғ қ ң ө ұ ү һ і Ә Ғ Қ Ң Ө Ұ Ү Һ І ў ҳ Ў Ҳ ʻ ʼ Ж ж Щ щ ÀÉÎÕÜ ç ß « » — “ ”');
    for (const key of ['serif', 'serif-italic', 'serif-bold', 'serif-bold-italic'] as const) {
      expect(letters.filter((c) => !face(key).covers(c)).map((c) => String.fromCodePoint(c))).toEqual([]);
    }
  });

  it('leave Arabic and Hebrew to the sans fallback, and have no emoji', () => {
    const rtl = codePoints('السلام שלום');
    expect(rtl.some((c) => face('serif').covers(c))).toBe(false);
    expect(rtl.every((c) => face('sans').covers(c))).toBe(true);
    expect(face('sans').covers(0x1f30d)).toBe(false);
  });

  it('set Arabic in Noto Naskh Arabic and Chinese in Noto Sans SC, from their packages', () => {
    const arabic = codePoints('إعلان ألماتي بشأن التعليم الشامل ، ؛ ؟');
    const chinese = codePoints('阿拉木图全纳教育宣言，。：；（）一二三');
    for (const key of ['naskh', 'naskh-bold'] as const) expect(arabic.every((c) => face(key).covers(c))).toBe(true);
    for (const key of ['hans', 'hans-bold'] as const) expect(chinese.every((c) => face(key).covers(c))).toBe(true);
    expect(face('hans').data.length).toBeGreaterThan(1_000_000);
    expect(fallbackFaces(false, '', true)[0]).toBe('naskh');
    // Arabic quoted in another language keeps DejaVu Sans; no emoji anywhere.
    expect(fallbackFaces(false, '')[0]).toBe('sans');
    expect(FACE_KEYS.some((key) => face(key).covers(0x1f30d))).toBe(false);
  });
});
