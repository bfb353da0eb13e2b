import type { Node as PMNode } from 'prosemirror-model';
import * as Y from 'yjs';

/**
 * Suggestion mode (docs/negotiation.md, "Suggestion mode"): words typed as a suggestion carry the
 * `suggestion` mark, words suggested for deletion the `suggestion_deletion` mark, each with the suggestion's
 * id and its author's user id and delegation. In the Yjs document they are y-prosemirror's formatting
 * attributes of the same names.
 */
export const INSERTION_MARK = 'suggestion';
export const DELETION_MARK = 'suggestion_deletion';

export type SuggestionKind = 'insertion' | 'deletion';

/** A suggestion mark's attributes, as stored in the text. */
export interface SuggestionAttrs {
  id: string;
  user: string;
  delegation: string | null;
}

/** Longest suggestion id the server accepts (the editor makes 16 hex characters). */
export const SUGGESTION_ID_MAX = 64;

/** The attributes if `value` is a well-formed suggestion mark's, else null. */
export function suggestionAttrs(value: unknown): SuggestionAttrs | null {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return null;
  const { id, user, delegation } = value as Record<string, unknown>;
  if (typeof id !== 'string' || id.length === 0 || id.length > SUGGESTION_ID_MAX) return null;
  if (typeof user !== 'string' || user.length === 0) return null;
  if (delegation !== null && delegation !== undefined && typeof delegation !== 'string') return null;
  return { id, user, delegation: delegation ?? null };
}

/** Whether two attributions are the same person under the same delegation (the id aside). */
export function sameAuthor(a: SuggestionAttrs, b: { user: string; delegation: string | null }): boolean {
  return a.user === b.user && (a.delegation ?? null) === (b.delegation ?? null);
}

/** One pending suggestion of a clause: its id, kind, author and the words it covers (joined across runs). */
export interface PendingSuggestion {
  id: string;
  kind: SuggestionKind;
  user: string;
  delegation: string | null;
  text: string;
}

/** The pending suggestions of a clause's content, in the order of the text (one entry per id and kind). */
export function suggestionsIn(doc: PMNode): PendingSuggestion[] {
  const found = new Map<string, PendingSuggestion>();
  doc.descendants((node) => {
    if (!node.isText) return true;
    for (const mark of node.marks) {
      const kind =
        mark.type.name === INSERTION_MARK ? 'insertion' : mark.type.name === DELETION_MARK ? 'deletion' : null;
      const attrs = kind ? suggestionAttrs(mark.attrs) : null;
      if (!kind || !attrs) continue;
      const key = `${kind}:${attrs.id}`;
      const entry = found.get(key);
      if (entry) entry.text += node.text ?? '';
      else
        found.set(key, { id: attrs.id, kind, user: attrs.user, delegation: attrs.delegation, text: node.text ?? '' });
    }
    return false;
  });
  return [...found.values()];
}

/** A run of a clause's text under one suggestion: where it is in its `Y.XmlText` and what it suggests. */
export interface SuggestionRun {
  text: Y.XmlText;
  index: number;
  length: number;
  kind: SuggestionKind;
  attrs: SuggestionAttrs;
}

/**
 * The runs of text under suggestion marks in a clause's fragment, every paragraph of it, in the order of the
 * text. Offsets are the `Y.XmlText`'s (an embedded non-text item counts one).
 */
export function suggestionRuns(fragment: Y.XmlFragment): SuggestionRun[] {
  const runs: SuggestionRun[] = [];
  const visit = (node: Y.XmlElement | Y.XmlFragment | Y.XmlText): void => {
    if (node instanceof Y.XmlText) {
      let index = 0;
      for (const op of node.toDelta() as { insert: unknown; attributes?: Record<string, unknown> }[]) {
        const length = typeof op.insert === 'string' ? op.insert.length : 1;
        for (const [key, kind] of [
          [INSERTION_MARK, 'insertion'],
          [DELETION_MARK, 'deletion'],
        ] as const) {
          const attrs = suggestionAttrs(op.attributes?.[key]);
          if (attrs) runs.push({ text: node, index, length, kind, attrs });
        }
        index += length;
      }
      return;
    }
    for (const child of node.toArray()) visit(child as Y.XmlElement | Y.XmlText);
  };
  visit(fragment);
  return runs;
}
