import type { Sql, TransactionOptions } from './sql.js';
import { Users } from './repositories/users.js';
import { Sessions } from './repositories/sessions.js';
import { LoginLinks } from './repositories/loginLinks.js';
import { Delegations } from './repositories/delegations.js';
import { Conferences } from './repositories/conferences.js';
import { Documents } from './repositories/documents.js';
import { DocUpdates } from './repositories/docUpdates.js';
import { AuditLog } from './repositories/audit.js';
import { Revisions } from './repositories/revisions.js';
import { Comments } from './repositories/comments.js';
import { Votes } from './repositories/votes.js';
import { Ballots } from './repositories/ballots.js';
import { Explanations } from './repositories/explanations.js';
import { Endorsements } from './repositories/endorsements.js';
import { Alternates } from './repositories/alternates.js';
import { NowDiscussingStore } from './repositories/nowDiscussing.js';
import { Amendments } from './repositories/amendments.js';
import { ClientIdBindings } from './repositories/clientIds.js';
import { LoginAttempts } from './repositories/loginAttempts.js';
import { IdempotencyKeys } from './repositories/idempotencyKeys.js';
import { FloorStore } from './repositories/floor.js';
import { Rolls } from './repositories/rolls.js';
import { Publications } from './repositories/publications.js';
import { SuggestionRequirements } from './repositories/suggestionRequirements.js';
import { Silences } from './repositories/silences.js';
import { Languages } from './repositories/languages.js';
import { Notifications } from './repositories/notifications.js';
import { MailOutbox } from './repositories/mailOutbox.js';
import { Brackets } from './repositories/brackets.js';

/**
 * Every repository over one storage engine (SQLite or PostgreSQL, see `sql.ts`), with the transaction scope
 * commands use. Built once at start-up.
 */
export class Store {
  readonly users: Users;
  readonly sessions: Sessions;
  readonly loginLinks: LoginLinks;
  readonly delegations: Delegations;
  readonly conferences: Conferences;
  readonly documents: Documents;
  readonly docUpdates: DocUpdates;
  readonly audit: AuditLog;
  readonly votes: Votes;
  readonly ballots: Ballots;
  readonly explanations: Explanations;
  readonly endorsements: Endorsements;
  readonly alternates: Alternates;
  readonly nowDiscussing: NowDiscussingStore;
  readonly amendments: Amendments;
  readonly comments: Comments;
  readonly revisions: Revisions;
  readonly clientIds: ClientIdBindings;
  readonly loginAttempts: LoginAttempts;
  readonly idempotencyKeys: IdempotencyKeys;
  readonly floor: FloorStore;
  readonly rolls: Rolls;
  readonly publications: Publications;
  readonly suggestionRequirements: SuggestionRequirements;
  readonly silences: Silences;
  readonly languages: Languages;
  readonly notifications: Notifications;
  readonly mailOutbox: MailOutbox;
  readonly brackets: Brackets;

  constructor(readonly sql: Sql) {
    this.users = new Users(sql);
    this.sessions = new Sessions(sql);
    this.loginLinks = new LoginLinks(sql);
    this.delegations = new Delegations(sql);
    this.conferences = new Conferences(sql);
    this.documents = new Documents(sql);
    this.docUpdates = new DocUpdates(sql);
    this.audit = new AuditLog(sql);
    this.votes = new Votes(sql);
    this.ballots = new Ballots(sql);
    this.explanations = new Explanations(sql);
    this.endorsements = new Endorsements(sql);
    this.alternates = new Alternates(sql);
    this.nowDiscussing = new NowDiscussingStore(sql);
    this.amendments = new Amendments(sql);
    this.comments = new Comments(sql);
    this.revisions = new Revisions(sql);
    this.clientIds = new ClientIdBindings(sql);
    this.loginAttempts = new LoginAttempts(sql);
    this.idempotencyKeys = new IdempotencyKeys(sql);
    this.floor = new FloorStore(sql);
    this.rolls = new Rolls(sql);
    this.publications = new Publications(sql);
    this.suggestionRequirements = new SuggestionRequirements(sql);
    this.silences = new Silences(sql);
    this.languages = new Languages(sql);
    this.notifications = new Notifications(sql);
    this.mailOutbox = new MailOutbox(sql);
    this.brackets = new Brackets(sql);
  }

  /**
   * Runs `fn` in one transaction: every repository call inside it, however many awaits deep, joins it; it
   * commits when `fn` resolves and rolls back when it throws (nested calls become savepoints).
   */
  transaction<T>(fn: () => Promise<T>, options?: TransactionOptions): Promise<T> {
    return this.sql.transaction(fn, options);
  }

  /** Runs `fn` once the caller's transaction has committed (at once outside a transaction). */
  afterCommit(fn: () => void): void {
    this.sql.afterCommit(fn);
  }

  /**
   * Runs `fn` inside the caller's transaction just before it commits (its failure rolls the transaction back);
   * false, running nothing, outside a transaction.
   */
  beforeCommit(fn: () => Promise<void>): boolean {
    return this.sql.beforeCommit(fn);
  }

  /** Runs `fn` if the caller's transaction rolls back. */
  onRollback(fn: () => void): void {
    this.sql.onRollback(fn);
  }

  close(): Promise<void> {
    return this.sql.close();
  }
}
