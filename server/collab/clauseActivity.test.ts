import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { parseMarkup } from '../../shared/editor/markup.js';
import { getClauseFragment, getOrder, writeClause, writeVersion } from '../../shared/editor/ydoc.js';
import { ClauseActivity } from './clauseActivity.js';

/** A document with clauses a, b and c, and an activity whose clock the test moves. */
function setup(): { doc: Y.Doc; activity: ClauseActivity; clock: { now: number } } {
  const doc = new Y.Doc();
  doc.transact(() => {
    for (const id of ['a', 'b', 'c']) writeClause(doc, id, parseMarkup(`*Calls upon* ${id}.`));
    getOrder(doc).insert(0, ['a', 'b', 'c']);
  });
  const clock = { now: 1_000 };
  const activity = new ClauseActivity(() => clock.now);
  doc.on('afterTransaction', (tr) => activity.note(tr));
  return { doc, activity, clock };
}

const textOf = (doc: Y.Doc, id: string): Y.XmlText =>
  (getClauseFragment(doc, id).get(0) as Y.XmlElement).get(0) as Y.XmlText;

describe('clause activity', () => {
  it('notes the clause of every insertion, formatting and deletion deep in its fragment, not the order', () => {
    const { doc, activity, clock } = setup();
    textOf(doc, 'a').insert(0, 'x');
    clock.now += 10;
    textOf(doc, 'c').format(0, 3, { bold: true });
    clock.now += 10;
    getOrder(doc).delete(1, 1);
    expect(activity.since(1_000)).toEqual(['c', 'a']);
    textOf(doc, 'b').delete(0, 2);
    expect(activity.since(1_000)).toEqual(['b', 'c', 'a']);
  });

  it('forgets clauses once the window has passed', () => {
    const { doc, activity, clock } = setup();
    textOf(doc, 'a').insert(0, 'x');
    clock.now += 14_999;
    expect(activity.since(15_000)).toEqual(['a']);
    clock.now += 2;
    expect(activity.since(15_000)).toEqual([]);
  });

  it('notes a remote update applied to the document like a local edit', () => {
    const { doc, activity } = setup();
    const remote = new Y.Doc();
    Y.applyUpdate(remote, Y.encodeStateAsUpdate(doc));
    const before = Y.encodeStateVector(remote);
    textOf(remote, 'b').insert(0, 'typed elsewhere ');
    Y.applyUpdate(doc, Y.encodeStateAsUpdate(remote, before), 'socket');
    expect(activity.since(1)).toEqual(['b']);
  });

  it('notes a clause whose language version is typed in: the adopted text covers its versions', () => {
    const { doc, activity, clock } = setup();
    doc.transact(() => writeVersion(doc, 'b', 'kk', parseMarkup('*Шақырады*.')));
    clock.now += 10;
    textOf(doc, 'a').insert(0, 'x');
    expect(activity.since(1_000)).toEqual(['a', 'b']);
  });
});
