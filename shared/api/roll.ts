import { z } from 'zod';
import { iso3Schema } from './admin.js';

/**
 * The roll of a meeting on a document: the secretariat or the chair opens it, records the delegations present
 * (a head may check in while it is open) and closes it. The latest roll is the meeting's: a vote closed after
 * it was opened counts "present" and its quorum from it (`tally`'s `roll`).
 */

/** `POST /api/documents/:id/roll/entries` — a delegation recorded present, or taken off the roll. */
export const recordPresenceRequest = z.object({ delegation: iso3Schema, present: z.boolean() }).strict();
export type RecordPresenceRequest = z.infer<typeof recordPresenceRequest>;

/** `POST /api/documents/:id/roll` — a new roll for a meeting, with an optional name ("3rd plenary meeting"). */
export const openRollRequest = z.object({ meeting: z.string().trim().min(1).max(200).optional() }).strict();

/** One delegation on the roll. */
export interface RollEntryJson {
  delegation: string;
  /** `recorded` by the secretariat or the chair, or `checked_in` by the delegation's head. */
  how: 'recorded' | 'checked_in';
  by: string;
  at: string;
}

/** A roll: open while delegations are being recorded, closed once taken. */
export interface RollJson {
  id: string;
  documentId: string;
  meeting: string | null;
  status: 'open' | 'closed';
  openedBy: string;
  openedAt: string;
  closedAt: string | null;
  /** The delegations present, by code. */
  present: RollEntryJson[];
}

/** `GET /api/documents/:id/roll`: the meeting's roll (the latest), or null when none was taken. */
export interface RollResponse {
  roll: RollJson | null;
}

/** `roll:changed`: the roll as it now stands, whole, and what changed. */
export interface RollChanged {
  documentId: string;
  change: 'opened' | 'recorded' | 'removed' | 'checked_in' | 'closed';
  by: string;
  roll: RollJson;
}
