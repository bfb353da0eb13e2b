import type { AmendmentJson } from '../../shared/api/amendments.js';
import type { CommentJson } from '../../shared/api/comments.js';
import type { AmendmentChanged, CommentChanged } from '../../shared/protocol/events.js';
import { ROUTES } from '../../shared/api/routes.js';
import { call } from '../api/http.js';
import { eventsWhileReading, upsertComment, withClauseAmendments, withClauseRead } from '../api/liveLists.js';
import {
  NO_NEGOTIATION,
  pendingCount,
  withAmendments,
  withComment,
  withSeen,
  type NegotiationData,
} from '../api/negotiationReducers.js';

/**
 * A document's comments (with the reader's unread counts per clause) and amendments, as the document page
 * holds them: read from the server, then kept by the events (client/api/negotiationReducers.ts), which bring
 * comments and the amendment that changed whole. A list may have been read before the events that arrive while it
 * travels: they are applied to it again. `data` is a new object after every change.
 */
export class NegotiationLists {
  data: NegotiationData = NO_NEGOTIATION;
  private readonly commentEvents = eventsWhileReading<CommentJson>();
  private readonly amendmentEvents = eventsWhileReading<AmendmentChanged>();

  /**
   * @param documentId the document whose lists these are
   * @param username the reader, whose own comments are never unread
   */
  constructor(
    private readonly documentId: string,
    private readonly username: string,
  ) {}

  get comments(): CommentJson[] {
    return this.data.comments;
  }

  get unread(): Record<string, number> {
    return this.data.unread;
  }

  get amendments(): AmendmentJson[] {
    return this.data.amendments;
  }

  async loadComments(): Promise<void> {
    const res = await this.commentEvents.read(
      () => call(ROUTES.comments, { params: { id: this.documentId } }),
      (read, comment) => ({ ...read, comments: upsertComment(read.comments, comment) }),
    );
    this.data = { ...this.data, comments: res.comments, unread: res.unread };
  }

  async loadAmendments(): Promise<void> {
    const res = await this.amendmentEvents.read(
      () => call(ROUTES.amendments, { params: { id: this.documentId } }),
      (read, e) => ({ amendments: withClauseAmendments(read.amendments, e) }),
    );
    this.data = { ...this.data, amendments: res.amendments };
  }

  /**
   * Reads one clause's amendments again, keeping the rest: after a change of its text, their diffs against
   * today's text, which the event does not carry.
   */
  async loadClauseAmendments(clauseId: string): Promise<void> {
    const res = await this.amendmentEvents.read(
      () => call(ROUTES.amendments, { params: { id: this.documentId }, query: { clauseId } }),
      (read, e) => ({ amendments: withClauseAmendments(read.amendments, e) }),
    );
    this.data = { ...this.data, amendments: withClauseRead(this.data.amendments, clauseId, res.amendments) };
  }

  /** The reader has seen a clause's comments: none unread there any more, here and on the server. */
  async markRead(clauseId: string): Promise<void> {
    this.data = withSeen(this.data, clauseId);
    await call(ROUTES.markCommentsRead, { params: { id: this.documentId }, body: { clauseId } }).catch(() => {});
  }

  /** A comment added, resolved or reopened; someone else's new comment is unread. */
  commentChanged(e: CommentChanged): void {
    this.data = withComment(this.data, e, this.username);
    this.commentEvents.record(e.comment);
  }

  /** An amendment changed: it, and what it moved in its clause's others. */
  amendmentChanged(e: AmendmentChanged): void {
    this.data = withAmendments(this.data, e);
    this.amendmentEvents.record(e);
  }

  /** How many amendments await a decision. */
  pendingCount(): number {
    return pendingCount(this.data);
  }
}
