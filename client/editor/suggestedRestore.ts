import type { Mark, Node as PMNode } from 'prosemirror-model';
import * as Y from 'yjs';
import { boundedWordDiff, type DiffPart } from '../../shared/domain/wordDiff.js';
import { getClauseFragment } from '../../shared/editor/ydoc.js';
import {
  DELETION_MARK,
  INSERTION_MARK,
  sameAuthor,
  suggestionAttrs,
  type SuggestionAttrs,
} from '../../shared/editor/suggestions.js';
import { newSuggestionId, type SuggestAuthor } from './suggestMode.js';

/** One character of a paragraph: the character and its formatting attributes, as Yjs or ProseMirror hold them. */
interface Char {
  char: string;
  attrs: Record<string, unknown>;
}

/** A paragraph of the server's copy paired with the person's version of it. */
interface Pair {
  element: Y.XmlElement;
  text: Y.XmlText | null;
  mine: PMNode;
}

/**
 * Writes `content` (this person's version of a clause) onto the clause in `doc` as their suggestions, the way
 * the suggesting editor would have made it: words they added carry their insertion mark, words they removed
 * carry their deletion mark (or are deleted when they were their own suggested words), and nothing else
 * changes, so the server takes it from someone who must suggest. Call inside a transaction.
 *
 * A suggestion changes words, never the clause's shape: when the paragraphs and subparagraphs differ, or a
 * paragraph holds more than text, nothing is written and the answer is false (the text is handed back).
 */
export function writeSuggestion(doc: Y.Doc, clauseId: string, content: PMNode, author: SuggestAuthor): boolean {
  const pairs: Pair[] = [];
  if (!pairUp(getClauseFragment(doc, clauseId), content, pairs)) return false;
  for (const pair of pairs) suggestInParagraph(pair, author);
  return true;
}

/** Pairs each paragraph of `y` with the person's; false where the two differ in shape. */
function pairUp(y: Y.XmlFragment | Y.XmlElement, node: PMNode, pairs: Pair[]): boolean {
  if (node.isTextblock) {
    if (!(y instanceof Y.XmlElement)) return false;
    const children = y.toArray();
    const text = children[0] ?? null;
    if (children.length > 1 || (text !== null && !(text instanceof Y.XmlText))) return false;
    let onlyText = true;
    node.forEach((child) => (onlyText &&= child.isText));
    if (!onlyText) return false;
    pairs.push({ element: y, text, mine: node });
    return true;
  }
  const children = y.toArray();
  if (children.length !== node.childCount) return false;
  return children.every(
    (child, i) =>
      child instanceof Y.XmlElement &&
      child.nodeName === node.child(i).type.name &&
      pairUp(child, node.child(i), pairs),
  );
}

function suggestInParagraph({ element, text, mine }: Pair, author: SuggestAuthor): void {
  const theirs = text ? charsOfText(text) : [];
  const wanted = charsOfNode(mine);
  // By words, as the secretariat reads a suggestion: a word changed is struck and typed again whole. The
  // diff is bounded: two texts too far apart to tell word by word read as one passage replaced.
  const parts = trimmed(boundedWordDiff(theirs.map((c) => c.char).join(''), wanted.map((c) => c.char).join('')).diff);
  if (!parts.some((part) => part.op !== 'equal') && sameDeletions(theirs, wanted, author)) return;
  let target = text;
  if (!target) element.insert(0, [(target = new Y.XmlText())]);
  const own = (value: unknown): SuggestionAttrs | null => {
    const attrs = suggestionAttrs(value);
    return attrs && sameAuthor(attrs, author) ? attrs : null;
  };
  // `at` is the position in the text as changed so far; `t` and `m` index the two versions' characters.
  let at = 0;
  let t = 0;
  let m = 0;
  let id: string | null = null;
  for (const part of parts) {
    const n = part.text.length;
    if (part.op === 'equal') {
      id = null;
      for (let k = 0; k < n; k++, at++, t++, m++) {
        // Their own deletion mark, put on or taken off, is the one change of an unchanged word they may make.
        const had = own(theirs[t]!.attrs[DELETION_MARK]);
        const has = own(wanted[m]!.attrs[DELETION_MARK]);
        if (has && !had && theirs[t]!.attrs[DELETION_MARK] == null)
          target.format(at, 1, { [DELETION_MARK]: { ...has } });
        else if (had && !has) target.format(at, 1, { [DELETION_MARK]: null });
      }
      continue;
    }
    id ??= newSuggestionId();
    const mark = { id, user: author.user, delegation: author.delegation };
    if (part.op === 'delete') {
      for (let k = 0; k < n; k++, t++) {
        const attrs = theirs[t]!.attrs;
        if (own(attrs[INSERTION_MARK])) target.delete(at, 1);
        else {
          if (attrs[DELETION_MARK] == null) target.format(at, 1, { [DELETION_MARK]: mark });
          at++;
        }
      }
      continue;
    }
    for (let k = 0; k < n; k++, at++, m++) {
      const { [INSERTION_MARK]: _i, [DELETION_MARK]: _d, ...formatting } = wanted[m]!.attrs;
      target.insert(at, wanted[m]!.char, { ...formatting, [INSERTION_MARK]: mark });
    }
  }
}

/**
 * The word diff with what a word replaced keeps of it left unchanged: a word diff keeps a word's space with it,
 * so words added after "education" read as "education" replaced by "education of all"; the person typed " of
 * all", and that is what they suggest.
 */
function trimmed(parts: DiffPart[]): DiffPart[] {
  const out: DiffPart[] = [];
  for (let i = 0; i < parts.length; i++) {
    const removed = parts[i]!.op === 'delete' ? parts[i]!.text : null;
    const added =
      parts[removed === null ? i : i + 1]?.op === 'insert' ? parts[removed === null ? i : i + 1]!.text : null;
    if (removed === null || added === null) {
      out.push(parts[i]!);
      continue;
    }
    i += 1;
    // Words and spaces apart: a whole word kept is left alone, never part of one.
    const a = removed.match(/\s+|\S+/g) ?? [];
    const b = added.match(/\s+|\S+/g) ?? [];
    let head = 0;
    while (head < a.length && head < b.length && a[head] === b[head]) head++;
    let tail = 0;
    while (tail < a.length - head && tail < b.length - head && a[a.length - 1 - tail] === b[b.length - 1 - tail])
      tail++;
    const part = (op: DiffPart['op'], text: string): void => void (text && out.push({ op, text }));
    part('equal', a.slice(0, head).join(''));
    part('delete', a.slice(head, a.length - tail).join(''));
    part('insert', b.slice(head, b.length - tail).join(''));
    part('equal', a.slice(a.length - tail).join(''));
  }
  return out;
}

/** Whether the two versions' own deletion marks agree, character by character (their texts being the same). */
function sameDeletions(theirs: Char[], wanted: Char[], author: SuggestAuthor): boolean {
  const own = (c: Char): boolean => {
    const attrs = suggestionAttrs(c.attrs[DELETION_MARK]);
    return attrs !== null && sameAuthor(attrs, author);
  };
  return theirs.every((c, i) => own(c) === own(wanted[i]!));
}

function charsOfText(text: Y.XmlText): Char[] {
  const chars: Char[] = [];
  for (const op of text.toDelta() as { insert: unknown; attributes?: Record<string, unknown> }[]) {
    if (typeof op.insert !== 'string') continue;
    // UTF-16 units, as Yjs counts positions.
    for (let i = 0; i < op.insert.length; i++) chars.push({ char: op.insert[i]!, attrs: op.attributes ?? {} });
  }
  return chars;
}

function charsOfNode(node: PMNode): Char[] {
  const chars: Char[] = [];
  node.forEach((child) => {
    const attrs = attributesOf(child.marks);
    const text = child.text ?? '';
    for (let i = 0; i < text.length; i++) chars.push({ char: text[i]!, attrs });
  });
  return chars;
}

/** A text's marks as y-prosemirror stores them: one attribute per mark, named by it, its value the mark's attributes. */
function attributesOf(marks: readonly Mark[]): Record<string, unknown> {
  return Object.fromEntries(marks.map((mark) => [mark.type.name, mark.attrs]));
}
