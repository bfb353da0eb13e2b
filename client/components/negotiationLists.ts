import type { AmendmentJson } from '../../shared/api/amendments.js';
import { isPending } from '../../shared/domain/amendments.js';
import type { CommentJson } from '../../shared/api/comments.js';
import type { AmendmentChanged, CommentChanged } from '../../shared/protocol/events.js';
import { ROUTES } from '../../shared/api/routes.js';
import { call } from '../api/http.js';
import { eventsWhileReading, upsertComment, withClauseAmendments } from '../api/liveLists.js';

/**
 * A document's comments (with the reader's unread counts per clause) and amendments, as the document page
 * holds them: read from the server, then kept by the events, which bring comments and a clause's amendments
 * whole. A list may have been read before the events that arrive while it travels: they are applied to it
 * again.
 */
export class NegotiationLists {
  comments: CommentJson[] = [];
  unread: Record<string, number> = {};
  amendments: AmendmentJson[] = [];
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

  async loadComments(): Promise<void> {
    const res = await this.commentEvents.read(
      () => call(ROUTES.comments, { params: { id: this.documentId } }),
      (read, comment) => ({ ...read, comments: upsertComment(read.comments, comment) }),
    );
    this.comments = res.comments;
    this.unread = res.unread;
  }

  async loadAmendments(): Promise<void> {
    const res = await this.amendmentEvents.read(
      () => call(ROUTES.amendments, { params: { id: this.documentId } }),
      (read, e) => ({ amendments: withClauseAmendments(read.amendments, e) }),
    );
    this.amendments = res.amendments;
  }

  /** The reader has seen a clause's comments: none unread there any more, here and on the server. */
  async markRead(clauseId: string): Promise<void> {
    this.unread = { ...this.unread, [clauseId]: 0 };
    await call(ROUTES.markCommentsRead, { params: { id: this.documentId }, body: { clauseId } }).catch(() => {});
  }

  /** A comment added, resolved or reopened; someone else's new comment is unread. */
  commentChanged(e: CommentChanged): void {
    const isNew = !this.comments.some((c) => c.id === e.comment.id);
    this.comments = upsertComment(this.comments, e.comment);
    this.commentEvents.record(e.comment);
    if (isNew && e.change === 'added' && e.comment.author.username !== this.username)
      this.unread = { ...this.unread, [e.clauseId]: (this.unread[e.clauseId] ?? 0) + 1 };
  }

  /** A clause's amendments as they now stand. */
  amendmentChanged(e: AmendmentChanged): void {
    this.amendments = withClauseAmendments(this.amendments, e);
    this.amendmentEvents.record(e);
  }

  /** How many amendments await a decision. */
  pendingCount(): number {
    return this.amendments.filter((a) => isPending(a.status)).length;
  }
}
