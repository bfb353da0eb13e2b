import * as Y from 'yjs';
import type { Node as PMNode } from 'prosemirror-model';
import { clauseIdOfKey, clauseOrder, readClause, writeClause } from '../../shared/editor/ydoc.js';
import { writeSuggestion } from './suggestedRestore.js';
import type { SuggestAuthor } from './suggestMode.js';

/** A clause as this person had written it, which the server's copy does not hold. */
export interface UnsavedClause {
  clauseId: string;
  content: PMNode;
}

export interface Salvage {
  /** Clauses whose edits were written again onto the server's copy (and so are sent). */
  restored: string[];
  /** Clauses whose edits this person may not make now: handed back as text. */
  unsaved: UnsavedClause[];
  /** This copy had reordered, inserted or removed clauses: structure is not written again. */
  orderLost: boolean;
}

/** The transaction origin of restored edits. */
export const SALVAGE_ORIGIN = Symbol('salvage');

/**
 * After the server refused something from `previous` (a copy that may hold edits it never received, such as
 * a whole spell of offline typing), `fresh` is the server's copy. Every clause this person changed in
 * `previous` is compared with the server's: where `mayWrite` allows, their version is written onto `fresh` as
 * new edits (a minimal change, so what others typed meanwhile stays); elsewhere it is handed back.
 *
 * `previous` first takes in everything `fresh` has, so the two copies differ only by what never reached the
 * server: the comparison never mistakes someone else's newer text for this person's edit.
 *
 * With `suggestAs` (the person suggests: they must, or chose to), their version is written as their
 * suggestions (`writeSuggestion`), as the server takes it from them; a version that changes the clause's shape,
 * which no suggestion can, is handed back.
 */
export function salvage(
  previous: Y.Doc,
  fresh: Y.Doc,
  mayWrite: (clauseId: string) => boolean,
  suggestAs: SuggestAuthor | null = null,
): Salvage {
  Y.applyUpdate(previous, Y.encodeStateAsUpdate(fresh, Y.encodeStateVector(previous)));
  const writable: UnsavedClause[] = [];
  const unsaved: UnsavedClause[] = [];
  for (const key of previous.share.keys()) {
    const clauseId = clauseIdOfKey(key);
    if (clauseId === null) continue;
    const content = readClause(previous, clauseId);
    if (content.eq(readClause(fresh, clauseId))) continue;
    (mayWrite(clauseId) ? writable : unsaved).push({ clauseId, content });
  }
  const restored: string[] = [];
  if (writable.length > 0) {
    fresh.transact(() => {
      for (const c of writable) {
        if (!suggestAs) writeClause(fresh, c.clauseId, c.content);
        else if (!writeSuggestion(fresh, c.clauseId, c.content, suggestAs)) {
          unsaved.push(c);
          continue;
        }
        restored.push(c.clauseId);
      }
    }, SALVAGE_ORIGIN);
  }
  return {
    restored,
    unsaved,
    orderLost: clauseOrder(previous).join(' ') !== clauseOrder(fresh).join(' '),
  };
}
