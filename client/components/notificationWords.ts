import type { NotificationJson } from '../../shared/api/notifications.js';
import { currentLanguage, t } from '../i18n/index.js';
import { dateTime } from '../i18n/dates.js';

/** A notification's sentence in the interface language, from its kind and params (nothing stored is worded). */
export function notificationText(n: Pick<NotificationJson, 'kind' | 'params'>): string {
  const p = n.params;
  return t(`notifications:kinds.${n.kind}`, {
    ...p,
    subject: p.subject ? t(`notifications:subjects.${p.subject}`) : '',
    outcome: p.outcome ? t(`notifications:outcomes.${p.outcome}`) : '',
    deadline: p.deadline ? dateTime(p.deadline) : '',
    clauseRef: p.clauseRef || '—',
  });
}

const UNITS: [Intl.RelativeTimeFormatUnit, number, string][] = [
  ['minute', 60, 'minutes'],
  ['hour', 3600, 'hours'],
  ['day', 86_400, 'days'],
];
const readable = new Map<string, boolean>();

/**
 * How long ago `iso` was, as the interface language says it ("5 min ago", "5 мин назад"), through
 * `Intl.RelativeTimeFormat` where the browser has the language's words (Chromium's reduced data may not),
 * else Accord's own; past a week, the date and time.
 */
export function relativeTime(iso: string, now = Date.now()): string {
  const seconds = Math.max(0, Math.round((now - Date.parse(iso)) / 1000));
  if (seconds < 45) return t('notifications:ago.now');
  if (seconds >= 7 * 86_400) return dateTime(iso);
  const [unit, size, key] = seconds < 3600 ? UNITS[0]! : seconds < 86_400 ? UNITS[1]! : UNITS[2]!;
  const n = Math.max(1, Math.round(seconds / size));
  const language = currentLanguage();
  const format = new Intl.RelativeTimeFormat(language, { numeric: 'auto', style: 'short' });
  let known = readable.get(language);
  if (known === undefined) {
    // A browser without the language's data answers in English: Russian and Kazakh never read in Latin letters.
    known = language === 'en' || !/[A-Za-z]/.test(format.format(-5, 'minute'));
    readable.set(language, known);
  }
  return known ? format.format(-n, unit) : t(`notifications:ago.${key}`, { n });
}
