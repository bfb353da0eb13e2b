import { afterEach, describe, expect, it, vi } from 'vitest';
import kk from './locales/kk/common.json' with { type: 'json' };

let language = 'kk';
vi.mock('./index.js', () => ({
  currentLanguage: () => language,
  t: (key: string, options: Record<string, unknown> = {}) => {
    if (key === 'dates.months') return kk.dates.months;
    return kk.dates.dateTime.replace(/\{\{(\w+)\}\}/g, (_m, name: string) => String(options[name]));
  },
}));
const { browserNamesMonths, dateTime } = await import('./dates.js');

describe('dateTime', () => {
  afterEach(() => vi.restoreAllMocks());

  it('uses the browser’s own format where it names the months', () => {
    language = 'ru';
    const at = new Date(2026, 11, 5, 10, 30).toISOString();
    expect(dateTime(at)).toBe(
      new Intl.DateTimeFormat('ru', { dateStyle: 'medium', timeStyle: 'short' }).format(new Date(at)),
    );
  });

  it('writes Kazakh in its own words where the browser carries the locale without them', () => {
    // Chromium's reduced data: the locale is "supported", its month comes out as "M12".
    const Real = Intl.DateTimeFormat;
    vi.spyOn(Intl, 'DateTimeFormat').mockImplementation(function (
      locale: string,
      options?: Intl.DateTimeFormatOptions,
    ) {
      const real = new Real(locale, options);
      if (locale !== 'kk') return real;
      return {
        format: () => '2026 M12 5 10:30',
        formatToParts: () => [{ type: 'month', value: 'M12' }],
        resolvedOptions: () => real.resolvedOptions(),
      };
    } as unknown as typeof Intl.DateTimeFormat);
    language = 'kk';
    expect(browserNamesMonths('kk')).toBe(false);
    expect(dateTime(new Date(2026, 11, 5, 9, 7).toISOString())).toBe('2026 ж. 5 жел., 09:07');
    expect(dateTime(new Date(2027, 0, 31, 23, 59).toISOString())).toBe('2027 ж. 31 қаң., 23:59');
  });
});
