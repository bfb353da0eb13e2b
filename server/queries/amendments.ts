import type { AppContext } from '../context.js';
import type { AmendmentRow } from '../db/repositories/amendments.js';
import { HttpError } from '../http/errors.js';

/** The amendment, or undefined when there is none with this id. */
export function findAmendment(ctx: AppContext, id: string): Promise<AmendmentRow | undefined> {
  return ctx.store.amendments.get(id);
}

/** The amendment, or 404 `amendment_not_found`. */
export async function loadAmendment(ctx: AppContext, id: string): Promise<AmendmentRow> {
  const row = await findAmendment(ctx, id);
  if (!row) throw HttpError.of('amendment_not_found', `No amendment ${id}.`);
  return row;
}

/**
 * 409 unless the amendment still awaits a decision as submitted, with an id saying why: it was withdrawn, it
 * is before a vote, or it was already decided.
 */
export function requireSubmitted(row: AmendmentRow): void {
  if (row.status === 'submitted') return;
  if (row.status === 'withdrawn') throw HttpError.of('amendment_withdrawn');
  if (row.status === 'put_to_vote') throw HttpError.of('amendment_in_vote');
  throw HttpError.of(
    'amendment_decided',
    `This amendment has already been decided (${row.status.replace(/_/g, ' ')}).`,
  );
}
