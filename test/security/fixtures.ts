import type { Stage } from '../../shared/domain/stages.js';
import type { ClauseStatus } from '../../shared/domain/clauses.js';
import type { Actor } from '../../shared/domain/roles.js';
import { clauseOrder } from '../../shared/editor/ydoc.js';
import type { AppContext } from '../../server/context.js';
import { actorOf } from '../../server/auth/session.js';
import * as Y from 'yjs';
import { absolutePositionToRelativePosition, initProseMirrorDoc } from 'y-prosemirror';
import { clauseSchema } from '../../shared/editor/schema.js';
import { getClauseFragment, getVersionFragment } from '../../shared/editor/ydoc.js';
import { insertClause } from '../../server/commands/insertClause.js';
import { deleteClause } from '../../server/commands/deleteClause.js';
import { proposeAmendment } from '../../server/commands/proposeAmendment.js';
import { openVote } from '../../server/commands/openVote.js';
import { castBallot } from '../../server/commands/castBallot.js';
import { addComment } from '../../server/commands/addComment.js';
import { createBracket } from '../../server/commands/placeBracket.js';
import { requestFloor } from '../../server/commands/requestFloor.js';
import { openRoll } from '../../server/commands/takeRoll.js';
import { publishRevision } from '../../server/commands/publishRevision.js';
import { issueLoginLinks } from '../../server/commands/admin.js';
import { suggestionsIn } from '../../shared/editor/suggestions.js';
import { readClause } from '../../shared/editor/ydoc.js';
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
export const MATRIX_ROLES: MatrixRole[] = [
  'admin',
  'chair',
  'secretariat',
  'head',
  'delegate',
  'observer',
  'anonymous',
];

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

  private constructor(
    private readonly ctx: AppContext,
    readonly doc: string,
    operative: readonly string[],
  ) {
    this.clause = operative[1]!;
    this.other = operative[2]!;
  }

  /** Fixtures on `doc`, whose second and third operative clauses the cases use. */
  static async create(ctx: AppContext, doc: string): Promise<LiveFixtures> {
    const operative: string[] = [];
    for (const id of clauseOrder((await ctx.registry.get(doc))!)) {
      if ((await ctx.store.documents.clause(doc, id))?.kind === 'operative') operative.push(id);
    }
    return new LiveFixtures(ctx, doc, operative);
  }

  async actor(username: string): Promise<Actor> {
    return actorOf((await this.ctx.store.users.byUsername(username))!);
  }

  /** Puts the document in `stage` and `clauseId` (default: the matrix clause) in `status`, as a command would. */
  async setState(stage: Stage, status: ClauseStatus = 'open', clauseId = this.clause): Promise<void> {
    const { store } = this.ctx;
    const wanted = new Map([
      [this.clause, 'open' as ClauseStatus],
      [clauseId, status],
    ]);
    const stale: [string, ClauseStatus][] = [];
    for (const [id, s] of wanted) if ((await store.documents.clause(this.doc, id))?.status !== s) stale.push([id, s]);
    if ((await store.documents.get(this.doc))!.stage === stage && stale.length === 0) return;
    await store.transaction(async () => {
      await store.documents.setStage(this.doc, stage);
      for (const [id, s] of stale) await store.documents.setClauseStatus(this.doc, id, s);
    });
  }

  unique(): string {
    this.counter += 1;
    return `${Date.now().toString(36)}${this.counter}`;
  }

  async freshClause(): Promise<string> {
    await this.setState('drafting');
    return (
      await insertClause(this.ctx, await this.actor('secretariat'), this.doc, {
        kind: 'operative',
        after: this.other,
        text: `Encourages ${this.unique()}`,
      })
    ).id;
  }

  async deletedClause(): Promise<string> {
    const clause = await this.freshClause();
    await deleteClause(this.ctx, await this.actor('secretariat'), this.doc, clause);
    return clause;
  }

  async translation(): Promise<string> {
    const { store, registry } = this.ctx;
    if (!(await store.languages.forDocument(this.doc)).some((l) => l.code === 'kk'))
      await store.languages.add(this.doc, 'kk', false, null);
    const ydoc = (await registry.get(this.doc))!;
    if (getVersionFragment(ydoc, this.clause, 'kk').length === 0) {
      await this.setState('drafting');
      const secretariat = await this.actor('secretariat');
      await registry.change(this.doc, { userId: secretariat.userId, delegation: null }, (live) => {
        const paragraph = new Y.XmlElement('paragraph');
        paragraph.insert(0, [new Y.XmlText('Шақырады')]);
        getVersionFragment(live, this.clause, 'kk').insert(0, [paragraph]);
      });
    }
    return this.clause;
  }

  async caretAtEnd(clauseId: string): Promise<string> {
    const fragment = getClauseFragment((await this.ctx.registry.get(this.doc))!, clauseId);
    const { doc, mapping } = initProseMirrorDoc(fragment, clauseSchema);
    const position = absolutePositionToRelativePosition(doc.content.size - 1, fragment, mapping);
    return Buffer.from(Y.encodeRelativePosition(position)).toString('base64');
  }

  async amendment(delegation: 'KAZ' | 'FRA'): Promise<string> {
    const usable = (await this.ctx.store.amendments.forDocument(this.doc)).find(
      (a) => a.delegation === delegation && a.status === 'submitted' && a.clause_id === this.clause,
    );
    if (usable) return usable.id;
    await this.setState('drafting');
    const head = await this.actor(`${delegation.toLowerCase()}-head`);
    return (
      await proposeAmendment(this.ctx, head, this.doc, {
        clauseId: this.clause,
        kind: 'replace',
        text: `Urges all States ${this.unique()}`,
        rationale: 'Stronger wording.',
      })
    ).id;
  }

  async span(clauseId: string): Promise<{ start: string; end: string; quote: string }> {
    const fragment = getClauseFragment((await this.ctx.registry.get(this.doc))!, clauseId);
    const text = (fragment.get(0) as Y.XmlElement).get(0) as Y.XmlText;
    const plain = (text.toDelta() as { insert: string }[]).map((d) => d.insert).join('');
    const word = /\S+/.exec(plain)!;
    const encode = (rpos: Y.RelativePosition): string => Buffer.from(Y.encodeRelativePosition(rpos)).toString('base64');
    return {
      start: encode(Y.createRelativePositionFromTypeIndex(text, word.index)),
      end: encode(Y.createRelativePositionFromTypeIndex(text, word.index + word[0].length, -1)),
      quote: word[0],
    };
  }

  async bracket(): Promise<string> {
    const open = (await this.ctx.store.brackets.forDocument(this.doc)).find((b) => b.clause_id === this.clause);
    if (open) return open.id;
    await this.setState('drafting');
    return (
      await createBracket(this.ctx, await this.actor('secretariat'), this.doc, {
        clauseId: this.clause,
        span: await this.span(this.clause),
        alternatives: [{ text: 'Urges' }, { text: 'Calls upon', sponsors: ['KAZ'] }],
      })
    ).id;
  }

  async suggestion(): Promise<string> {
    const live = (await this.ctx.registry.get(this.doc))!;
    const pending = suggestionsIn(readClause(live, this.clause)).find((s) => s.delegation === 'KAZ');
    if (pending) return pending.id;
    await this.setState('drafting');
    const author = await this.actor('kaz-delegate');
    const id = `s${this.unique()}`;
    await this.ctx.store.transaction(() =>
      this.ctx.registry.change(this.doc, { userId: author.userId, delegation: 'KAZ' }, (doc) => {
        const text = (getClauseFragment(doc, this.clause).get(0) as Y.XmlElement).get(0) as Y.XmlText;
        text.insert(0, 'Also ', { suggestion: { id, user: author.userId, delegation: 'KAZ' } });
      }),
    );
    return id;
  }

  async vote(): Promise<string> {
    const open = (await this.ctx.store.votes.forDocument(this.doc)).find((v) => v.status === 'open');
    if (open) return open.id;
    const subject = await this.freshClause();
    await this.setState('negotiation');
    return (
      await openVote(this.ctx, await this.actor('chair'), this.doc, {
        subject: { type: 'clause', id: subject },
        rule: 'simple_majority',
      })
    ).id;
  }

  async ballot(): Promise<string> {
    const vote = await this.vote();
    if (!(await this.ctx.store.ballots.get(vote, 'KAZ')))
      await castBallot(this.ctx, await this.actor('kaz-head'), vote, { choice: 'abstain' });
    return vote;
  }

  async floorRequest(): Promise<string> {
    const waiting = (await this.ctx.store.floor.waiting(this.doc)).find((r) => r.delegation === 'KAZ');
    if (waiting) return waiting.id;
    await this.setState('negotiation');
    return (await requestFloor(this.ctx, await this.actor('kaz-head'), this.doc, { kind: 'speaker' })).id;
  }

  async openRoll(): Promise<void> {
    if ((await this.ctx.store.rolls.latest(this.doc))?.status !== 'open')
      await openRoll(this.ctx, await this.actor('secretariat'), this.doc, null);
  }

  /** A silence procedure running on the document, stored as is (whatever the stage, a day ahead). */
  async runningSilence(): Promise<void> {
    if ((await this.ctx.store.silences.latest(this.doc))?.status === 'running') return;
    await this.ctx.store.silences.start({
      id: `silence-${this.unique()}`,
      documentId: this.doc,
      subject: 'adoption',
      deadline: new Date(Date.now() + 86_400_000).toISOString(),
      acknowledge: true,
      by: (await this.actor('chair')).userId,
    });
  }

  async comment(): Promise<string> {
    if (this.commentId && (await this.ctx.store.comments.get(this.commentId))) return this.commentId;
    await this.setState('drafting');
    this.commentId = (
      await addComment(this.ctx, await this.actor('kaz-head'), this.doc, {
        clauseId: this.clause,
        body: 'Should this say “all learners”?',
      })
    ).id;
    return this.commentId;
  }

  async revision(): Promise<string> {
    if (this.revisionId) return this.revisionId;
    this.revisionId = (
      await publishRevision(this.ctx, await this.actor('secretariat'), this.doc, `Matrix ${this.unique()}`)
    ).id;
    return this.revisionId;
  }

  async userId(username: string): Promise<string> {
    return (await this.ctx.store.users.byUsername(username))!.id;
  }

  async loginToken(): Promise<string> {
    const [link] = await issueLoginLinks(
      this.ctx,
      null,
      [(await this.ctx.store.users.byUsername('observer'))!],
      1,
      'http://accord.invalid',
    );
    return link!.url.split('#token=')[1]!;
  }
}
