import { currentLanguage, t } from './index.js';

const STYLE: Intl.DateTimeFormatOptions = { dateStyle: 'medium', timeStyle: 'short' };
const named = new Map<string, boolean>();

/**
 * Whether the browser's data names the months of `language`: a browser may carry a locale without its words
 * (Chromium's reduced data formats Kazakh as "2026 M12 5"), and then Accord's own words are used.
 */
export function browserNamesMonths(language: string): boolean {
  let known = named.get(language);
  if (known === undefined) {
    const month = new Intl.DateTimeFormat(language, { month: 'short' })
      .formatToParts(new Date(2026, 11, 5))
      .find((p) => p.type === 'month')?.value;
    known = month !== undefined && !/^M?\d+$/.test(month);
    named.set(language, known);
  }
  return known;
}

/** A date and time as people of the interface language read it ("5 Dec 2026, 10:30"), in local time. */
export function dateTime(iso: string): string {
  const date = new Date(iso);
  const language = currentLanguage();
  if (browserNamesMonths(language)) return new Intl.DateTimeFormat(language, STYLE).format(date);
  const months = t('dates.months', { returnObjects: true }) as unknown as string[];
  const pad = (n: number): string => String(n).padStart(2, '0');
  return t('dates.dateTime', {
    year: date.getFullYear(),
    month: months[date.getMonth()],
    day: date.getDate(),
    time: `${pad(date.getHours())}:${pad(date.getMinutes())}`,
  });
}
