import { describe, expect, it } from 'vitest';
import type { AmendmentJson } from '../../shared/api/amendments.js';
import type { CommentJson } from '../../shared/api/comments.js';
import type { AmendmentChanged } from '../../shared/protocol/events.js';
import { eventsWhileReading, upsertComment, withClauseAmendments, withClauseStatus } from './liveLists.js';

const comment = (id: string, body: string) => ({ id, body }) as CommentJson;
const amendment = (id: string, clauseId: string, createdAt: string, status = 'submitted') =>
  ({ id, clauseId, createdAt, status }) as AmendmentJson;
const changed = (clauseId: string, amendments: AmendmentJson[]) => ({ clauseId, amendments }) as AmendmentChanged;

describe('live lists', () => {
  it('puts a comment in place of the one with its id, or after the others', () => {
    const list = [comment('a', 'first'), comment('b', 'second')];
    expect(upsertComment(list, comment('a', 'resolved')).map((c) => c.body)).toEqual(['resolved', 'second']);
    expect(upsertComment(list, comment('c', 'third')).map((c) => c.id)).toEqual(['a', 'b', 'c']);
  });

  it('replaces one clause’s amendments with those of the event, keeping the others, oldest first', () => {
    const list = [
      amendment('1', 'x', '2025-10-15T09:00'),
      amendment('2', 'y', '2025-10-15T09:05'),
      amendment('3', 'x', '2025-10-15T09:10'),
    ];
    const merged = withClauseAmendments(
      list,
      changed('x', [amendment('1', 'x', '2025-10-15T09:00', 'withdrawn'), amendment('4', 'x', '2025-10-15T09:20')]),
    );
    expect(merged.map((a) => [a.id, a.status])).toEqual([
      ['1', 'withdrawn'],
      ['2', 'submitted'],
      ['4', 'submitted'],
    ]);
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
