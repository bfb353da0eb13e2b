import { z } from 'zod';
import type { Role } from '../domain/roles.js';
import { idSchema } from './documents.js';
import { route } from './route.js';

/**
 * Notifications: what happened that concerns one person (docs/meeting.md, "Notifications"). Each is a kind
 * and the values its sentence needs (`params`); the reader's language words it (client locales, the e-mail's
 * wording on the server), so nothing stored is in any language.
 */
export const NOTIFICATION_KINDS = [
  /** A vote opened: to every member of a delegation in its electorate. */
  'vote_opened',
  /** A silence procedure started, was broken, or ended (withdrawn or passed): to everyone following the text. */
  'silence_started',
  'silence_broken',
  'silence_ended',
  /** The delegation's amendment was accepted, rejected, adopted, not adopted or lapsed: to its members. */
  'amendment_decided',
  /** A comment mentions the person by username, or their delegation by its code. */
  'mentioned',
  /** The chair gave the floor to the person's delegation. */
  'floor_given',
] as const;
export type NotificationKind = (typeof NOTIFICATION_KINDS)[number];

/**
 * What a notification's sentence names, by kind (all strings): `voteId`, `subject` (`amendment|clause|document`)
 * and `subjectRef` (the clause's reference, or empty) for a vote; `outcome` for a silence that ended
 * (`passed|withdrawn`) or an amendment decided (`accepted|rejected|adopted|not_adopted|lapsed`); `delegation`
 * for a silence broken and the floor given; `amendmentId`, `clauseId`, `clauseRef` for an amendment; `by` (a
 * display name), `clauseId`, `clauseRef`, `commentId` and `excerpt` for a mention.
 */
export type NotificationParams = Record<string, string>;

/** One notification as its person reads it. */
export interface NotificationJson {
  id: string;
  kind: NotificationKind;
  documentId: string;
  params: NotificationParams;
  createdAt: string;
  /** When the person marked it read; null while unread. */
  readAt: string | null;
}

/** Most notifications kept per person: older ones are pruned as new ones arrive. */
export const NOTIFICATIONS_KEPT = 500;
/** Most notifications in one page of the list. */
export const NOTIFICATIONS_PAGE = 30;

/** `GET /api/notifications?unread=1&before=<cursor>&limit=`: newest first. */
export const notificationListQuery = z.object({
  unread: z.enum(['1', 'true', '0', 'false']).optional(),
  /** The `next` of the previous page: the notifications older than it. */
  before: z
    .string()
    .regex(/^\d{1,15}$/, 'a cursor from `next`')
    .optional(),
  limit: z.coerce.number().int().min(1).max(100).optional(),
});

/**
 * The person's wish for e-mail (`enabled`, on unless they turned it off), where it would go (`address`, null
 * without one) and whether this server sends e-mail at all (`SMTP_URL`): e-mail is sent only with all three.
 */
export interface EmailPreferenceJson {
  enabled: boolean;
  address: string | null;
  serverSends: boolean;
}

/** A page of the list, the person's unread count, and the cursor of the next (older) page, null at the end. */
export interface NotificationListResponse {
  notifications: NotificationJson[];
  unread: number;
  next: string | null;
  email: EmailPreferenceJson;
}

/** `POST /api/notifications/email`: the person turns their notifications by e-mail on or off. */
export const emailPreferenceRequest = z.object({ enabled: z.boolean() }).strict();

/** `POST /api/notifications/read`: these ids (the person's own; others are ignored), or all of them. */
export const markNotificationsReadRequest = z
  .object({
    ids: z.array(idSchema).min(1).max(NOTIFICATIONS_KEPT).optional(),
    all: z.literal(true).optional(),
  })
  .strict()
  .refine((body) => (body.ids === undefined) !== (body.all === undefined), {
    message: 'Give either ids or all: true.',
    path: ['ids'],
  });

/** `notification:added`: a new notification for this person, and their unread count with it. */
export interface NotificationAdded {
  notification: NotificationJson;
  unread: number;
}

/** `notifications:read`: some (or all) were marked read, in some tab of this person's. */
export interface NotificationsRead {
  ids: string[] | 'all';
  readAt: string;
  unread: number;
}

/** The endpoints of the notification centre, part of `ROUTES` (routes.ts). */
export const NOTIFICATION_ROUTES = {
  notifications: route('GET', '/api/notifications', {
    query: notificationListQuery,
  }).returns<NotificationListResponse>(),
  markNotificationsRead: route('POST', '/api/notifications/read', {
    body: markNotificationsReadRequest,
  }).returns<{ unread: number }>(),
  /** The person's own wish, kept whether or not e-mail can be sent now. */
  setEmailPreference: route('POST', '/api/notifications/email', {
    body: emailPreferenceRequest,
  }).returns<EmailPreferenceJson>(),
} as const;

/**
 * Where a notification leads, as a path of the client (and of the e-mail's link): the vote on the
 * delegation's page, the clause, the silence panel of the reader's own screen.
 */
export function notificationPath(n: Pick<NotificationJson, 'kind' | 'documentId' | 'params'>, role: Role): string {
  const doc = `/documents/${encodeURIComponent(n.documentId)}`;
  const clause = n.params.clauseId ? `#clause-${encodeURIComponent(n.params.clauseId)}` : '';
  switch (n.kind) {
    case 'vote_opened':
      return isDelegate(role) ? `${doc}/delegation#vote-${encodeURIComponent(n.params.voteId ?? '')}` : doc;
    case 'silence_started':
    case 'silence_broken':
    case 'silence_ended':
      if (role === 'chair') return `${doc}/chair#chair-silence`;
      return isDelegate(role) ? `${doc}/delegation#delegation-silence` : doc;
    case 'floor_given':
      return isDelegate(role) ? `${doc}/delegation#delegation-floor` : doc;
    case 'amendment_decided':
    case 'mentioned':
      return `${doc}${clause}`;
  }
}

function isDelegate(role: Role): boolean {
  return role === 'head' || role === 'delegate';
}
