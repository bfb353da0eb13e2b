import type { UnfinishedItem } from '../../shared/domain/unfinished.js';
import { ApiError } from './http.js';

/**
 * The acknowledgement of unfinished work, on the console's side. Before a vote on the whole text opens, and
 * before the chair adopts without a vote, the server refuses with 409 `needs_acknowledgement` and the list of
 * what is unfinished (`NeedsAcknowledgementBody`); the console shows it, and the chair's second press sends
 * the same request with `acknowledge: true`. What the chair read may be stale by then (a clause agreed, an
 * amendment proposed, someone typing): the second press asks the server again first and goes ahead only when
 * nothing is listed that the chair has not seen.
 */

/** The items of a `needs_acknowledgement` refusal, or null for any other error. */
export function acknowledgementItems(error: unknown): UnfinishedItem[] | null {
  if (!(error instanceof ApiError) || error.id !== 'needs_acknowledgement') return null;
  const items = error.details.items;
  return Array.isArray(items) ? (items as UnfinishedItem[]) : [];
}

/** What makes an item the same one across two lists: its kind and what it names (a count or status may move). */
export function itemKey(item: UnfinishedItem): string {
  switch (item.kind) {
    case 'amendment_undecided':
      return `${item.kind}:${item.amendmentId}`;
    case 'open_vote':
      return `${item.kind}:${item.voteId}`;
    case 'translation_unfinished':
      return `${item.kind}:${item.lang}`;
    default:
      return `${item.kind}:${item.clauseId}`;
  }
}

/** The items of `now` that `shown` did not list: what the chair has not seen. */
export function notShown(shown: readonly UnfinishedItem[], now: readonly UnfinishedItem[]): UnfinishedItem[] {
  const seen = new Set(shown.map(itemKey));
  return now.filter((item) => !seen.has(itemKey(item)));
}

/** The answer of a confirmed request, or the list the server gives now when it holds what the chair has not seen. */
export type Confirmed<T> = { done: T } | { relisted: UnfinishedItem[] };

/** The body of a request the server may hold back as unfinished, and carry out once acknowledged. */
export interface Acknowledgeable {
  acknowledge?: boolean;
}

/**
 * The chair's second press on a list they read: asks the server again with `body` as it was (`request` sends
 * it by its route); when the text is finished by now that is the answer, when it is still unfinished with
 * nothing beyond `shown` the request goes again with `acknowledge: true`, and when the list holds anything new
 * it comes back to be read.
 */
export async function sendAcknowledged<B extends Acknowledgeable, R>(
  request: (body: B) => Promise<R>,
  body: B,
  shown: readonly UnfinishedItem[],
): Promise<Confirmed<R>> {
  try {
    return { done: await request(body) };
  } catch (error) {
    const items = acknowledgementItems(error);
    if (!items) throw error;
    if (notShown(shown, items).length) return { relisted: items };
    return { done: await request({ ...body, acknowledge: true }) };
  }
}
