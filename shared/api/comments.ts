import { z } from 'zod';
import { ANCHOR_QUOTE_MAX } from '../domain/comments.js';
export { ANCHOR_QUOTE_MAX, COMMENT_MAX_LENGTH } from '../domain/comments.js';
import { parseMentions } from '../domain/mentions.js';

/** A base64-encoded `Y.encodeRelativePosition(...)`; relative positions are a few dozen bytes. */
const relativePosition = z
  .string()
  .regex(/^[A-Za-z0-9+/]+={0,2}$/, 'expected a base64 relative position')
  .max(512);

/**
 * Where a comment points inside its clause: two Yjs relative positions over the clause's fragment (so the
 * range follows its words through concurrent edits) and the words quoted when the comment was written.
 */
export const commentAnchor = z.object({
  start: relativePosition,
  end: relativePosition,
  quote: z.string().max(ANCHOR_QUOTE_MAX),
});
export type CommentAnchor = z.infer<typeof commentAnchor>;

/**
 * `POST /api/documents/:id/comments`. `body` is plain text: it is stored and shown as text, never as HTML.
 * `parentId` makes it a reply to a thread. Its length limit is checked by the command (413), not here.
 */
export const createCommentRequest = z.object({
  clauseId: z.string().regex(/^[A-Za-z0-9_-]{1,64}$/),
  body: z.string().refine((s) => s.trim().length > 0, 'a comment cannot be empty'),
  anchor: commentAnchor.optional(),
  parentId: z
    .string()
    .regex(/^[A-Za-z0-9_-]{1,64}$/)
    .optional(),
});
export type CreateCommentRequest = z.infer<typeof createCommentRequest>;

/** `POST /api/comments/:id/replies`. */
export const replyRequest = z.object({ body: createCommentRequest.shape.body });

/** `POST /api/documents/:id/comments/read`: marks a clause's comments read up to now. */
export const markReadRequest = z.object({ clauseId: createCommentRequest.shape.clauseId });

/**
 * `GET /api/documents/:id/comments` filters, applied to threads: `status` of the thread (default all),
 * `mine` = threads I wrote in, `delegation` = threads written in by that delegation or mentioning it.
 */
export const commentListQuery = z.object({
  clauseId: z
    .string()
    .regex(/^[A-Za-z0-9_-]{1,64}$/)
    .optional(),
  status: z.enum(['open', 'resolved', 'all']).optional(),
  mine: z.enum(['1', 'true']).optional(),
  delegation: z
    .string()
    .regex(/^[A-Z]{3}$/)
    .optional(),
});

/**
 * Delegation codes mentioned as `@KAZ` in a comment (`shared/domain/mentions.ts`), in order of first mention,
 * without duplicates. Only codes of delegations that exist are kept by the server.
 */
export function mentionedCodes(body: string): string[] {
  return parseMentions(body).delegations;
}

export interface CommentAnchorJson extends CommentAnchor {
  /** `live` while the anchored words are still in the clause; `deleted` once they are all gone. */
  status: 'live' | 'deleted';
  /** The words the anchor covers today (empty when deleted). */
  currentQuote: string;
  /**
   * Where those words are today, as offsets into the clause's paragraphs joined by one newline each (no
   * subparagraph labels): what a client needs to highlight them. Null when deleted.
   */
  range: [number, number] | null;
}

export interface CommentJson {
  id: string;
  clauseId: string;
  /** Null for the first comment of a thread. */
  parentId: string | null;
  author: { username: string; displayName: string; role: string; delegation: string | null };
  body: string;
  mentions: string[];
  anchor: CommentAnchorJson | null;
  status: 'open' | 'resolved';
  /** Username of who resolved the thread. */
  resolvedBy: string | null;
  /** Their display name, as people are named on screen ("Drafting Committee Secretariat"). */
  resolvedByName: string | null;
  resolvedAt: string | null;
  createdAt: string;
}

/**
 * `GET /api/documents/:id/comments`: the comments of every thread the filters select, oldest first (a thread
 * is its first comment and the replies naming it as parent).
 */
export interface CommentListResponse {
  comments: CommentJson[];
  /** Comments by others not yet read by me, per clause id (clauses with none are left out). */
  unread: Record<string, number>;
}
