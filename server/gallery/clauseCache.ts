import type * as Y from 'yjs';
import type { ClauseJSON } from '../../shared/editor/schema.js';
import { numberClauses } from '../../shared/editor/numbering.js';
import { clauseIdOfKey, clauseOrder, readClause } from '../../shared/editor/ydoc.js';
import type { ClauseRow } from '../db/repositories/documents.js';
import { exportClauses, type ExportClause } from '../export/model.js';

/**
 * A published document's clauses as the export model reads them, kept between readings: a clause is read
 * from Yjs and converted again only when a transaction touched its fragment or its label moved, so a reading
 * of a long declaration while one person types costs one clause, not all of them. A clause object that did
 * not change is the same object, so what is rendered from it can be kept by identity (`changes.ts`).
 */
export class ClauseCache {
  private doc: Y.Doc | undefined;
  private readonly touched = new Set<string>();
  private readonly entries = new Map<string, { label: string; clause: ExportClause }>();
  /** Root types already resolved to their name. */
  private readonly names = new Map<Y.AbstractType<any>, string>();
  private readonly observe = (transaction: Y.Transaction): void => {
    for (const type of transaction.changed.keys()) this.touch(type);
  };

  /** The clauses of `doc` in order, numbered; ids without a live row are left out, as the export does. */
  clauses(doc: Y.Doc, rows: Map<string, ClauseRow>): ExportClause[] {
    if (doc !== this.doc) this.follow(doc);
    const ordered = clauseOrder(doc).flatMap((id) => {
      const row = rows.get(id);
      return row && !row.deleted_at ? [row] : [];
    });
    const labels = numberClauses(ordered.map((row) => row.kind));
    const out = ordered.map((row, i) => {
      const { number, ref } = labels[i]!;
      const label = `${row.kind}|${row.status}|${number}|${ref}`;
      const cached = this.entries.get(row.id);
      if (cached && cached.label === label && !this.touched.has(row.id)) return cached.clause;
      const content = readClause(doc, row.id).toJSON() as ClauseJSON;
      const [read] = exportClauses([{ id: row.id, kind: row.kind, status: row.status, content }]);
      const clause = { ...read!, number, ref };
      this.entries.set(row.id, { label, clause });
      return clause;
    });
    this.touched.clear();
    if (this.entries.size > ordered.length) {
      const live = new Set(ordered.map((row) => row.id));
      for (const id of this.entries.keys()) if (!live.has(id)) this.entries.delete(id);
    }
    return out;
  }

  /** Stops following the document (its channel is gone). */
  close(): void {
    this.doc?.off('afterTransaction', this.observe);
    this.doc = undefined;
  }

  /** A new copy of the document (first reading, or reloaded from storage): everything is read again. */
  private follow(doc: Y.Doc): void {
    this.close();
    this.entries.clear();
    this.touched.clear();
    this.names.clear();
    this.doc = doc;
    doc.on('afterTransaction', this.observe);
  }

  /** Notes the clause whose fragment holds `type` (its own root, or the root above it), as clauseActivity.ts does. */
  private touch(type: Y.AbstractType<any>): void {
    let root = type;
    while (root._item) root = root._item.parent as Y.AbstractType<any>;
    let name = this.names.get(root);
    if (name === undefined) {
      for (const [key, value] of this.doc!.share) this.names.set(value, key);
      name = this.names.get(root) ?? '';
    }
    const id = clauseIdOfKey(name);
    if (id && !id.includes('/')) this.touched.add(id);
  }
}
