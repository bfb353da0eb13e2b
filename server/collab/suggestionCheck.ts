import * as Y from 'yjs';
import { getClauseFragment } from '../../shared/editor/ydoc.js';
import {
  DELETION_MARK,
  INSERTION_MARK,
  sameAuthor,
  suggestionAttrs,
  type SuggestionAttrs,
} from '../../shared/editor/suggestions.js';

/** The suggestion marks one character of a clause carries (null: none). */
interface CharMarks {
  insertion: SuggestionAttrs | null;
  deletion: SuggestionAttrs | null;
}

/** Who writes: the suggestions they make must carry exactly this attribution. */
export interface SuggestionAuthor {
  user: string;
  delegation: string | null;
}

/**
 * For someone who must suggest (`mustSuggest`), whether an update to these clauses is nothing but
 * suggestions of theirs; returns the first clause it is not, or null. Judged on the outcome, not on the
 * update's structs: the update is applied to a copy of the document (`ShadowCopy`) and each clause's
 * characters (by Yjs id) are compared before and after, so no arrangement of format items can slip past it (a
 * format item's effect runs to the next one of its key, wherever Yjs integrates it). Allowed:
 *
 * - a new character carrying the author's insertion mark;
 * - deleting a character that carries the author's insertion mark (taking back their own words);
 * - putting the author's deletion mark on a character that has none, or taking theirs off;
 * - formatting (emphasis, strong) and paragraphs as such: a paragraph's words are characters, judged above.
 *
 * Refused: text without the author's insertion mark, any other character deleted, anyone else's mark put on
 * or taken off (which would accept or reject their suggestion).
 */
export function nonSuggestion(
  doc: Y.Doc,
  update: Uint8Array,
  clauseIds: Iterable<string>,
  author: SuggestionAuthor,
): string | null {
  const ids = [...clauseIds];
  if (ids.length === 0) return null;
  const after = ShadowCopy.of(doc).tryOn(update);
  for (const clauseId of ids) {
    const was = charMarks(getClauseFragment(doc, clauseId));
    const now = charMarks(getClauseFragment(after, clauseId));
    if (!onlySuggestions(was, now, author)) return clauseId;
  }
  return null;
}

/**
 * A copy of a document that follows it (every update the document applies, whoever made it), on which a
 * candidate update is tried. Copying the document for every keystroke would cost as much as loading it (14 ms
 * for the demo declaration on a busy machine); following it costs applying each update twice. The copy is
 * made for documents someone who must suggest writes to, and goes with its document.
 *
 * The candidate last tried stays in the copy. Before the next try, the copy is trusted only if the document
 * holds that candidate too (its structs and deletions: `snapshotContainsUpdate`), as when the room applied
 * it; otherwise (refused here or by the room, for any reason) the copy is made again. A copy ahead of its
 * document would judge the next update against text the document does not have.
 */
class ShadowCopy {
  private static readonly copies = new WeakMap<Y.Doc, ShadowCopy>();
  private copy: Y.Doc;
  private candidate: Uint8Array | null = null;

  private constructor(private readonly doc: Y.Doc) {
    this.copy = ShadowCopy.fresh(doc);
    doc.on('update', (update: Uint8Array) => Y.applyUpdate(this.copy, update));
    doc.on('destroy', () => {
      this.copy.destroy();
      ShadowCopy.copies.delete(doc);
    });
  }

  static of(doc: Y.Doc): ShadowCopy {
    let shadow = ShadowCopy.copies.get(doc);
    if (!shadow) ShadowCopy.copies.set(doc, (shadow = new ShadowCopy(doc)));
    return shadow;
  }

  private static fresh(doc: Y.Doc): Y.Doc {
    const copy = new Y.Doc({ gc: doc.gc });
    Y.applyUpdate(copy, Y.encodeStateAsUpdate(doc));
    return copy;
  }

  /** The copy with `update` applied: the document as it would be. */
  tryOn(update: Uint8Array): Y.Doc {
    if (this.candidate && !Y.snapshotContainsUpdate(Y.snapshot(this.doc), this.candidate)) {
      this.copy.destroy();
      this.copy = ShadowCopy.fresh(this.doc);
    }
    this.candidate = update;
    Y.applyUpdate(this.copy, update);
    return this.copy;
  }
}

function onlySuggestions(
  before: Map<string, CharMarks>,
  after: Map<string, CharMarks>,
  author: SuggestionAuthor,
): boolean {
  const own = (attrs: SuggestionAttrs | null): boolean => attrs !== null && sameAuthor(attrs, author);
  for (const [id, was] of before) {
    const now = after.get(id);
    if (!now) {
      if (!own(was.insertion)) return false;
      continue;
    }
    if (!sameAttrs(was.insertion, now.insertion)) return false;
    if (sameAttrs(was.deletion, now.deletion)) continue;
    const marked = was.deletion === null && own(now.deletion);
    const unmarked = own(was.deletion) && now.deletion === null;
    if (!marked && !unmarked) return false;
  }
  for (const [id, now] of after) {
    if (before.has(id)) continue;
    if (!own(now.insertion) || (now.deletion !== null && !own(now.deletion))) return false;
  }
  return true;
}

function sameAttrs(a: SuggestionAttrs | null, b: SuggestionAttrs | null): boolean {
  if (a === null || b === null) return a === b;
  return a.id === b.id && a.user === b.user && a.delegation === b.delegation;
}

/** Every live character of a clause, keyed by its Yjs id, with the suggestion marks in force on it. */
function charMarks(fragment: Y.XmlFragment): Map<string, CharMarks> {
  const chars = new Map<string, CharMarks>();
  const visit = (node: Y.XmlFragment | Y.XmlElement | Y.XmlText): void => {
    if (node instanceof Y.XmlText) {
      readText(node, chars);
      return;
    }
    for (const child of node.toArray()) {
      if (child instanceof Y.XmlElement || child instanceof Y.XmlText) visit(child);
    }
  };
  visit(fragment);
  return chars;
}

/** Walks a text's items as Yjs formats them: a live format item holds until the next one of its key. */
function readText(text: Y.XmlText, chars: Map<string, CharMarks>): void {
  let insertion: SuggestionAttrs | null = null;
  let deletion: SuggestionAttrs | null = null;
  for (let item = text._start; item !== null; item = item.right) {
    if (item.deleted) continue;
    const content = item.content;
    if (content instanceof Y.ContentFormat) {
      if (content.key === INSERTION_MARK) insertion = suggestionAttrs(content.value);
      else if (content.key === DELETION_MARK) deletion = suggestionAttrs(content.value);
    } else if (content instanceof Y.ContentString) {
      for (let i = 0; i < item.length; i++)
        chars.set(`${item.id.client}:${item.id.clock + i}`, { insertion, deletion });
    }
  }
}
