/**
 * The collab socket (`/collab/:documentId`): the standard y-websocket protocol (y-protocols sync and
 * awareness), plus the close codes the server uses when it ends a connection and what the client does about
 * each. Shared so that server and client can never disagree on a number.
 */

/** Path prefix of the collab socket; the document id follows it. */
export const COLLAB_PATH = '/collab';

/**
 * A socket opened with this query (`/collab/:documentId?whole=1`) is sent the whole document right after the
 * server's own sync step 1, as if it had asked with an empty state vector: a page's first socket, opened
 * before its code has run, gets the document without a round trip that waits for a busy main thread to see
 * the socket open and ask. Such a socket must not ask again.
 */
export const WHOLE_ON_JOIN_QUERY = 'whole=1';

/** Top-level message types, as y-websocket numbers them. */
export const MESSAGE_SYNC = 0;
export const MESSAGE_AWARENESS = 1;
/** Sent by the server only, never accepted from a client. */
export const MESSAGE_AUTH = 2;
export const MESSAGE_QUERY_AWARENESS = 3;

/** Sync sub-messages (y-protocols/sync). */
export const SYNC_STEP1 = 0;
export const SYNC_STEP2 = 1;
export const SYNC_UPDATE = 2;

/**
 * Why the server closed a collab socket. Codes 4000–4999 are for applications (RFC 6455); like HTTP, 44xx
 * says the client sent something the server will not take, 45xx that the server cannot serve right now.
 */
export const CloseCode = {
  /**
   * The message could not be decoded (random bytes, a truncated varint, an unknown message type), or an
   * update no Yjs encoder writes (a client's section repeated: `repeated_client_section`).
   */
  MALFORMED_MESSAGE: 4400,
  /** The session ended (logout, expiry, account removed) while the socket was open. */
  UNAUTHENTICATED: 4401,
  /**
   * An update wrote where this person may not write now (role × stage × clause status), or added structs of
   * any kind (GC included) while this person may write nothing at all.
   */
  FORBIDDEN_WRITE: 4403,
  /** An update or awareness state used a client id that belongs to someone else. */
  CLIENT_ID_TAKEN: 4409,
  /**
   * A message exceeded the size limit, or an update held more than one update may (`too_many_structs`,
   * `too_many_deletions`, `too_many_clients`; see `COLLAB_LIMITS`).
   */
  MESSAGE_TOO_LARGE: 4413,
  /**
   * An update would take a clause over the characters a clause may hold (`clause_too_long:<clauseId>`) or the
   * document over its total (`document_too_long`). The limits in force come with the document
   * (`GET /api/documents/:id`, `limits`).
   */
  TEXT_TOO_LONG: 4414,
  /**
   * An update depends on changes the server does not have, or Yjs could not integrate all of it at once
   * (`would_park:<client>`): refused rather than parked.
   */
  MISSING_DEPENDENCY: 4422,
  /**
   * Too much traffic on the socket, one way or the other: it sent more than its rate limits allow
   * (`rate_limited:updates`, `…:structs`, `…:syncs`, `…:awareness`, `…:client_ids`), or it could not keep up
   * with what it is sent (`send_buffer_full`). Nothing it sent was lost: reconnect after a pause, and the
   * copy's unsent edits go out with the sync.
   */
  RATE_LIMITED: 4429,
  /** The server is shutting down or reloading the document; reconnect shortly. */
  SERVER_RESTARTING: 4503,
} as const;
export type CloseCode = (typeof CloseCode)[keyof typeof CloseCode];

/** The name of a close code ("FORBIDDEN_WRITE"), or undefined for codes Accord does not send. */
export function closeCodeName(code: number): keyof typeof CloseCode | undefined {
  return (Object.keys(CloseCode) as (keyof typeof CloseCode)[]).find((name) => CloseCode[name] === code);
}

/**
 * What the client does after a close:
 * - `resync`: its copy holds something the server refused; start again from the server's state, write again
 *   the person's other edits they may still make, hand back the rest as text, and tell them why;
 * - `reconnect`: nothing is wrong with its copy; reconnect with backoff and merge;
 * - `stop`: reconnecting cannot help (signed out).
 */
export type CloseAction = 'resync' | 'reconnect' | 'stop';

export function closeAction(code: number): CloseAction {
  switch (code) {
    case CloseCode.UNAUTHENTICATED:
      return 'stop';
    case CloseCode.MALFORMED_MESSAGE:
    case CloseCode.FORBIDDEN_WRITE:
    case CloseCode.CLIENT_ID_TAKEN:
    case CloseCode.MESSAGE_TOO_LARGE:
    case CloseCode.TEXT_TOO_LONG:
    case CloseCode.MISSING_DEPENDENCY:
      return 'resync';
    default:
      return 'reconnect';
  }
}

/**
 * Machine-readable reasons sent as the close frame's reason with `FORBIDDEN_WRITE` (the first word; a clause
 * id may follow after a colon). The policy reasons come from shared/domain/permissions.ts; the others say
 * what the update tried to write.
 */
export type ForbiddenWriteReason =
  | 'role_not_allowed'
  | 'stage_not_allowed'
  | 'clause_locked'
  | 'no_delegation'
  /** A clause that does not exist or was deleted. */
  | 'unknown_clause'
  /** A root type other than `order` and `clause/<id>`, or content the clause schema does not allow. */
  | 'outside_schema'
  /**
   * From someone who must write as suggestions (docs/negotiation.md, "Suggestion mode"): text without their
   * suggestion mark, words deleted that are not their own suggestion, or someone else's suggestion marked.
   */
  | 'suggestion_required';

/** Splits a close reason "clause_locked:abc" into its id and optional clause id. */
export function parseCloseReason(reason: string): { id: string; clauseId?: string } {
  const [id = '', clauseId] = reason.split(':', 2);
  return clauseId ? { id, clauseId } : { id };
}

/** Default limits, also used by the client to stay under them. */
export const COLLAB_LIMITS = {
  /** Largest message the server reads, in bytes (a whole offline session of typing fits comfortably). */
  maxMessageBytes: 1024 * 1024,
  /**
   * Structs one update may hold. Replacing a whole 20,000-character clause with a formatted text takes a few
   * thousand (an element and a text per paragraph, a string and two format marks per formatted run); typed
   * text is merged into a struct per run. Each struct costs microseconds to decode, check and integrate.
   */
  maxUpdateStructs: 10_000,
  /**
   * Deletion ranges one update may hold. Deleting text takes a range per client whose clocks it cuts into
   * (a whole clause typed by many people, a few hundred); ranges that split Yjs's structs cost more the more
   * of them there are.
   */
  maxUpdateDeleteRanges: 5_000,
  /** Clients whose structs one update may carry (an honest client writes under its own id). */
  maxUpdateClients: 16,
  /** Largest awareness state kept per client, in bytes of JSON; bigger states are reduced to the identity. */
  maxAwarenessStateBytes: 2048,
} as const;
