import type { DB } from './connection.js';
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

/**
 * Every repository over one connection, with the transaction helper commands use. Built once at start-up so
 * each statement is prepared once.
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

  constructor(readonly db: DB) {
    this.users = new Users(db);
    this.sessions = new Sessions(db);
    this.loginLinks = new LoginLinks(db);
    this.delegations = new Delegations(db);
    this.conferences = new Conferences(db);
    this.documents = new Documents(db);
    this.docUpdates = new DocUpdates(db);
    this.audit = new AuditLog(db);
    this.votes = new Votes(db);
    this.ballots = new Ballots(db);
    this.explanations = new Explanations(db);
    this.endorsements = new Endorsements(db);
    this.alternates = new Alternates(db);
    this.nowDiscussing = new NowDiscussingStore(db);
    this.amendments = new Amendments(db);
    this.comments = new Comments(db);
    this.revisions = new Revisions(db);
  }

  /** Runs `fn` in one SQLite transaction (nested calls become savepoints). */
  transaction<T>(fn: () => T): T {
    return this.db.transaction(fn)();
  }
}
