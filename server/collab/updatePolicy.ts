import * as Y from 'yjs';
import type { Actor } from '../../shared/domain/roles.js';
import type { Stage } from '../../shared/domain/stages.js';
import type { ClauseStatus } from '../../shared/domain/clauses.js';
import { decide } from '../../shared/domain/permissions.js';
import { clauseIdOfKey, ORDER_KEY, textKeyOf, versionOfKey } from '../../shared/editor/ydoc.js';
import { CloseCode, COLLAB_LIMITS } from '../../shared/protocol/collab.js';
import { mustSuggest } from '../../shared/domain/suggestions.js';
import { parkedClient, repeatedClientSection } from './parking.js';
import { nonSuggestion } from './suggestionCheck.js';
import { checkClauseContent, forbidden } from './updateContent.js';
import { mergedRanges, textGrowth, type InsertedText } from './textBudget.js';
import { GC_PLACE, malformed, missing, Refusal, UpdatePlaces, type Struct } from './updatePlaces.js';

/**
 * What the write policy needs to know about a document. The room reads it from storage for every update it
 * judges (`CollabRoom.judge`), never from a cache: a lock or a stage move by any path, on any node, governs
 * the next write.
 */
export interface PolicyView {
  stage: Stage;
  /** Every clause row: its status, and whether it was deleted from the text. */
  clauses: Map<string, { status: ClauseStatus; deleted: boolean }>;
  /** The document's language versions, its original excepted (`clause/<id>/<code>` may be written); none when absent. */
  versions?: ReadonlySet<string>;
  /** Whether the secretariat requires the delegations to write as suggestions (`mustSuggest`); false when absent. */
  suggestionsRequired?: boolean;
}

/** The writer as the policy needs them; `userId` names them in the suggestions they must write. */
export type PolicyActor = Pick<Actor, 'role' | 'delegation' | 'translates'> & { userId?: string };

/** Whose a client id is, from the point of view of the connection sending an update. */
export type ClientIdOwnership = 'own' | 'free' | 'taken';

export type Verdict =
  | {
      ok: true;
      /** Nothing new: every struct and deletion is already known. Not applied, stored or broadcast. */
      empty: boolean;
      /** Client ids that wrote new structs and are not yet bound (bind them when the update is stored). */
      newClientIds: number[];
      /** Clause ids the update writes to (for logging and tests). */
      clauses: string[];
      /** True when the update writes the `order` array. */
      order: boolean;
      /**
       * Characters each clause would gain (negative: lose) once the update is applied (see `textGrowth`), for
       * the text limits; clauses whose length would not change are left out.
       */
      growth: Map<string, number>;
    }
  | { ok: false; code: CloseCode; reason: string };

/** Clocks beyond this are refused: no honest client gets near it, and it keeps clock arithmetic exact. */
const MAX_CLOCK = 2 ** 40;

/**
 * Decides, before anything is applied, whether `actor` may apply `update` to `doc`:
 *
 * 1. decode it (a decoding error refuses the update as malformed; so does a client's section repeated, since
 *    Yjs would integrate only the last one);
 * 2. check it depends only on what the server has (no gaps in a client's clocks, every origin, right origin,
 *    parent and deletion known to the server or in the update itself), and that Yjs would integrate all of it
 *    at once (`parkedClient`) — otherwise it is refused, never parked;
 * 3. resolve every new struct and every new deletion to the root it writes: `order` or `clause/<id>`, the way
 *    Yjs itself will when it integrates it (`UpdatePlaces`: an item names its parent only when it has neither
 *    origin nor right origin; otherwise it takes its left — or right — neighbour's parent). An item next to a
 *    garbage-collected neighbour, or under a garbage-collected parent, lands in a deleted region: Yjs turns
 *    it into a GC struct, so it writes nothing and is allowed (its clock range still counts for the client
 *    id check);
 * 4. check the write policy (`clause.write` per clause with its status, `clause.structure` for `order` and,
 *    with its status, for each clause moved in it; any new struct at all, GC included, needs `clause.write` in
 *    the stage) and the content against the clause schema (element and mark names, mark keys and attributes
 *    small; ids in `order` must be live clauses);
 * 5. for someone who must write as suggestions, check that the clauses' text changes by nothing else
 *    (`nonSuggestion`);
 * 6. check that every client id with new structs is this connection's or free (never the server's own).
 *
 * The verdict also says how much text each clause would gain, for the text limits the room applies; a
 * version's text counts under `<clauseId>/<lang>` against the limit of one clause.
 */
export function checkUpdate(
  doc: Y.Doc,
  update: Uint8Array,
  actor: PolicyActor,
  policy: PolicyView,
  ownership: (clientId: number) => ClientIdOwnership,
): Verdict {
  try {
    return new UpdateCheck(doc, actor, policy, ownership).run(update);
  } catch (error) {
    if (error instanceof Refusal) return { ok: false, code: error.code, reason: error.reason };
    // lib0's decoders throw plain Errors ("Unexpected end of array", "Integer out of Range"); Yjs throws
    // on unknown content refs. Every such failure is the sender's.
    return { ok: false, code: CloseCode.MALFORMED_MESSAGE, reason: 'undecodable_update' };
  }
}

class UpdateCheck {
  private readonly where: UpdatePlaces;
  private readonly touchedClauses = new Set<string>();
  /** Versions written, as `[clauseId, lang]` keyed by their root name. */
  private readonly touchedVersions = new Map<string, { clauseId: string; lang: string }>();
  private touchesOrder = false;
  private deletesSomething = false;
  /** Clause ids the update inserts into or deletes from `order`. */
  private readonly movedClauses = new Set<string>();
  /** New string items landing in clauses (what the update adds to their text). */
  private readonly insertedText: InsertedText[] = [];

  constructor(
    private readonly doc: Y.Doc,
    private readonly actor: PolicyActor,
    private readonly policy: PolicyView,
    private readonly ownership: (clientId: number) => ClientIdOwnership,
  ) {
    this.where = new UpdatePlaces(doc);
  }

  run(update: Uint8Array): Verdict {
    const { structs, ds } = Y.decodeUpdate(update);
    const repeated = repeatedClientSection(update, structs as Struct[]);
    if (repeated !== null) throw malformed(`repeated_client_section:${repeated}`);
    for (const struct of structs as Struct[]) this.where.add(struct);
    const written = new Set<number>();
    for (const [client, list] of this.where.byClient) {
      if (this.checkClient(client, list)) written.add(client);
    }
    let live = 0;
    for (const [client, ranges] of ds.clients) {
      // Each range as sent is checked in O(1); the document is walked once per merged range, so ranges that
      // repeat or overlap cost nothing more (5,000 copies of one range once held the loop for seconds).
      for (const range of ranges)
        if (range.len < 1 || range.clock + range.len > MAX_CLOCK) throw malformed('delete_range');
      for (const { clock, end } of mergedRanges(ranges)) if (this.checkDeletion(client, clock, end - clock)) live += 1;
    }
    // Ranges already applied here cost Yjs a lookup each; those that delete something new may split a struct
    // each, which costs more the more there are (a reconnection carries the first kind by the thousand).
    if (live > COLLAB_LIMITS.maxUpdateDeleteRanges)
      throw new Refusal(CloseCode.MESSAGE_TOO_LARGE, 'too_many_deletions');
    // Judged once, on arrival: nothing may wait in Yjs to be integrated later, under another stage or lock,
    // in someone else's transaction.
    const parked = parkedClient(this.doc.store, this.where.byClient, ds);
    if (parked !== null) throw missing(`would_park:${parked}`);
    for (const clauseId of this.touchedClauses) this.checkClause(clauseId);
    for (const version of this.touchedVersions.values()) this.checkVersion(version.clauseId, version.lang);
    if (this.touchesOrder) this.checkPolicy(decide(this.actor, 'clause.structure', { stage: this.policy.stage }));
    // Moving a clause is inserting or deleting its id in `order`; a locked clause stays where it is, as over HTTP.
    for (const clauseId of this.movedClauses) this.checkMove(clauseId);
    // Structs of any kind, GC included, are a write: someone who may write nothing now adds none (no client
    // id bindings, no log rows), even where they would land in a deleted region.
    // An update that writes only versions was judged version by version above (a translator need not be a writer).
    const onlyVersions = this.touchedVersions.size > 0 && this.touchedClauses.size === 0 && !this.touchesOrder;
    if (written.size > 0 && !onlyVersions)
      this.checkPolicy(decide(this.actor, 'clause.write', { stage: this.policy.stage }));

    if (this.touchedClauses.size > 0) this.checkSuggestions(update);

    const newClientIds: number[] = [];
    for (const client of written) {
      const owner = client === this.doc.clientID ? 'taken' : this.ownership(client);
      if (owner === 'taken') throw new Refusal(CloseCode.CLIENT_ID_TAKEN, `client_id_taken:${client}`);
      if (owner === 'free') newClientIds.push(client);
    }
    const empty =
      written.size === 0 &&
      this.touchedClauses.size === 0 &&
      this.touchedVersions.size === 0 &&
      !this.touchesOrder &&
      !this.deletesSomething;
    const growth = empty
      ? new Map<string, number>()
      : textGrowth(this.doc, this.insertedText, ds, (item) => this.clauseOf(item));
    return { ok: true, empty, newClientIds, clauses: [...this.touchedClauses], order: this.touchesOrder, growth };
  }

  /** The text an item of the server's document belongs to (`textKeyOf`), or null. */
  private clauseOf(item: Y.Item): string | null {
    const place = this.where.integrated(item);
    return place.gc ? null : textKeyOf(place.root);
  }

  /** Checks one client's structs in clock order; returns true when some of them are new to the server. */
  private checkClient(client: number, list: Struct[]): boolean {
    const state = Y.getState(this.doc.store, client);
    let cursor = state;
    let expected = list[0]!.id.clock;
    let wrote = false;
    for (const struct of list) {
      const { clock } = struct.id;
      if (clock !== expected) throw malformed('non_contiguous_structs');
      if (struct.length < 1 || clock + struct.length > MAX_CLOCK) throw malformed('struct_length');
      expected = clock + struct.length;
      if (struct instanceof Y.Skip) continue;
      if (clock > cursor) throw missing(`missing_clock:${client}`);
      cursor = Math.max(cursor, expected);
      if (expected <= state) continue; // already known: Yjs skips it
      wrote = true;
      if (struct instanceof Y.Item) this.checkNewItem(struct, state);
    }
    return wrote;
  }

  private checkNewItem(item: Y.Item, state: number): void {
    const place = this.where.place(item);
    if (item.id.clock < state) {
      // Partly known: Yjs integrates the rest after the client's last known struct, keeping the parent it
      // resolved. Both must agree, or the lists of two parents would be spliced together.
      const left = this.where.storeStruct(item.id.client, state - 1);
      const leftPlace = left instanceof Y.Item ? this.where.integrated(left) : GC_PLACE;
      if (leftPlace.gc !== place.gc || (!leftPlace.gc && !place.gc && leftPlace.parent !== place.parent)) {
        throw malformed('inconsistent_overlap');
      }
    }
    if (place.gc) return;
    this.touch(place.root);
    this.checkContent(item, place);
    const clauseId = textKeyOf(place.root);
    if (clauseId !== null && item.content instanceof Y.ContentString)
      this.insertedText.push({ item, from: Math.max(0, state - item.id.clock), clauseId });
  }

  /** Records that a root is written, refusing roots outside the layout. */
  private touch(root: string): void {
    if (root === ORDER_KEY) {
      this.touchesOrder = true;
      return;
    }
    const clauseId = clauseIdOfKey(root);
    if (clauseId !== null) {
      this.touchedClauses.add(clauseId);
      return;
    }
    const version = versionOfKey(root);
    if (version === null) throw forbidden('outside_schema');
    this.touchedVersions.set(root, version);
  }

  private checkContent(item: Y.Item, place: { parent: string; root: string }): void {
    if (item.parentSub !== null) throw forbidden('outside_schema');
    const content = item.content;
    if (content instanceof Y.ContentDeleted) return;
    if (place.root === ORDER_KEY) {
      if (place.parent !== `root:${ORDER_KEY}` || !(content instanceof Y.ContentAny)) throw forbidden('outside_schema');
      for (const value of content.getContent()) {
        if (typeof value !== 'string') throw forbidden('outside_schema');
        const row = this.policy.clauses.get(value);
        if (!row || row.deleted) throw forbidden('unknown_clause', value.slice(0, 64));
        this.movedClauses.add(value);
      }
      return;
    }
    checkClauseContent(content);
  }

  /**
   * Checks a merged deletion range: what it deletes in the server's document (skipping what is already deleted
   * or collected) and in the update itself; anything beyond both is a missing dependency. True when it deletes
   * something not deleted here yet.
   */
  private checkDeletion(client: number, clock: number, len: number): boolean {
    if (len < 1 || clock + len > MAX_CLOCK) throw malformed('delete_range');
    const end = clock + len;
    const state = Y.getState(this.doc.store, client);
    let live = end > state;
    if (clock < state) {
      const structs = this.doc.store.clients.get(client)!;
      for (let i = Y.findIndexSS(structs, clock); i < structs.length; i++) {
        const struct = structs[i]!;
        if (struct.id.clock >= end) break;
        if (struct instanceof Y.Item && !struct.deleted) {
          live = true;
          const place = this.where.integrated(struct);
          if (!place.gc) {
            this.touch(place.root);
            this.deletesSomething = true;
            if (place.root === ORDER_KEY && struct.content instanceof Y.ContentAny) {
              const from = Math.max(clock, struct.id.clock) - struct.id.clock;
              const to = Math.min(end, struct.id.clock + struct.length) - struct.id.clock;
              for (const id of struct.content.getContent().slice(from, to)) this.movedClauses.add(String(id));
            }
          }
        }
      }
    }
    for (let at = Math.max(clock, state); at < end;) {
      const struct = this.where.updateStruct(client, at);
      if (!struct || struct instanceof Y.Skip) throw missing(`missing_deletion_target:${client}`);
      if (struct instanceof Y.Item) {
        const place = this.where.place(struct);
        if (!place.gc) this.touch(place.root);
      }
      at = struct.id.clock + struct.length;
    }
    return live;
  }

  private checkClause(clauseId: string): void {
    const row = this.policy.clauses.get(clauseId);
    if (!row || row.deleted) throw forbidden('unknown_clause', clauseId.slice(0, 64));
    const decision = decide(this.actor, 'clause.write', { stage: this.policy.stage, clauseStatus: row.status });
    if (!decision.allowed) throw forbidden(decision.reason, clauseId.slice(0, 64));
  }

  /**
   * A clause's version: the document must have the language (its original excepted: that is the clause
   * itself), the clause must be live, and the writer a translator of the language or the secretariat, before
   * adoption. The clause's lock holds its original wording, not its versions.
   */
  private checkVersion(clauseId: string, lang: string): void {
    if (!this.policy.versions?.has(lang)) throw forbidden('outside_schema');
    const row = this.policy.clauses.get(clauseId);
    if (!row || row.deleted) throw forbidden('unknown_clause', clauseId.slice(0, 64));
    const decision = decide(this.actor, 'translation.write', { stage: this.policy.stage, language: lang });
    if (!decision.allowed) throw forbidden(decision.reason, clauseId.slice(0, 64));
  }

  private checkMove(clauseId: string): void {
    const row = this.policy.clauses.get(clauseId);
    if (!row) return;
    const decision = decide(this.actor, 'clause.structure', { stage: this.policy.stage, clauseStatus: row.status });
    if (!decision.allowed) throw forbidden(decision.reason, clauseId.slice(0, 64));
  }

  /** Someone who must suggest writes nothing else into a clause's text (`nonSuggestion`). */
  private checkSuggestions(update: Uint8Array): void {
    if (!mustSuggest(this.actor, this.policy.stage, this.policy.suggestionsRequired ?? false)) return;
    const { userId, delegation } = this.actor;
    if (userId === undefined) throw new RangeError('checkUpdate: suggestions are judged only for a known userId');
    const clauseId = nonSuggestion(this.doc, update, this.touchedClauses, { user: userId, delegation });
    if (clauseId !== null) throw forbidden('suggestion_required', clauseId.slice(0, 64));
  }

  private checkPolicy(decision: ReturnType<typeof decide>): void {
    if (!decision.allowed) throw forbidden(decision.reason);
  }
}
