import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { diffRevisions, longestIncreasing, type RevisionClause } from './revisionDiff.js';

/** Clauses from a compact spec: "a:text" per clause, ref = position. */
const clauses = (...specs: string[]): RevisionClause[] =>
  specs.map((spec, i) => {
    const [id, text = `text of ${spec}`] = spec.split(':');
    return { id: id!, kind: 'operative', ref: `OP${i + 1}`, text, status: 'open' };
  });

const summary = (from: RevisionClause[], to: RevisionClause[]) =>
  diffRevisions(from, to).clauses.map((c) => `${c.id}:${c.change}`);

describe('diffRevisions', () => {
  it('reports nothing changed for the same text', () => {
    const text = clauses('a', 'b', 'c');
    expect(summary(text, text)).toEqual(['a:unchanged', 'b:unchanged', 'c:unchanged']);
  });

  it('recognises a moved clause by identity and marks only that one', () => {
    const result = diffRevisions(clauses('a', 'b', 'c', 'd'), clauses('a', 'c', 'd', 'b'));
    expect(result.clauses.map((c) => `${c.id}:${c.change}`)).toEqual([
      'a:unchanged',
      'c:unchanged',
      'd:unchanged',
      'b:moved',
    ]);
    const b = result.clauses.find((c) => c.id === 'b')!;
    expect([b.from!.ref, b.to!.ref]).toEqual(['OP2', 'OP4']);
    expect(result.counts).toMatchObject({ moved: 1, unchanged: 3 });
  });

  it('shows a deleted clause where it was (before what replaced it), and an added one where it is', () => {
    const result = diffRevisions(clauses('a', 'b', 'c'), clauses('a', 'n', 'c'));
    expect(result.clauses.map((c) => `${c.id}:${c.change}`)).toEqual([
      'a:unchanged',
      'b:deleted',
      'n:added',
      'c:unchanged',
    ]);
    expect(result.clauses[1]!.diff).toEqual([{ op: 'delete', text: 'text of b' }]);
    expect(result.clauses[2]!.diff).toEqual([{ op: 'insert', text: 'text of n' }]);
  });

  it('keeps a deleted first clause at the start', () => {
    expect(summary(clauses('a', 'b'), clauses('b'))).toEqual(['a:deleted', 'b:unchanged']);
  });

  it('diffs changed text by words, also for a clause that moved', () => {
    const result = diffRevisions(
      clauses('a:Calls upon States', 'b:Notes', 'c'),
      clauses('b:Notes', 'c', 'a:Calls upon all States'),
    );
    const a = result.clauses.find((c) => c.id === 'a')!;
    expect(a).toMatchObject({ change: 'moved', textChanged: true });
    expect(a.diff).toContainEqual({ op: 'insert', text: 'all ' });
    const changed = diffRevisions(clauses('a:One', 'b:Two'), clauses('a:One', 'b:Two and more'));
    expect(changed.clauses[1]).toMatchObject({ change: 'changed', textChanged: true });
  });

  it('flags status changes without calling the text changed', () => {
    const from = clauses('a');
    const to = [{ ...from[0]!, status: 'agreed_ad_ref' }];
    expect(diffRevisions(from, to).clauses[0]).toMatchObject({ change: 'unchanged', statusChanged: true });
  });

  it('lists every clause of both sides exactly once', () => {
    const ids = fc.uniqueArray(fc.constantFrom(...'abcdefghij'), { maxLength: 10 });
    fc.assert(
      fc.property(ids, ids, (a, b) => {
        const result = diffRevisions(clauses(...a), clauses(...b));
        expect(result.clauses.map((c) => c.id).sort()).toEqual([...new Set([...a, ...b])].sort());
        // The newer order is kept.
        expect(result.clauses.filter((c) => c.to).map((c) => c.id)).toEqual(b);
        expect(result.clauses.filter((c) => c.change === 'added').length).toBe(b.filter((x) => !a.includes(x)).length);
      }),
    );
  });
});

describe('longestIncreasing', () => {
  it('finds one longest increasing run', () => {
    expect(longestIncreasing([])).toEqual([]);
    expect(longestIncreasing([3, 1, 2, 0, 4])).toEqual([1, 2, 4]);
    expect(longestIncreasing([0, 2, 3, 1])).toEqual([0, 2, 3]);
  });
});
