import type { TranslationStatusChanged } from '../api/languages.js';
import type { Stage } from '../domain/stages.js';
import type { ClauseKind, ClauseStatus } from '../domain/clauses.js';
import type { CommentJson } from '../api/comments.js';
import type { AmendmentJson } from '../api/amendments.js';
import type { BracketChanged } from '../api/brackets.js';
import type { SuggestionsChanged } from '../api/suggestions.js';
import type { PublicationChanged } from '../api/gallery.js';
import type {
  AlternateChanged,
  BallotCast,
  EndorsementsChanged,
  ExplanationAdded,
  LiveTally,
  NowDiscussingChanged,
  VoteChanged,
  VoteProgress,
} from '../api/votes.js';
import type { FloorChanged } from '../api/floor.js';
import type { RollChanged } from '../api/roll.js';
import type { SilenceChanged } from '../api/silence.js';
import type { NotificationAdded, NotificationsRead } from '../api/notifications.js';

/** Bumped whenever an event's shape changes incompatibly; the client shows "please reload" on mismatch. */
export const PROTOCOL_VERSION = 2;

/** Socket.io room of everyone following a document. */
export const documentRoom = (documentId: string): string => `doc:${documentId}`;
/** Socket.io room of one delegation's members (their own ballot, their amendments). */
export const delegationRoom = (code: string): string => `delegation:${code}`;
/** Socket.io room of one user's sockets (every tab), e.g. to end them at logout. */
export const userRoom = (userId: string): string => `user:${userId}`;

export interface StageChanged {
  documentId: string;
  stage: Stage;
  by: string;
  /** Why the chair moved the text back (a move back always says why); absent otherwise. */
  reason?: string;
}

export interface ClauseStatusChanged {
  documentId: string;
  clauseId: string;
  status: ClauseStatus;
  by: string;
}

/** A clause's kind changed (its numbering with it); order and text changes arrive over the collab socket. */
export interface ClauseKindChanged {
  documentId: string;
  clauseId: string;
  kind: ClauseKind;
  by: string;
}

/** Events the server pushes. Features add theirs here, one group per feature. */
export interface DocumentEvents {
  'document:stage': (event: StageChanged) => void;
  'clause:status': (event: ClauseStatusChanged) => void;
  'clause:kind': (event: ClauseKindChanged) => void;
  /** A clause's language version was marked draft or current (`docs/languages.md`). */
  'translation:status': (event: TranslationStatusChanged) => void;
  /** The chair published the document to the public gallery or withdrew it. */
  'document:publication': (event: PublicationChanged) => void;
}

export interface SessionEvents {
  /** The session ended (logout elsewhere, account removed): the client returns to the login page. */
  'session:ended': (event: { reason: 'logout' | 'expired' }) => void;
  /** Sent once on connect, so a stale client can tell it must reload. */
  hello: (event: { protocolVersion: number }) => void;
}

/**
 * Comments, amendments and revisions: the payload says what changed; comments come whole, and amendments
 * with every amendment of their clause (a room of a thousand readers would otherwise re-read them all for
 * each change); clients refetch what else they show.
 */
export interface NegotiationEvents {
  'comment:added': (event: CommentChanged) => void;
  'comment:updated': (event: CommentChanged) => void;
  'amendment:changed': (event: AmendmentChanged) => void;
  /** A bracket was placed, its alternatives changed, or it was resolved: the bracket comes whole. */
  'bracket:changed': (event: BracketChanged) => void;
  /** Suggestions were accepted, rejected or withdrawn, or the secretariat required or released them. */
  'suggestion:changed': (event: SuggestionsChanged) => void;
  'revision:published': (event: RevisionPublished) => void;
}

export interface CommentChanged {
  documentId: string;
  clauseId: string;
  commentId: string;
  /** The thread's first comment (the comment itself when it starts a thread). */
  threadId: string;
  change: 'added' | 'resolved' | 'reopened';
  by: string;
  /** The comment added, or the thread's first comment as it now stands, as every reader may see it. */
  comment: CommentJson;
}

/**
 * An amendment changed: it comes whole, as the list presents it, and of the clause's other amendments only
 * what the change moved. An event is written to every socket in the room (1,200 in a plenary), so its size is
 * multiplied by the room. Carrying every amendment of the clause, the n-th of ten 20,000-character proposals
 * on one clause brought n texts and word diffs (46 kB each) to every socket: 2.5 MB for the ten, 3 GB of
 * socket writes for 1,200 sockets on the one event loop. Carrying one, the ten are 0.47 MB.
 */
export interface AmendmentChanged {
  documentId: string;
  clauseId: string;
  amendmentId: string;
  status: string;
  change:
    | 'proposed'
    | 'cosponsored'
    | 'cosponsor_left'
    | 'withdrawn'
    | 'accepted'
    | 'rejected'
    | 'put_to_vote'
    | 'adopted'
    | 'not_adopted'
    | 'lapsed';
  by: string;
  /** The amendment that changed, as it now stands (the same view as the list). */
  amendment: AmendmentJson;
  /**
   * The clause's other amendments whose view this change altered, with only the fields it altered, and the
   * amendments of other clauses the change renumbered (only their `clauseRef`).
   */
  others: AmendmentPatch[];
}

/**
 * What one amendment's change can alter in another's view, never a text or a diff. Entering or leaving the
 * pending amendments adds or removes it from the `conflictsWith` of those it competes with. A change of the
 * clause's text (an accepted or adopted amendment) can also alter whether another is `stale`, whether its
 * clause is gone (`clauseDeleted`, `clauseRef`) and where its span's words are (`span`); those fields come
 * then. Its word diffs against today's text (`diffCurrent`, and `diff` of a pending amendment on words still
 * as quoted) move too and do not come: a reader that shows them reads the clause's amendments again, as it
 * reads the text again after such a change. No change of one amendment alters another's status, co-sponsors,
 * texts or dates (an adoption lapses each pending amendment with an event of its own). A clause inserted or
 * deleted renumbers the clauses of its kind after it: the amendments of those clauses come too, with only
 * their `clauseRef`.
 */
export type AmendmentPatch = Pick<AmendmentJson, 'id'> &
  Partial<Pick<AmendmentJson, 'conflictsWith' | 'stale' | 'clauseDeleted' | 'clauseRef' | 'span'>>;

export interface RevisionPublished {
  documentId: string;
  revisionId: string;
  name: string;
  by: string;
}

/**
 * Votes, endorsements and the chair's pointer. Choices travel only in `vote:ballot` (to the casting
 * delegation's room) and `vote:tally` (to the chair's sockets); everyone following the document learns who
 * has voted (`vote:progress`), then the result and the recorded vote (`vote:closed`), or that the vote lapsed
 * at adoption (`vote:lapsed`).
 */
export interface VotingEvents {
  'vote:opened': (event: VoteChanged) => void;
  'vote:progress': (event: VoteProgress) => void;
  'vote:ballot': (event: BallotCast) => void;
  'vote:tally': (event: LiveTally) => void;
  'vote:closed': (event: VoteChanged) => void;
  /** A vote still open when the text was adopted ended without a result (its `status` is `lapsed`). */
  'vote:lapsed': (event: VoteChanged) => void;
  'vote:explanation': (event: ExplanationAdded) => void;
  'endorsements:changed': (event: EndorsementsChanged) => void;
  'document:nowDiscussing': (event: NowDiscussingChanged) => void;
  'delegation:alternate': (event: AlternateChanged) => void;
}

/** The meeting: who has the floor and who waits for it, and the roll, whole after every change, to everyone following. */
export interface MeetingEvents {
  'floor:changed': (event: FloorChanged) => void;
  'roll:changed': (event: RollChanged) => void;
  'silence:changed': (event: SilenceChanged) => void;
}

/** One person's notifications, to their `{ user }` room: every tab keeps its bell in step. */
export interface NotificationEvents {
  'notification:added': (event: NotificationAdded) => void;
  'notifications:read': (event: NotificationsRead) => void;
}

export type ServerToClientEvents = DocumentEvents &
  SessionEvents &
  NegotiationEvents &
  VotingEvents &
  MeetingEvents &
  NotificationEvents;

/**
 * The response header of a read of a document or of what lies under it (`GET /api/documents/:id/...`): the
 * document's event sequence, read before the state the answer holds (docs/api.md).
 */
export const EVENTS_SEQ_HEADER = 'Accord-Events-Seq';

/** A refusal of what the client sent, with the server's stable id (`rate_limited`, `document_not_found`...). */
export interface AckRefusal {
  ok: false;
  error: { id: string; message: string };
}

export type Ack = (result: { ok: true } | AckRefusal) => void;

/**
 * The answer to `document:join`. `seq` is the document's event sequence read once the socket is in the room:
 * every event it counts went out before (a screen whose reads carried a lower `Accord-Events-Seq` may have
 * missed some, and reads again), and every later one reaches the socket.
 */
export type JoinAck = (result: { ok: true; seq: number } | AckRefusal) => void;

/** Events the client sends; every payload is parsed on the server before use. */
export interface ClientToServerEvents {
  'document:join': (payload: { documentId: string }, ack: JoinAck) => void;
  'document:leave': (payload: { documentId: string }) => void;
}
