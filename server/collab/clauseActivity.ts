import type * as Y from 'yjs';
import { clauseIdOfKey, versionOfKey } from '../../shared/editor/ydoc.js';

/**
 * When people last changed each clause of one loaded document: what "a clause being typed in" means when
 * the chair puts the text to a vote as a whole (`shared/domain/unfinished.ts`). The registry notes every Y
 * transaction that is not the server's own, as it is applied in memory: an update still waiting for its group
 * commit counts at once, and so does one another node stored (relayed or caught up). A clause's language
 * versions count as the clause: the adopted text's fingerprint covers them too.
 */
export class ClauseActivity {
  private readonly last = new Map<string, number>();
  /** Root types already resolved to their clause id (null: not a clause). */
  private readonly roots = new WeakMap<Y.AbstractType<any>, string | null>();

  /** `now` gives the time in ms; a parameter so that tests can move it. */
  constructor(private readonly now: () => number = Date.now) {}

  /** Records the clauses a transaction changed: inserted into, formatted or deleted from. */
  note(transaction: Y.Transaction): void {
    const at = this.now();
    for (const type of transaction.changed.keys()) {
      const clauseId = this.clauseOf(transaction.doc, type);
      if (clauseId) this.last.set(clauseId, at);
    }
  }

  /** Clauses changed within the last `windowMs`, most recent first; older entries are forgotten. */
  since(windowMs: number): string[] {
    const cutoff = this.now() - windowMs;
    const recent: [string, number][] = [];
    for (const [clauseId, at] of this.last) {
      if (at >= cutoff) recent.push([clauseId, at]);
      else this.last.delete(clauseId);
    }
    return recent.sort((a, b) => b[1] - a[1]).map(([clauseId]) => clauseId);
  }

  /** The clause whose fragment, or one of whose versions' fragments, holds `type` (or its root), or null. */
  private clauseOf(doc: Y.Doc, type: Y.AbstractType<any>): string | null {
    let root = type;
    while (root._item) root = root._item.parent as Y.AbstractType<any>;
    let clauseId = this.roots.get(root);
    if (clauseId === undefined) {
      clauseId = null;
      for (const [key, value] of doc.share) {
        if (value === root) {
          clauseId = clauseIdOfKey(key) ?? versionOfKey(key)?.clauseId ?? null;
          break;
        }
      }
      this.roots.set(root, clauseId);
    }
    return clauseId;
  }
}
