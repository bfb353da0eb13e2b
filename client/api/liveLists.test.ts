import { describe, expect, it } from 'vitest';
import type { AmendmentJson } from '../../shared/api/amendments.js';
import type { CommentJson } from '../../shared/api/comments.js';
import type { AmendmentChanged } from '../../shared/protocol/events.js';
import {
  eventsWhileReading,
  outdatesDiffs,
  upsertComment,
  withClauseAmendments,
  withClauseRead,
  withClauseStatus,
} from './liveLists.js';

const comment = (id: string, body: string) => ({ id, body }) as CommentJson;
const amendment = (id: string, clauseId: string, createdAt: string, status = 'submitted') =>
  ({ id, clauseId, createdAt, status }) as AmendmentJson;
const changed = (amendment: AmendmentJson, others: AmendmentChanged['others'] = []) =>
  ({ clauseId: amendment.clauseId, amendmentId: amendment.id, amendment, others }) as AmendmentChanged;

describe('live lists', () => {
  it('puts a comment in place of the one with its id, or after the others', () => {
    const list = [comment('a', 'first'), comment('b', 'second')];
    expect(upsertComment(list, comment('a', 'resolved')).map((c) => c.body)).toEqual(['resolved', 'second']);
    expect(upsertComment(list, comment('c', 'third')).map((c) => c.id)).toEqual(['a', 'b', 'c']);
  });

  it('puts the changed amendment in place, or after the others, and patches only what the event names', () => {
    const list = [
      amendment('1', 'x', '2025-10-15T09:00'),
      amendment('2', 'y', '2025-10-15T09:05'),
      amendment('3', 'x', '2025-10-15T09:10'),
    ];
    const withdrawn = withClauseAmendments(list, changed(amendment('1', 'x', '2025-10-15T09:00', 'withdrawn')));
    expect(withdrawn.map((a) => [a.id, a.status])).toEqual([
      ['1', 'withdrawn'],
      ['2', 'submitted'],
      ['3', 'submitted'],
    ]);
    expect(withdrawn[1]).toBe(list[1]);
    const proposed = withClauseAmendments(
      withdrawn,
      changed(amendment('4', 'x', '2025-10-15T09:20'), [{ id: '3', conflictsWith: ['4'] }]),
    );
    expect(proposed.map((a) => [a.id, a.conflictsWith])).toEqual([
      ['1', undefined],
      ['2', undefined],
      ['3', ['4']],
      ['4', undefined],
    ]);
    expect(proposed[2]!.status).toBe('submitted');
  });

  it('leaves an amendment whose clause text changed without its outdated diff against today’s text', () => {
    const held = {
      ...amendment('2', 'x', '2025-10-15T09:05'),
      stale: true,
      diffCurrent: [],
      diffCurrentGranularity: 'words',
    };
    const accepted = amendment('1', 'x', '2025-10-15T09:00', 'accepted');
    const [, other] = withClauseAmendments(
      [amendment('1', 'x', '2025-10-15T09:00'), held as AmendmentJson],
      changed(accepted, [
        { id: '2', stale: true, clauseDeleted: false, clauseRef: 'OP1', span: null, conflictsWith: [] },
      ]),
    );
    expect(other).toMatchObject({ id: '2', stale: true, clauseRef: 'OP1', status: 'submitted' });
    expect(other).not.toHaveProperty('diffCurrent');
    expect(other).not.toHaveProperty('diffCurrentGranularity');
  });

  it('reads a clause again only when a change of its text outdated a pending amendment’s diffs', () => {
    const held = [amendment('1', 'x', 'a', 'accepted'), amendment('2', 'x', 'b'), amendment('3', 'x', 'c', 'rejected')];
    const moved = (id: string) => ({
      id,
      stale: false,
      clauseDeleted: false,
      clauseRef: 'OP1',
      span: null,
      conflictsWith: [],
    });
    expect(outdatesDiffs(held, changed(held[0]!, [moved('2'), moved('3')]))).toBe(true);
    expect(outdatesDiffs(held, changed(held[0]!, [moved('3')]))).toBe(false);
    expect(outdatesDiffs(held, changed(amendment('4', 'x', 'd'), [{ id: '2', conflictsWith: ['4'] }]))).toBe(false);
  });

  it('takes a clause’s amendments read again in place of those held, keeping the other clauses’', () => {
    const list = [amendment('1', 'x', 'a'), amendment('2', 'y', 'b'), amendment('3', 'x', 'c')];
    const read = [amendment('1', 'x', 'a', 'accepted'), amendment('4', 'x', 'd')];
    const merged = withClauseRead(list, 'x', read);
    expect(merged.map((a) => [a.id, a.status])).toEqual([
      ['1', 'accepted'],
      ['2', 'submitted'],
      ['4', 'submitted'],
    ]);
    expect(merged[1]).toBe(list[1]);
  });

  it('applies to a list the events that arrived while it was being read, and only those', async () => {
    const events = eventsWhileReading<string>();
    events.record('before');
    let answer!: (list: string[]) => void;
    const reading = events.read(
      () => new Promise<string[]>((resolve) => (answer = resolve)),
      (list, e) => [...list, e],
    );
    events.record('during');
    answer(['read']);
    expect(await reading).toEqual(['read', 'during']);
    events.record('after');
    expect(
      await events.read(
        async () => ['again'],
        (list, e) => [...list, e],
      ),
    ).toEqual(['again']);
  });

  it('changes one clause’s status in a copy of the document, and leaves it as it was when nothing changes', () => {
    const doc = {
      id: 'd',
      clauses: [
        { id: 'x', status: 'open' as const },
        { id: 'y', status: 'bracketed' as const },
      ],
    };
    const next = withClauseStatus(doc, 'x', 'agreed_ad_ref');
    expect(next.clauses.map((c) => c.status)).toEqual(['agreed_ad_ref', 'bracketed']);
    expect(doc.clauses[0]!.status).toBe('open');
    expect(withClauseStatus(doc, 'y', 'bracketed')).toBe(doc);
    expect(withClauseStatus(doc, 'z', 'open')).toBe(doc);
  });
});
