import type { Action } from '../../shared/domain/permissions.js';

/**
 * Who may use a route: an action of `shared/domain/permissions.ts` (decided by role × stage × clause status),
 * or one of the few doors outside that table — `public` (anyone, signed in or not) and `signed-in` (any
 * session, whatever the role).
 */
export type Governance = Action | 'public' | 'signed-in';

/** What a request needs to exist, made by the fixtures before it is sent. */
export interface Fixtures {
  /** The declaration every case runs on. */
  readonly doc: string;
  /** The clause whose status the clause-bound cases set (open, or agreed ad referendum). */
  readonly clause: string;
  /** Another clause of the text, for "after" positions and vote subjects. */
  readonly other: string;
  /** A clause inserted for this request alone (a deletion consumes it). */
  freshClause(): Promise<string>;
  /** A fresh clause deleted again, for a restore to bring back. */
  deletedClause(): Promise<string>;
  /** Where the clause's text ends, as a base64 relative position (the caret a split sends). */
  caretAtEnd(clauseId: string): Promise<string>;
  /** Two relative positions over the first word of the clause's text and the word quoted (a bracket's span). */
  span(clauseId: string): Promise<{ start: string; end: string; quote: string }>;
  /** An open bracket on `clause`, placed by the secretariat. */
  bracket(): Promise<string>;
  /** A pending suggestion of kaz-delegate (KAZ) on `clause`: words suggested for insertion. */
  suggestion(): Promise<string>;
  /** A submitted amendment of the delegation (KAZ: the head's and delegate's own; FRA: someone else's). */
  amendment(delegation: 'KAZ' | 'FRA'): Promise<string>;
  /** An open vote on a clause. */
  vote(): Promise<string>;
  /** An open vote in which KAZ (the matrix's delegation) has cast a ballot. */
  ballot(): Promise<string>;
  /** A request for the floor by KAZ, still waiting on the list. */
  floorRequest(): Promise<string>;
  /** The meeting's roll, open. */
  openRoll(): Promise<void>;
  runningSilence(): Promise<void>;
  /** A comment thread on `clause`. */
  comment(): Promise<string>;
  /** A published revision. */
  revision(): Promise<string>;
  /** `clause` with text in the document's `kk` version (the version added when missing). */
  translation(): Promise<string>;
  /** A valid one-time login token. */
  loginToken(): Promise<string>;
  /** The id of a demo account. */
  userId(username: string): Promise<string>;
  /** A value never returned before (names, texts). */
  unique(): string;
}

export interface RouteRequest {
  path: string;
  /** JSON, or the bytes of an upload (sent under `headers`' content type). */
  body?: unknown;
  headers?: Record<string, string>;
  /** The clause whose status decides a clause-bound case (default: `fixtures.clause`). */
  clause?: string;
}

export interface RouteRow {
  /** `METHOD /api/path`, exactly as the router declares it. */
  route: string;
  governedBy: Governance;
  /** The command reads the target clause's status: cases run with the clause open and locked. */
  clauseBound?: boolean;
  /** The request changes its own session (login, logout): it is sent from a session of its own. */
  ownSession?: boolean;
  /** What the request needs to exist; `request` asks the fixtures for it. */
  needs?: string[];
  /**
   * A valid request: right path parameters and body, so that only the permission can refuse it. A promise when
   * the fixtures must first store what the request needs.
   */
  request(f: Fixtures): RouteRequest | Promise<RouteRequest>;
}

/** The path of the fixtures' document, which most rows start from. */
export const doc = (f: Fixtures): string => `/api/documents/${f.doc}`;
