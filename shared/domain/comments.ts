/** Limits of comments the browser and the server share (the schemas are in `shared/api/comments.ts`). */

/** Longest comment body, in characters (413 `comment_too_long` beyond). */
export const COMMENT_MAX_LENGTH = 4_000;
/** Longest quoted passage an anchor carries. */
export const ANCHOR_QUOTE_MAX = 1_000;
