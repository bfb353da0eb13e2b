import * as decoding from 'lib0/decoding';

/** What one Yjs update may hold; beyond any of these it is refused before it is decoded. */
export interface UpdateBounds {
  /** Structs (items, GC and skip structs) in all sections together. */
  structs: number;
  /** Deletion ranges in the delete set, all clients together. */
  deleteRanges: number;
  /**
   * Deletion ranges allowed when they are as Yjs writes a delete set (per client in clock order, with gaps
   * between them), so that applying them walks each struct once: a reconnecting editor's sync step 2 carries
   * every deletion the document ever saw. The write policy then bounds those that delete something new
   * (`deleteRanges` again). Default: `deleteRanges`.
   */
  orderedDeleteRanges?: number;
  /** Client sections (clients whose structs the update carries). */
  clients: number;
}

/** What `scanUpdate` counted. */
export interface UpdateCounts {
  structs: number;
  deleteRanges: number;
  clients: number;
}

/** The first bound an update exceeds, as a close reason, or null. */
export type BoundsVerdict =
  | { ok: true; counts: UpdateCounts }
  | { ok: false; reason: 'too_many_structs' | 'too_many_deletions' | 'too_many_clients' | 'undecodable_update' };

/**
 * Counts what a v1 update holds by walking its bytes, without building a struct or a string: the cost of
 * reading (and refusing) a message is a few nanoseconds a byte, where `Y.decodeUpdate` and integration take
 * microseconds a struct — a 1 MiB update of tiny GC structs holds half a million of them. Stops at the first
 * bound exceeded. Mirrors Yjs's v1 reader (`readClientsStructRefs`, `readItemContent`, `readDeleteSet`);
 * bytes it cannot read are reported as undecodable (Yjs could not read them either). `orderedDeleteRanges`
 * applies to a sync step 2 (`syncStep2`) only: an update as typed carries the deletions just made.
 */
export function scanUpdate(update: Uint8Array, bounds: UpdateBounds, syncStep2 = false): BoundsVerdict {
  try {
    return scan(decoding.createDecoder(update), syncStep2 ? bounds : { ...bounds, orderedDeleteRanges: undefined });
  } catch {
    return { ok: false, reason: 'undecodable_update' };
  }
}

function scan(decoder: decoding.Decoder, bounds: UpdateBounds): BoundsVerdict {
  const counts: UpdateCounts = { structs: 0, deleteRanges: 0, clients: 0 };
  const sections = decoding.readVarUint(decoder);
  if (sections > bounds.clients) return { ok: false, reason: 'too_many_clients' };
  counts.clients = sections;
  for (let s = 0; s < sections; s++) {
    const structs = decoding.readVarUint(decoder);
    counts.structs += structs;
    if (counts.structs > bounds.structs) return { ok: false, reason: 'too_many_structs' };
    decoding.readVarUint(decoder); // client
    decoding.readVarUint(decoder); // first clock
    for (let i = 0; i < structs; i++) skipStruct(decoder);
  }
  return scanDeleteSet(decoder, bounds, counts);
}

function scanDeleteSet(decoder: decoding.Decoder, bounds: UpdateBounds, counts: UpdateCounts): BoundsVerdict {
  const most = Math.max(bounds.deleteRanges, bounds.orderedDeleteRanges ?? 0);
  let ordered = true;
  const clients = decoding.readVarUint(decoder);
  for (let c = 0; c < clients; c++) {
    decoding.readVarUint(decoder); // client
    const ranges = decoding.readVarUint(decoder);
    counts.deleteRanges += ranges;
    if (counts.deleteRanges > most) return { ok: false, reason: 'too_many_deletions' };
    let end = -1;
    for (let r = 0; r < ranges; r++) {
      const clock = decoding.readVarUint(decoder);
      ordered &&= clock > end;
      end = clock + decoding.readVarUint(decoder);
    }
    if (!ordered && counts.deleteRanges > bounds.deleteRanges) return { ok: false, reason: 'too_many_deletions' };
  }
  return { ok: true, counts };
}

const BITS5 = 31;
const BIT6 = 32;
const BIT7 = 64;
const BIT8 = 128;

function skipStruct(decoder: decoding.Decoder): void {
  const info = decoding.readUint8(decoder);
  const ref = info & BITS5;
  if (ref === 0 || ref === 10) {
    decoding.readVarUint(decoder); // GC or skip: a length
    return;
  }
  if (info & BIT8) skipId(decoder); // origin
  if (info & BIT7) skipId(decoder); // right origin
  if ((info & (BIT7 | BIT8)) === 0) {
    if (decoding.readVarUint(decoder) === 1)
      decoding.readVarString(decoder); // parent: a root's name…
    else skipId(decoder); // …or an item's id
    if (info & BIT6) decoding.readVarString(decoder); // parent sub (a map key)
  }
  skipContent(decoder, ref);
}

function skipId(decoder: decoding.Decoder): void {
  decoding.readVarUint(decoder);
  decoding.readVarUint(decoder);
}

/** Content by Yjs's content ref: deleted, JSON, binary, string, embed, format, type, any, doc. */
function skipContent(decoder: decoding.Decoder, ref: number): void {
  switch (ref) {
    case 1:
      decoding.readVarUint(decoder);
      return;
    case 2: {
      const n = decoding.readVarUint(decoder);
      for (let i = 0; i < n; i++) decoding.readVarString(decoder);
      return;
    }
    case 3:
      decoding.readVarUint8Array(decoder);
      return;
    case 4:
    case 5:
      decoding.readVarString(decoder);
      return;
    case 6:
      decoding.readVarString(decoder);
      decoding.readVarString(decoder);
      return;
    case 7: {
      const type = decoding.readVarUint(decoder);
      // XmlElement and XmlHook carry a name.
      if (type === 3 || type === 5) decoding.readVarString(decoder);
      return;
    }
    case 8: {
      const n = decoding.readVarUint(decoder);
      for (let i = 0; i < n; i++) decoding.readAny(decoder);
      return;
    }
    case 9:
      decoding.readVarString(decoder);
      decoding.readAny(decoder);
      return;
    default:
      throw new RangeError(`Unknown content ref ${ref}`);
  }
}
