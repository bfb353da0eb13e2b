import type { NotificationKind, NotificationParams } from '../../shared/api/notifications.js';
import { parseMentions } from '../../shared/domain/mentions.js';
import type { EventName, Payload } from '../realtime/broadcast.js';

/** Whom a notification is for, before the people are looked up (`recipients.ts`). */
export type Recipients =
  /** Every member (head, delegate) of these delegations. */
  | { delegations: string[] }
  /** Every member of every delegation registered in the document's conference: a vote's electorate. */
  | { electorate: true }
  /** Everyone following the text: members of the registered delegations, the chair and the secretariat. */
  | { followers: true }
  /** These people, by username (those that exist). */
  | { usernames: string[] };

/** A notification to make, for whom. */
export interface Intent {
  kind: NotificationKind;
  documentId: string;
  params: NotificationParams;
  to: Recipients[];
  /** Username of whoever caused it: nobody is notified of their own act. */
  except: string | null;
}

/** Amendment changes that decide one: its delegation hears of them. */
const DECISIONS = new Set(['accepted', 'rejected', 'adopted', 'not_adopted', 'lapsed']);
/** How much of a comment a mention quotes. */
const EXCERPT_CHARS = 140;

/**
 * The notifications an event after commit calls for. Everything a notification needs is in the events the
 * commands already announce to the document's room, so no command has to know about notifications: this reads
 * them, as the public gallery and the silence clock do. Events to other rooms, and events that concern no one
 * in particular, call for none.
 */
export function deriveNotifications<E extends EventName>(event: E, payload: Payload<E>): Intent[] {
  const p = payload as Payload<EventName>;
  switch (event) {
    case 'vote:opened':
      return fromVote(p as Payload<'vote:opened'>);
    case 'silence:changed':
      return fromSilence(p as Payload<'silence:changed'>);
    case 'amendment:changed':
      return fromAmendment(p as Payload<'amendment:changed'>);
    case 'comment:added':
      return fromComment(p as Payload<'comment:added'>);
    case 'floor:changed':
      return fromFloor(p as Payload<'floor:changed'>);
    default:
      return [];
  }
}

function fromVote({ vote }: Payload<'vote:opened'>): Intent[] {
  return [
    {
      kind: 'vote_opened',
      documentId: vote.documentId,
      params: { voteId: vote.id, subject: vote.subject.type, rule: vote.rule },
      to: [{ electorate: true }],
      except: null,
    },
  ];
}

function fromSilence(e: Payload<'silence:changed'>): Intent[] {
  const base = { documentId: e.documentId, to: [{ followers: true as const }], except: e.by };
  if (e.change === 'started') {
    return [{ ...base, kind: 'silence_started', params: { silenceId: e.silence.id, deadline: e.silence.deadline } }];
  }
  if (e.change === 'broken') {
    const last = e.silence.breaks.at(-1);
    return [
      { ...base, kind: 'silence_broken', params: { silenceId: e.silence.id, delegation: last?.delegation ?? '' } },
    ];
  }
  return [{ ...base, kind: 'silence_ended', params: { silenceId: e.silence.id, outcome: e.change } }];
}

function fromAmendment(e: Payload<'amendment:changed'>): Intent[] {
  if (!DECISIONS.has(e.change)) return [];
  const { amendment } = e;
  return [
    {
      kind: 'amendment_decided',
      documentId: e.documentId,
      params: {
        amendmentId: amendment.id,
        clauseId: amendment.clauseId,
        clauseRef: amendment.clauseRef ?? '',
        outcome: e.change,
      },
      to: [{ delegations: [amendment.delegation] }],
      except: e.by,
    },
  ];
}

function fromComment({ documentId, comment }: Payload<'comment:added'>): Intent[] {
  // The comment's delegations are the ones the server kept (those that exist); people are parsed here.
  const { usernames } = parseMentions(comment.body);
  if (comment.mentions.length === 0 && usernames.length === 0) return [];
  const excerpt = comment.body.length > EXCERPT_CHARS ? `${comment.body.slice(0, EXCERPT_CHARS - 1)}…` : comment.body;
  return [
    {
      kind: 'mentioned',
      documentId,
      params: { by: comment.author.displayName, clauseId: comment.clauseId, commentId: comment.id, excerpt },
      to: [{ delegations: comment.mentions }, { usernames }],
      except: comment.author.username,
    },
  ];
}

function fromFloor(e: Payload<'floor:changed'>): Intent[] {
  const current = e.floor.current;
  if (e.change !== 'granted' || !current) return [];
  return [
    {
      kind: 'floor_given',
      documentId: e.documentId,
      params: { delegation: current.delegation, floorKind: current.kind },
      to: [{ delegations: [current.delegation] }],
      except: e.by,
    },
  ];
}
