import type { NotificationJson, NotificationKind } from '../../shared/api/notifications.js';
import type { NotificationRow } from '../db/repositories/notifications.js';

/** A stored notification as its person reads it. */
export function presentNotification(row: NotificationRow): NotificationJson {
  return {
    id: row.id,
    kind: row.kind as NotificationKind,
    documentId: row.document_id,
    params: JSON.parse(row.params) as Record<string, string>,
    createdAt: row.created_at,
    readAt: row.read_at,
  };
}
