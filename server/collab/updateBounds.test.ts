import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import * as Y from 'yjs';
import { scanUpdate, type UpdateBounds } from './updateBounds.js';
import { encodeSections, gc, skip } from './updateShapes.js';

const LOOSE: UpdateBounds = { structs: 1e9, deleteRanges: 1e9, clients: 1e9 };

/** What Yjs itself reads in an update: structs, client sections, deletion ranges. */
function yjsCounts(update: Uint8Array): { structs: number; deleteRanges: number; clients: number } {
  const { structs, ds } = Y.decodeUpdate(update);
  let deleteRanges = 0;
  for (const ranges of ds.clients.values()) deleteRanges += ranges.length;
  return { structs: structs.length, deleteRanges, clients: new Set(structs.map((s) => s.id.client)).size };
}

/** Every kind of content a Yjs update can carry, written by Yjs's own encoder. */
function everyContent(): Uint8Array {
  const doc = new Y.Doc();
  doc.clientID = 7;
  doc.transact(() => {
    doc.getArray('a').insert(0, [1, 'two', { three: [3] }, new Uint8Array([4, 4]), null, true, 2.5]);
    doc.getMap('m').set('k', 'v');
    doc.getMap('m').set('sub', new Y.Doc({ guid: 'sub' }));
    const text = doc.getText('t');
    text.insert(0, 'hello world', { bold: true });
    text.insertEmbed(3, { image: 'x' });
    text.format(0, 2, { italic: { nested: 1 } });
    const fragment = doc.getXmlFragment('x');
    const element = new Y.XmlElement('paragraph');
    element.setAttribute('class', 'c');
    element.insert(0, [new Y.XmlText('in xml')]);
    fragment.insert(0, [element, new Y.XmlHook('hook') as unknown as Y.XmlElement]);
    doc.getArray('a').delete(1, 2);
    text.delete(1, 3);
  });
  const more = new Y.Doc();
  more.clientID = 8;
  Y.applyUpdate(more, Y.encodeStateAsUpdate(doc));
  more.getArray<unknown>('a').push([new Y.Map(), new Y.Array(), new Y.Text('nested')]);
  more.getText('t').delete(0, 4);
  return Y.mergeUpdates([Y.encodeStateAsUpdate(doc), Y.encodeStateAsUpdate(more)]);
}

describe('scanUpdate', () => {
  it('counts what Yjs reads, for every kind of content', () => {
    const update = everyContent();
    const counts = yjsCounts(update);
    expect(counts.structs).toBeGreaterThan(10);
    expect(counts.deleteRanges).toBeGreaterThan(1);
    expect(scanUpdate(update, LOOSE)).toEqual({ ok: true, counts });
  });

  it('counts what Yjs reads in hand-made shapes, and reports bytes it cannot read', () => {
    fc.assert(
      fc.property(
        fc.array(fc.record({ client: fc.nat(5), gcs: fc.nat(4), skips: fc.nat(2) }), { maxLength: 5 }),
        fc.array(fc.record({ client: fc.nat(5), clock: fc.nat(50), len: fc.integer({ min: 1, max: 9 }) }), {
          maxLength: 6,
        }),
        (sections, deletions) => {
          const update = encodeSections(
            sections
              .filter((s) => s.gcs + s.skips > 0)
              .map((s) => ({
                structs: [
                  ...Array.from({ length: s.gcs }, (_, i) => gc(s.client, i)),
                  ...Array.from({ length: s.skips }, (_, i) => skip(s.client, s.gcs + i)),
                ],
              })),
            deletions,
          );
          const verdict = scanUpdate(update, LOOSE);
          expect(verdict.ok).toBe(true);
          if (verdict.ok) {
            expect(verdict.counts.structs).toBe(yjsCounts(update).structs);
            expect(verdict.counts.deleteRanges).toBe(yjsCounts(update).deleteRanges);
          }
        },
      ),
    );
    const update = everyContent();
    for (let cut = 1; cut < update.length; cut += 7)
      expect(scanUpdate(update.subarray(0, cut), LOOSE)).toEqual({ ok: false, reason: 'undecodable_update' });
  });

  it('refuses beyond each bound, and stops reading there', () => {
    const structs = encodeSections([{ structs: Array.from({ length: 11 }, (_, i) => gc(1, i)) }]);
    expect(scanUpdate(structs, { ...LOOSE, structs: 10 })).toEqual({ ok: false, reason: 'too_many_structs' });
    expect(scanUpdate(structs, { ...LOOSE, structs: 11 }).ok).toBe(true);
    const clients = encodeSections(Array.from({ length: 5 }, (_, i) => ({ structs: [gc(i + 1, 0)] })));
    expect(scanUpdate(clients, { ...LOOSE, clients: 4 })).toEqual({ ok: false, reason: 'too_many_clients' });
    const deletions = encodeSections(
      [],
      Array.from({ length: 6 }, (_, i) => ({ client: 1 + (i % 2), clock: i * 3, len: 1 })),
    );
    expect(scanUpdate(deletions, { ...LOOSE, deleteRanges: 5 })).toEqual({ ok: false, reason: 'too_many_deletions' });
    // A section claiming four billion structs is refused on its header, before anything else is read.
    const claim = Uint8Array.from([1, 0xff, 0xff, 0xff, 0xff, 0x0f, 1, 0]);
    expect(scanUpdate(claim, { ...LOOSE, structs: 10_000 })).toEqual({ ok: false, reason: 'too_many_structs' });
  });

  it('reads a megabyte of tiny structs in a few milliseconds', () => {
    const update = encodeSections([{ structs: Array.from({ length: 480_000 }, (_, i) => gc(5, i)) }]);
    expect(update.length).toBeGreaterThan(900_000);
    scanUpdate(update, LOOSE);
    const started = performance.now();
    for (let i = 0; i < 5; i++) expect(scanUpdate(update, LOOSE).ok).toBe(true);
    const perScan = (performance.now() - started) / 5;
    // Y.decodeUpdate of the same bytes takes hundreds of milliseconds.
    expect(perScan).toBeLessThan(100);
  });
});
