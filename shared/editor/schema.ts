import { Schema, type Attrs, type Node as PMNode } from 'prosemirror-model';

/** A suggestion mark's attributes: the suggestion's id, its author's user id and their delegation (or null). */
const SUGGESTION_ATTRS = { id: {}, user: {}, delegation: { default: null } };

function suggestionDOMAttrs(attrs: Attrs, className: string): Record<string, string> {
  const dom: Record<string, string> = { class: className, 'data-suggestion': String(attrs.id) };
  if (attrs.delegation) dom['data-delegation'] = String(attrs.delegation);
  return dom;
}

/**
 * The one ProseMirror schema for clause content, used by the editor, the collab server and every exporter.
 *
 * A clause is a `doc` of paragraphs and subparagraph lists. Subparagraphs nest: the first level is labelled
 * (a), (b)…, the second (i), (ii)… — labels are derived from the structure, never typed. Only emphasis
 * (italic, used for the opening participle or verb) and strong are allowed as marks, beside the two marks of
 * suggestion mode: anything else pasted in is dropped by `parseDOM`.
 */
export const clauseSchema = new Schema({
  nodes: {
    doc: { content: 'block+' },
    paragraph: {
      content: 'inline*',
      group: 'block',
      parseDOM: [{ tag: 'p' }, { tag: 'div', priority: 10 }],
      toDOM: () => ['p', 0],
    },
    subparagraphs: {
      content: 'subparagraph+',
      group: 'block',
      parseDOM: [{ tag: 'ol' }, { tag: 'ul' }],
      toDOM: () => ['ol', { class: 'subparagraphs' }, 0],
    },
    subparagraph: {
      content: 'paragraph subparagraphs?',
      defining: true,
      parseDOM: [{ tag: 'li' }],
      toDOM: () => ['li', 0],
    },
    text: { group: 'inline' },
  },
  marks: {
    em: {
      parseDOM: [{ tag: 'i' }, { tag: 'em' }, { style: 'font-style=italic' }],
      toDOM: () => ['em', 0],
    },
    strong: {
      parseDOM: [
        { tag: 'strong' },
        { tag: 'b', getAttrs: (node) => (node as HTMLElement).style.fontWeight !== 'normal' && null },
        { style: 'font-weight', getAttrs: (value) => /^(bold(er)?|[6-9]\d{2,})$/.test(value as string) && null },
      ],
      toDOM: () => ['strong', 0],
    },
    // Suggestion mode (docs/negotiation.md, "Suggestion mode"): words typed as a suggestion, and words
    // suggested for deletion, attributed to their author and delegation under one suggestion id. Neither is
    // parsed from pasted HTML: a paste carries no one's attribution, and the editor marks it as the paster's.
    suggestion: {
      attrs: SUGGESTION_ATTRS,
      inclusive: false,
      toDOM: (mark) => ['ins', suggestionDOMAttrs(mark.attrs, 'suggestion'), 0],
    },
    suggestion_deletion: {
      attrs: SUGGESTION_ATTRS,
      inclusive: false,
      toDOM: (mark) => ['del', suggestionDOMAttrs(mark.attrs, 'suggestion-deletion'), 0],
    },
  },
});

export type ClauseNode = PMNode;

/** JSON form of clause content, as stored by `Node.toJSON()`. */
export interface ClauseJSON {
  type: string;
  content?: ClauseJSON[];
  text?: string;
  marks?: { type: string }[];
}

/**
 * Parses untrusted clause JSON with the shared schema and checks it, throwing `RangeError` on anything the
 * schema does not allow (unknown node or mark, wrong nesting, empty text node).
 */
export function clauseFromJSON(json: unknown): PMNode {
  const node = clauseSchema.nodeFromJSON(json);
  node.check();
  return node;
}
