import type { Stage } from '../../shared/domain/stages.js';
import type { ClauseStatus } from '../../shared/domain/clauses.js';
import type { Actor } from '../../shared/domain/roles.js';
import { clauseOrder } from '../../shared/editor/ydoc.js';
import type { AppContext } from '../../server/context.js';
import { actorOf } from '../../server/auth/session.js';
import { insertClause } from '../../server/commands/insertClause.js';
import { proposeAmendment } from '../../server/commands/proposeAmendment.js';
import { openVote } from '../../server/commands/openVote.js';
import { addComment } from '../../server/commands/addComment.js';
import { publishRevision } from '../../server/commands/publishRevision.js';
import { issueLoginLinks } from '../../server/commands/admin.js';
import type { Fixtures } from './routeTable.js';

/** The demo account that stands for each role in the matrix; heads and delegates are Kazakhstan's. */
export const ROLE_USERS = {
  admin: 'admin',
  chair: 'chair',
  secretariat: 'secretariat',
  head: 'kaz-head',
  delegate: 'kaz-delegate',
  observer: 'observer',
} as const;
export type MatrixRole = keyof typeof ROLE_USERS | 'anonymous';
export const MATRIX_ROLES: MatrixRole[] = ['admin', 'chair', 'secretariat', 'head', 'delegate', 'observer', 'anonymous'];

/**
 * The objects requests need, made through the real commands as the people who would make them, in a stage
 * that allows it. Each is reused while it is still usable (an amendment still submitted, a vote still open)
 * and made again once a request consumed it. `setState` then puts the document in the case's stage and the
 * target clause in the case's status, directly in the store, and tells the collab policy cache.
 */
export class LiveFixtures implements Fixtures {
  readonly clause: string;
  readonly other: string;
  private counter = 0;
  private commentId: string | undefined;
  private revisionId: string | undefined;

  constructor(
    private readonly ctx: AppContext,
    readonly doc: string,
  ) {
    const order = clauseOrder(ctx.registry.get(doc)!);
    const operative = order.filter((id) => ctx.store.documents.clause(doc, id)?.kind === 'operative');
    this.clause = operative[1]!;
    this.other = operative[2]!;
  }

  actor(username: string): Actor {
    return actorOf(this.ctx.store.users.byUsername(username)!);
  }

  /** Puts the document in `stage` and `clauseId` (default: the matrix clause) in `status`, as a command would. */
  setState(stage: Stage, status: ClauseStatus = 'open', clauseId = this.clause): void {
    const { store } = this.ctx;
    const wanted = new Map([[this.clause, 'open' as ClauseStatus], [clauseId, status]]);
    const stale = [...wanted].filter(([id, s]) => store.documents.clause(this.doc, id)?.status !== s);
    if (store.documents.get(this.doc)!.stage === stage && stale.length === 0) return;
    store.transaction(() => {
      store.documents.setStage(this.doc, stage);
      for (const [id, s] of stale) store.documents.setClauseStatus(this.doc, id, s);
    });
  }

  unique(): string {
    this.counter += 1;
    return `${Date.now().toString(36)}${this.counter}`;
  }

  freshClause(): string {
    this.setState('drafting');
    return insertClause(this.ctx, this.actor('secretariat'), this.doc, { kind: 'operative', after: this.other, text: `Encourages ${this.unique()}` }).id;
  }

  amendment(delegation: 'KAZ' | 'FRA'): string {
    const usable = this.ctx.store.amendments
      .forDocument(this.doc)
      .find((a) => a.delegation === delegation && a.status === 'submitted' && a.clause_id === this.clause);
    if (usable) return usable.id;
    this.setState('drafting');
    const head = this.actor(`${delegation.toLowerCase()}-head`);
    return proposeAmendment(this.ctx, head, this.doc, { clauseId: this.clause, kind: 'replace', text: `Urges all States ${this.unique()}`, rationale: 'Stronger wording.' }).id;
  }

  vote(): string {
    const open = this.ctx.store.votes.forDocument(this.doc).find((v) => v.status === 'open');
    if (open) return open.id;
    const subject = this.freshClause();
    this.setState('negotiation');
    return openVote(this.ctx, this.actor('chair'), this.doc, { subject: { type: 'clause', id: subject }, rule: 'simple_majority' }).id;
  }

  comment(): string {
    if (this.commentId && this.ctx.store.comments.get(this.commentId)) return this.commentId;
    this.setState('drafting');
    this.commentId = addComment(this.ctx, this.actor('kaz-head'), this.doc, { clauseId: this.clause, body: 'Should this say “all learners”?' }).id;
    return this.commentId;
  }

  revision(): string {
    if (this.revisionId) return this.revisionId;
    this.revisionId = publishRevision(this.ctx, this.actor('secretariat'), this.doc, `Matrix ${this.unique()}`).id;
    return this.revisionId;
  }

  loginToken(): string {
    const [link] = issueLoginLinks(this.ctx, null, [this.ctx.store.users.byUsername('observer')!], 1, 'http://accord.invalid');
    return link!.url.split('#token=')[1]!;
  }
}
