import type {
  EmailPreferenceJson,
  NotificationAdded,
  NotificationJson,
  NotificationListResponse,
  NotificationsRead,
} from '../../shared/api/notifications.js';

/**
 * The notification centre's state: the notifications read so far (newest first), the person's unread count,
 * and where the next (older) page starts. One reducer, fed by the list's pages, the socket's events and the
 * person's own marks; the bell and the panel draw from it.
 */
export interface CentreState {
  items: NotificationJson[];
  unread: number;
  /** The cursor of the next older page; null once the oldest is read. */
  next: string | null;
  /** False until the first page arrived. */
  loaded: boolean;
  /** Whether they are also e-mailed, and where; null until the first page. */
  email: EmailPreferenceJson | null;
}

export type CentreEvent =
  /** The first page (a reload replaces what was known: the list is read again on each reconnect). */
  | { type: 'loaded'; page: NotificationListResponse }
  /** An older page, asked for with `next`. */
  | { type: 'more'; page: NotificationListResponse }
  | { type: 'added'; event: NotificationAdded }
  /** Marked read, here or in another tab (`notifications:read`), or by this tab's request's answer. */
  | { type: 'read'; event: NotificationsRead }
  /** The person turned e-mail on or off (the answer of their request). */
  | { type: 'email'; email: EmailPreferenceJson };

export const EMPTY_CENTRE: CentreState = { items: [], unread: 0, next: null, loaded: false, email: null };

/** Most notifications a tab keeps in memory (the server keeps 500; older ones are paged in on demand). */
const KEPT = 500;

export function centreReducer(state: CentreState, event: CentreEvent): CentreState {
  switch (event.type) {
    case 'loaded': {
      // Notifications pushed while the page was being read stay (the page may predate them).
      const ids = new Set(event.page.notifications.map((n) => n.id));
      const newer = state.items.filter((n) => !ids.has(n.id) && isNewer(n, event.page.notifications[0]));
      return {
        items: [...newer, ...event.page.notifications],
        // The page's count predates what was pushed meanwhile.
        unread: event.page.unread + newer.filter((n) => n.readAt === null).length,
        next: event.page.next,
        loaded: true,
        email: event.page.email,
      };
    }
    case 'more': {
      const known = new Set(state.items.map((n) => n.id));
      const older = event.page.notifications.filter((n) => !known.has(n.id));
      return { ...state, items: [...state.items, ...older], next: event.page.next, unread: event.page.unread };
    }
    case 'added': {
      if (state.items.some((n) => n.id === event.event.notification.id))
        return { ...state, unread: event.event.unread };
      return { ...state, items: [event.event.notification, ...state.items].slice(0, KEPT), unread: event.event.unread };
    }
    case 'read': {
      const { ids, readAt, unread } = event.event;
      const marks = ids === 'all' ? undefined : new Set(ids);
      const items = state.items.map((n) => (n.readAt === null && (!marks || marks.has(n.id)) ? { ...n, readAt } : n));
      return { ...state, items, unread };
    }
    case 'email':
      return { ...state, email: event.email };
  }
}

function isNewer(n: NotificationJson, than: NotificationJson | undefined): boolean {
  return !than || n.createdAt > than.createdAt;
}

/** The unread count as the bell shows it: "9+" past nine, nothing at none. */
export function badgeText(unread: number): string {
  if (unread <= 0) return '';
  return unread > 9 ? '9+' : String(unread);
}
