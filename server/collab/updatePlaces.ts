import * as Y from 'yjs';
import { CloseCode } from '../../shared/protocol/collab.js';
import { findByClock } from '../../shared/editor/clockRange.js';

export type Struct = Y.Item | Y.GC | Y.Skip;

/** Where an item lives: its immediate parent type (for consistency checks) and the root it belongs to. */
export type Place = { gc: true } | { gc: false; parent: string; root: string };
export const GC_PLACE: Place = { gc: true };

/** Thrown inside the check of an update to refuse it with a close code (see `checkUpdate`). */
export class Refusal extends Error {
  constructor(
    readonly code: CloseCode,
    readonly reason: string,
  ) {
    super(reason);
  }
}

export const malformed = (why: string): Refusal => new Refusal(CloseCode.MALFORMED_MESSAGE, why);
export const missing = (why: string): Refusal => new Refusal(CloseCode.MISSING_DEPENDENCY, why);

/**
 * Where the structs of an incoming update will land, resolved the way Yjs itself will integrate them, against
 * the server's document and the update's own structs: an item names its parent only when it has neither
 * origin nor right origin; otherwise it takes its left (or right) neighbour's parent. An item next to a
 * garbage-collected neighbour, or under a garbage-collected parent, lands in a deleted region (`GC_PLACE`).
 * References the server cannot resolve refuse the update (`missing`, `malformed`).
 */
export class UpdatePlaces {
  /** The update's structs per client, in clock order. */
  readonly byClient = new Map<number, Struct[]>();
  private readonly places = new Map<Y.Item, Place>();
  private readonly visiting = new Set<Y.Item>();
  private readonly rootNames = new WeakMap<object, string>();

  constructor(private readonly doc: Y.Doc) {}

  /** Adds one of the update's structs (in the order they were decoded). */
  add(struct: Struct): void {
    const list = this.byClient.get(struct.id.client);
    if (list) list.push(struct);
    else this.byClient.set(struct.id.client, [struct]);
  }

  /** Where a new item of the update will be integrated (memoised; cycles are refused). */
  place(item: Y.Item): Place {
    const known = this.places.get(item);
    if (known) return known;
    if (this.visiting.has(item)) throw malformed('circular_references');
    this.visiting.add(item);
    const place = this.resolve(item);
    this.visiting.delete(item);
    this.places.set(item, place);
    return place;
  }

  private resolve(item: Y.Item): Place {
    const parent = item.parent as unknown;
    if (typeof parent === 'string') return { gc: false, parent: `root:${parent}`, root: parent };
    if (parent instanceof Y.ID) {
      this.checkReference(item, parent);
      const target = this.lookup(parent);
      if (target.gc) return GC_PLACE;
      const owner = target.struct;
      if (!(owner.content instanceof Y.ContentType) || owner.id.clock !== parent.clock)
        throw malformed('parent_not_a_type');
      let root: string;
      if (target.inStore) root = this.integratedRoot(owner.content.type);
      else {
        const ownerPlace = this.place(owner);
        if (ownerPlace.gc) return GC_PLACE;
        root = ownerPlace.root;
      }
      return { gc: false, parent: `item:${parent.client}:${parent.clock}`, root };
    }
    if (parent !== null && parent !== undefined) throw malformed('unexpected_parent');
    const left = item.origin ? this.neighbour(item, item.origin) : null;
    const right = item.rightOrigin ? this.neighbour(item, item.rightOrigin) : null;
    if (!left && !right) throw malformed('no_parent');
    if (left?.gc || right?.gc) return GC_PLACE;
    if (left && right && !left.gc && !right.gc && left.parent !== right.parent)
      throw malformed('origins_in_different_parents');
    return (left ?? right)!;
  }

  /** The place of an origin or right origin: the item it points into, in the store or in the update. */
  private neighbour(item: Y.Item, id: Y.ID): Place {
    this.checkReference(item, id);
    const target = this.lookup(id);
    if (target.gc) return GC_PLACE;
    return target.inStore ? this.integrated(target.struct) : this.place(target.struct);
  }

  /** A reference to the item's own client must point back in time, or Yjs would not see it is missing. */
  private checkReference(item: Y.Item, id: Y.ID): void {
    if (id.client === item.id.client && id.clock >= item.id.clock) throw malformed('reference_forward');
  }

  /** The struct holding `id`: the server's if it has that clock, else the update's. */
  private lookup(id: Y.ID): { gc: true } | { gc: false; inStore: boolean; struct: Y.Item } {
    if (id.clock < Y.getState(this.doc.store, id.client)) {
      const struct = this.storeStruct(id.client, id.clock);
      return struct instanceof Y.Item ? { gc: false, inStore: true, struct } : { gc: true };
    }
    const struct = this.updateStruct(id.client, id.clock);
    if (!struct || struct instanceof Y.Skip) throw missing(`missing_reference:${id.client}`);
    return struct instanceof Y.Item ? { gc: false, inStore: false, struct } : { gc: true };
  }

  storeStruct(client: number, clock: number): Y.Item | Y.GC {
    const structs = this.doc.store.clients.get(client)!;
    return structs[Y.findIndexSS(structs, clock)] as Y.Item | Y.GC;
  }

  updateStruct(client: number, clock: number): Struct | undefined {
    return findByClock(
      this.byClient.get(client),
      clock,
      (s) => s.id.clock,
      (s) => s.id.clock + s.length,
    );
  }

  /** Place of an item already in the server's document. */
  integrated(item: Y.Item): Place {
    const parent = item.parent as Y.AbstractType<unknown> | null;
    if (!parent) return GC_PLACE;
    const owner = parent._item;
    const key = owner ? `item:${owner.id.client}:${owner.id.clock}` : `root:${this.rootName(parent)}`;
    return { gc: false, parent: key, root: this.integratedRoot(parent) };
  }

  private integratedRoot(type: Y.AbstractType<unknown>): string {
    let current = type;
    while (current._item) current = current._item.parent as Y.AbstractType<unknown>;
    return this.rootName(current);
  }

  private rootName(type: Y.AbstractType<unknown>): string {
    let name = this.rootNames.get(type);
    if (name === undefined) {
      name = Y.findRootTypeKey(type);
      this.rootNames.set(type, name);
    }
    return name;
  }
}
