import type { Role } from './roles.js';

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
