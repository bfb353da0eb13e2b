import { z } from 'zod';
import { idSchema } from './documents.js';
import { FLOOR_KINDS, MAX_SPEAKING_SECONDS, type FloorKind } from '../domain/floor.js';
export { FLOOR_KINDS, FLOOR_PRECEDENCE, MAX_SPEAKING_SECONDS, type FloorKind } from '../domain/floor.js';

/**
 * The floor: who speaks in a meeting on a document. A delegation requests the floor (general, or on a clause
 * or an amendment); the chair keeps the list, grants, skips and ends, and may set a speaking time.
 */

/** What a speaker will speak on. */
export const floorSubjectSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('general') }).strict(),
  z.object({ type: z.literal('clause'), id: idSchema }).strict(),
  z.object({ type: z.literal('amendment'), id: idSchema }).strict(),
]);
export type FloorSubject = z.infer<typeof floorSubjectSchema>;

/** `POST /api/documents/:id/floor` — the delegation of the person asking; general and a speaker by default. */
export const requestFloorRequest = z
  .object({
    subject: floorSubjectSchema.optional(),
    kind: z.enum(FLOOR_KINDS).optional(),
  })
  .strict();
export type RequestFloorRequest = z.infer<typeof requestFloorRequest>;

/** `POST /api/documents/:id/floor/requests/:requestId/move` — one place up or down the list. */
export const moveFloorRequest = z.object({ direction: z.enum(['up', 'down']) }).strict();

/**
 * `POST /api/documents/:id/floor/settings` — the chair closes or reopens the list of speakers and sets the
 * speaking time (seconds, 10 to an hour; null: no limit). At least one of them.
 */
export const floorSettingsRequest = z
  .object({
    open: z.boolean().optional(),
    speakingTimeSeconds: z.number().int().min(10).max(MAX_SPEAKING_SECONDS).nullable().optional(),
  })
  .strict()
  .refine((body) => body.open !== undefined || body.speakingTimeSeconds !== undefined, {
    message: 'Give open or speakingTimeSeconds.',
  });
export type FloorSettingsRequest = z.infer<typeof floorSettingsRequest>;

/** One request for the floor, waiting or speaking. */
export interface FloorEntryJson {
  id: string;
  /** ISO 3166-1 alpha-3 code of the delegation that asked. */
  delegation: string;
  subject: FloorSubject;
  kind: FloorKind;
  /** Username of who asked for the delegation. */
  requestedBy: string;
  requestedAt: string;
  /** When the chair gave the floor (the current speaker only). */
  grantedAt: string | null;
  /** The speaking time given with the floor, in seconds; null without a limit (the current speaker only). */
  speakingSeconds: number | null;
}

/** `GET /api/documents/:id/floor`: the current speaker, the list in the order it will be heard, the settings. */
export interface FloorJson {
  documentId: string;
  current: FloorEntryJson | null;
  queue: FloorEntryJson[];
  /** False once the chair closed the list: no new speakers (points of order and rights of reply still). */
  open: boolean;
  /** The speaking time the chair set, in seconds; null: no limit. */
  speakingTimeSeconds: number | null;
  /** The server's clock when this was read, so a client can run the speaker's clock against its own. */
  now: string;
}

/** What changed on the floor, as the `floor:changed` event says it. */
export const FLOOR_CHANGES = [
  'requested',
  'withdrawn',
  'granted',
  'skipped',
  'ended',
  'moved',
  'closed',
  'reopened',
  'timed',
] as const;
export type FloorChange = (typeof FLOOR_CHANGES)[number];

/** `floor:changed`: the floor as it now stands, whole (a list is short), and what changed. */
export interface FloorChanged {
  documentId: string;
  change: FloorChange;
  by: string;
  floor: FloorJson;
}
