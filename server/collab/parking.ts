import * as Y from 'yjs';
import * as decoding from 'lib0/decoding';

type Struct = Y.Item | Y.GC | Y.Skip;
type StructStore = Y.Doc['store'];
type DeleteSet = ReturnType<typeof Y.decodeUpdate>['ds'];

/**
 * Whether Yjs would park part of an update instead of integrating it, and for which client.
 *
 * Yjs integrates what it can of an update and keeps the rest in `store.pendingStructs` / `store.pendingDs`,
 * to integrate it later, when some other update brings what it waited for — under whatever stage and lock
 * hold then, inside the transaction of whoever sent that other update. The collab server judges an update
 * once, on arrival, so it must never let Yjs park anything: this says beforehand whether it would.
 *
 * Whether a struct or a deletion is parked depends only on clocks: the document's state vector and what the
 * update itself brings, in the order Yjs integrates it (`integrateStructs` and `readAndApplyDeleteSet` in
 * yjs/src/utils/encoding.js and DeleteSet.js, 13.6). This function replays that order over clocks alone, so
 * its cost is proportional to the update, whatever the document's size. (A trial application to a scratch
 * document holding one GC struct per client would decide the same, but Yjs's `Item.integrate` cannot continue
 * a struct the server holds in part when its left neighbour there is a GC struct: it throws on honest
 * overlapping updates.) `parking.test.ts` checks the verdict against Yjs's own on random update shapes.
 *
 * `structs` must be the update's structs grouped by client, each client's in clock order, with no client
 * repeated (`repeatedClientSection` refuses updates that repeat one: Yjs keeps only a client's last section).
 * Returns the first client whose structs or deletions would be parked, or null.
 */
export function parkedClient(store: StructStore, structs: Map<number, Struct[]>, deletions: DeleteSet): number | null {
  const state = new Map<number, number>();
  const clock = (client: number): number => state.get(client) ?? Y.getState(store, client);
  const parked = replayStructs(structs, clock, state);
  if (parked !== null) return parked;
  for (const [client, ranges] of deletions.clients) {
    const known = clock(client);
    // A range reaching at or past the client's clock, even an empty one, is kept as pending.
    for (const range of ranges) if (range.clock >= known || range.clock + range.len > known) return client;
  }
  return null;
}

/** `integrateStructs` over clocks: integrating a struct moves its client's clock to the struct's end. */
function replayStructs(
  structs: Map<number, Struct[]>,
  clock: (client: number) => number,
  state: Map<number, number>,
): number | null {
  const readers = new Map<number, { i: number; refs: Struct[] }>();
  for (const [client, refs] of structs) readers.set(client, { i: 0, refs });
  // Yjs takes the highest client id first.
  const order = [...readers.keys()].sort((a, b) => a - b);
  const nextReader = (): { i: number; refs: Struct[] } | null => {
    while (order.length > 0) {
      const reader = readers.get(order[order.length - 1]!)!;
      if (reader.i < reader.refs.length) return reader;
      order.pop();
    }
    return null;
  };
  let current = nextReader();
  if (current === null) return null;
  const stack: Struct[] = [];
  let head: Struct = current.refs[current.i++]!;
  for (;;) {
    if (!(head instanceof Y.Skip)) {
      const client = head.id.client;
      const offset = clock(client) - head.id.clock;
      // A gap before it in its own client's clocks: Yjs parks it and everything waiting on it.
      if (offset < 0) return client;
      const missing = head instanceof Y.Item ? missingClient(head, clock) : null;
      if (missing !== null) {
        stack.push(head);
        const reader = readers.get(missing);
        // What it waits for is not in the update (or was consumed without being integrated): parked.
        if (!reader || reader.i === reader.refs.length) return missing;
        head = reader.refs[reader.i++]!;
        continue;
      }
      if (offset === 0 || offset < head.length) state.set(client, head.id.clock + head.length);
    }
    if (stack.length > 0) head = stack.pop()!;
    else if (current !== null && current.i < current.refs.length) head = current.refs[current.i++]!;
    else {
      current = nextReader();
      if (current === null) return null;
      head = current.refs[current.i++]!;
    }
  }
}

/** `Item.getMissing`'s first half: the other client whose struct this item needs and does not have yet. */
function missingClient(item: Y.Item, clock: (client: number) => number): number | null {
  const self = item.id.client;
  const { origin, rightOrigin } = item;
  if (origin && origin.client !== self && origin.clock >= clock(origin.client)) return origin.client;
  if (rightOrigin && rightOrigin.client !== self && rightOrigin.clock >= clock(rightOrigin.client))
    return rightOrigin.client;
  const parent = item.parent as unknown;
  if (parent instanceof Y.ID && parent.client !== self && parent.clock >= clock(parent.client)) return parent.client;
  return null;
}

/**
 * The first client whose section appears more than once in the update (or an empty section), or null. Yjs's
 * reader keeps only the last section of a client (`readClientsStructRefs` overwrites), while
 * `Y.decodeUpdate` lists every section: a policy reading the latter would judge structs Yjs never integrates
 * and miss the gap they leave. No Yjs encoder writes a client twice. `decoded` is `Y.decodeUpdate(update)`'s
 * struct list.
 */
export function repeatedClientSection(update: Uint8Array, decoded: readonly Struct[]): number | null {
  const sections = decoding.readVarUint(decoding.createDecoder(update));
  const seen = new Set<number>();
  let previous: number | undefined;
  for (const struct of decoded) {
    const client = struct.id.client;
    if (client === previous) continue;
    if (seen.has(client)) return client;
    seen.add(client);
    previous = client;
  }
  // Adjacent repeats and empty sections leave no trace in the struct list but its count of sections.
  if (seen.size !== sections) return previous ?? 0;
  return null;
}

/**
 * True when Yjs would park part of `update` if it were applied to `doc` now (or could not integrate it
 * faithfully: a repeated client section). Decodes the update: for updates that were already judged (stored
 * rows, relayed between nodes), where only the order of arrival can leave a gap.
 */
export function wouldPark(doc: Y.Doc, update: Uint8Array): boolean {
  const { structs, ds } = Y.decodeUpdate(update);
  if (repeatedClientSection(update, structs as Struct[]) !== null) return true;
  const byClient = new Map<number, Struct[]>();
  for (const struct of structs as Struct[]) {
    const list = byClient.get(struct.id.client);
    if (list) list.push(struct);
    else byClient.set(struct.id.client, [struct]);
  }
  return parkedClient(doc.store, byClient, ds) !== null;
}

/** True when Yjs holds structs or deletions of `doc` waiting to be integrated. */
export function hasPending(doc: Y.Doc): boolean {
  return doc.store.pendingStructs !== null || doc.store.pendingDs !== null;
}

/** Forgets what Yjs holds waiting in `doc`: it is never integrated. */
export function dropPending(doc: Y.Doc): void {
  doc.store.pendingStructs = null;
  doc.store.pendingDs = null;
}
