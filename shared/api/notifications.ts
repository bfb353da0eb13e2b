import { z } from 'zod';
import { idSchema } from './documents.js';
import { route } from './route.js';
import type { NotificationJson } from '../domain/notifications.js';
export {
  NOTIFICATION_KINDS,
  notificationPath,
  type NotificationJson,
  type NotificationKind,
  type NotificationParams,
} from '../domain/notifications.js';

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
