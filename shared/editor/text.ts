import type { Node as PMNode } from 'prosemirror-model';
import { subparagraphLabel } from './numbering.js';

/**
 * Plain text of a clause: paragraphs on their own lines, subparagraphs prefixed with their derived label
 * ("(a) ", "(i) ") and indented two spaces per level. Marks are dropped. This is the `text` of the public
 * API and the basis of word diffs.
 */
export function clauseToPlainText(doc: PMNode): string {
  const lines: string[] = [];
  const list = (node: PMNode, depth: number): void => {
    node.forEach((item, _offset, index) => {
      const label = `(${subparagraphLabel(depth, index + 1)}) `;
      item.forEach((part, _o, partIndex) => {
        if (part.type.name === 'subparagraphs') list(part, depth + 1);
        else lines.push('  '.repeat(depth) + (partIndex === 0 ? label : '') + part.textContent);
      });
    });
  };
  doc.forEach((block) => {
    if (block.type.name === 'subparagraphs') list(block, 0);
    else lines.push(block.textContent);
  });
  return lines.join('\n');
}

/**
 * The title a document goes by: its title clause as the text now reads, on one line (the title is edited like
 * any clause), else (no title clause, or one emptied while someone retypes it) the title it was opened with.
 */
export function documentTitle(clauses: readonly { kind: string; text: string }[], openedWith: string): string {
  const clause = clauses.find((c) => c.kind === 'title');
  return clause?.text.replace(/\s+/g, ' ').trim() || openedWith;
}

/**
 * Number of bracketed passages left in a text. In negotiation, square brackets mark wording not yet agreed;
 * each `[` opens one such passage (an unclosed one still counts).
 */
export function countOpenBrackets(text: string): number {
  let count = 0;
  for (const ch of text) if (ch === '[') count += 1;
  return count;
}
