import { HttpError } from '../http/errors.js';

/** A meeting as a time range of the ledger: ISO date-times, either end open (null). */
export interface MeetingRange {
  from: string | null;
  to: string | null;
}

const DAY = /^\d{4}-\d{2}-\d{2}$/;

/**
 * `from`/`to` as the query gives them: a day (`2025-10-16`, the whole of it: from its start, to its end) or a
 * date-time with its zone. Neither: the document's whole history. 400 `invalid_range` for a date that is not
 * one, or a range that ends before it starts.
 */
export function meetingRange(from: string | undefined, to: string | undefined): MeetingRange {
  const start = from === undefined ? null : instant(from, 'from', false);
  const end = to === undefined ? null : instant(to, 'to', true);
  if (start && end && start > end)
    throw HttpError.of('invalid_range', 'The meeting ends before it starts: give a “to” after “from”.', 'to');
  return { from: start, to: end };
}

function instant(value: string, field: 'from' | 'to', endOfDay: boolean): string {
  const text = DAY.test(value) ? `${value}T${endOfDay ? '23:59:59.999' : '00:00:00.000'}Z` : value;
  const date = new Date(text);
  if (!/^\d{4}-\d{2}-\d{2}(T[\d:.]+(Z|[+-]\d{2}:\d{2}))?$/.test(text) || Number.isNaN(date.getTime()))
    throw HttpError.of(
      'invalid_range',
      `“${value.slice(0, 40)}” is not a date (2025-10-16) or a date-time (2025-10-16T10:00:00Z).`,
      field,
    );
  return date.toISOString();
}

/** Whether a ledger entry's time falls within the range. */
export function within(range: MeetingRange, at: string): boolean {
  const time = new Date(at).toISOString();
  return (!range.from || time >= range.from) && (!range.to || time <= range.to);
}
