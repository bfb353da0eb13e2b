import * as Y from 'yjs';
import * as encoding from 'lib0/encoding';

/**
 * Test tools: Yjs updates (v1 encoding, as y-websocket sends them) built section by section, so that tests
 * can send shapes no Yjs encoder writes — a client's section repeated, sections out of order, structs whose
 * predecessors are elsewhere — and see what the server does with them.
 */

type Struct = Y.Item | Y.GC | Y.Skip;

/** One client's run of structs in an update, starting at `structs[0]`'s clock. */
export interface Section {
  structs: Struct[];
}

/** A deletion range: `len` clocks of `client` from `clock`. */
export interface Deletion {
  client: number;
  clock: number;
  len: number;
}

/** Encodes sections in the order given (repeats allowed) and a delete set, as a v1 update. */
export function encodeSections(sections: Section[], deletions: readonly Deletion[] = []): Uint8Array {
  const encoder = new Y.UpdateEncoderV1();
  encoding.writeVarUint(encoder.restEncoder, sections.length);
  for (const { structs } of sections) {
    encoding.writeVarUint(encoder.restEncoder, structs.length);
    encoder.writeClient(structs[0]?.id.client ?? 0);
    encoding.writeVarUint(encoder.restEncoder, structs[0]?.id.clock ?? 0);
    for (const struct of structs) struct.write(encoder, 0);
  }
  const byClient = new Map<number, Deletion[]>();
  for (const d of deletions) {
    const list = byClient.get(d.client);
    if (list) list.push(d);
    else byClient.set(d.client, [d]);
  }
  encoding.writeVarUint(encoder.restEncoder, byClient.size);
  for (const [client, ranges] of byClient) {
    encoder.resetDsCurVal();
    encoding.writeVarUint(encoder.restEncoder, client);
    encoding.writeVarUint(encoder.restEncoder, ranges.length);
    for (const r of ranges) {
      encoder.writeDsClock(r.clock);
      encoder.writeDsLen(r.len);
    }
  }
  return encoder.toUint8Array();
}

/** A GC struct (a collected range: no content, no place). */
export function gc(client: number, clock: number, len = 1): Y.GC {
  return new Y.GC(Y.createID(client, clock), len);
}

/** A Skip struct (a hole the update says nothing about). */
export function skip(client: number, clock: number, len = 1): Y.Skip {
  return new Y.Skip(Y.createID(client, clock), len);
}

/**
 * A text item: `text` inserted after `origin` (and before `rightOrigin`), or at the start of the root named
 * `parent` when neither is given.
 */
export function textItem(
  client: number,
  clock: number,
  text: string,
  at: { origin?: Y.ID; rightOrigin?: Y.ID; parent?: string | Y.ID },
): Y.Item {
  const parent = at.origin || at.rightOrigin ? null : (at.parent ?? null);
  return new Y.Item(
    Y.createID(client, clock),
    null,
    at.origin ?? null,
    null,
    at.rightOrigin ?? null,
    parent as never,
    null,
    new Y.ContentString(text),
  );
}

/** The ids of the characters of a Y.XmlText (or any type holding text), in order: where to aim an insert. */
export function charIds(type: Y.AbstractType<any>): Y.ID[] {
  const ids: Y.ID[] = [];
  for (let item = type._start; item !== null; item = item.right) {
    if (item.deleted || !(item.content instanceof Y.ContentString)) continue;
    for (let i = 0; i < item.length; i++) ids.push(Y.createID(item.id.client, item.id.clock + i));
  }
  return ids;
}

/** The structs of an update as Yjs decodes them (every section, in order). */
export function structsOf(update: Uint8Array): Struct[] {
  return Y.decodeUpdate(update).structs as Struct[];
}

/** True when applying `update` to a copy of `doc` leaves structs or deletions pending. */
export function parksOn(doc: Y.Doc, update: Uint8Array): boolean {
  const copy = new Y.Doc({ gc: true });
  Y.applyUpdate(copy, Y.encodeStateAsUpdate(doc));
  Y.applyUpdate(copy, update);
  const parked = copy.store.pendingStructs !== null || copy.store.pendingDs !== null;
  copy.destroy();
  return parked;
}
