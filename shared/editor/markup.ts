import type { Node as PMNode, Mark } from 'prosemirror-model';
import { clauseSchema, type ClauseJSON } from './schema.js';
import { subparagraphLabel } from './numbering.js';

/**
 * A light plain-text markup for clause content, used for the demo seed, amendment text and Markdown export:
 *
 * - one paragraph per line;
 * - `(a) text` starts a first-level subparagraph, an indented `(i) text` a second-level one (labels in the
 *   input are only markers: they are derived again on output);
 * - `*emphasis*` and `**strong**`; a backslash escapes `*`, `(` at line start and `\`.
 *
 * `parseMarkup` never throws on text: anything it does not recognise is kept as literal characters.
 */
export function parseMarkup(source: string): PMNode {
  const blocks: ClauseJSON[] = [];
  // Stack of open subparagraph lists, one per depth.
  let lists: ClauseJSON[] = [];
  for (const raw of source.replace(/\r\n?/g, '\n').split('\n')) {
    if (raw.trim() === '') continue;
    const match = /^(\s*)\(([a-z]{1,3}|[ivxlcdm]{1,6})\)\s+(.*)$/.exec(raw);
    if (!match) {
      lists = [];
      blocks.push(paragraph(raw.trim()));
      continue;
    }
    const depth = Math.min(match[1]!.length >= 2 ? 1 : 0, lists.length);
    lists = lists.slice(0, depth + 1);
    let list = lists[depth];
    if (!list) {
      list = { type: 'subparagraphs', content: [] };
      if (depth === 0) blocks.push(list);
      else lastItem(lists[depth - 1]!).content!.push(list);
      lists[depth] = list;
    }
    list.content!.push({ type: 'subparagraph', content: [paragraph(match[3]!.trim())] });
  }
  if (blocks.length === 0) blocks.push(paragraph(''));
  return clauseSchema.nodeFromJSON({ type: 'doc', content: blocks });
}

function lastItem(list: ClauseJSON): ClauseJSON {
  return list.content![list.content!.length - 1]!;
}

function paragraph(text: string): ClauseJSON {
  const content = parseInline(text);
  return content.length ? { type: 'paragraph', content } : { type: 'paragraph' };
}

/** Splits `text` into text nodes with em/strong marks. Unclosed markers stay literal. */
function parseInline(text: string): ClauseJSON[] {
  const out: ClauseJSON[] = [];
  let buffer = '';
  let em = false;
  let strong = false;
  const flush = (): void => {
    if (!buffer) return;
    const marks = [...(em ? [{ type: 'em' }] : []), ...(strong ? [{ type: 'strong' }] : [])];
    out.push(marks.length ? { type: 'text', text: buffer, marks } : { type: 'text', text: buffer });
    buffer = '';
  };
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!;
    if (ch === '\\' && i + 1 < text.length) {
      buffer += text[++i];
    } else if (ch === '*' && text[i + 1] === '*' && (strong || text.indexOf('**', i + 2) > i + 2)) {
      flush();
      strong = !strong;
      i++;
    } else if (ch === '*' && (em || hasCloser(text, i + 1))) {
      flush();
      em = !em;
    } else {
      buffer += ch;
    }
  }
  flush();
  return out;
}

function hasCloser(text: string, from: number): boolean {
  for (let i = from; i < text.length; i++) {
    if (text[i] === '\\') i++;
    else if (text[i] === '*' && text[i + 1] !== '*' && i > from) return true;
  }
  return false;
}

/** Serialises clause content back to the markup `parseMarkup` reads (round-trips its output). */
export function toMarkup(doc: PMNode): string {
  const lines: string[] = [];
  const list = (node: PMNode, depth: number): void => {
    node.forEach((item, _offset, index) => {
      item.forEach((part, _o, partIndex) => {
        if (part.type.name === 'subparagraphs') list(part, depth + 1);
        else
          lines.push(
            `${'  '.repeat(depth)}${partIndex === 0 ? `(${subparagraphLabel(depth, index + 1)}) ` : ''}${inline(part)}`,
          );
      });
    });
  };
  doc.forEach((block) => {
    if (block.type.name === 'subparagraphs') list(block, 0);
    else lines.push(escapeLineStart(inline(block)));
  });
  return lines.join('\n');
}

/** Plain text as one paragraph of the markup: read back by `parseMarkup`, it is the same characters, unmarked. */
export function escapeMarkup(text: string): string {
  return escapeLineStart(text.replace(/\s*\n\s*/g, ' ').replace(/[\\*]/g, (c) => `\\${c}`));
}

function escapeLineStart(line: string): string {
  return /^\s*\(/.test(line) ? `\\${line}` : line;
}

function inline(paragraph: PMNode): string {
  let out = '';
  let open: readonly Mark[] = [];
  const close = (marks: readonly Mark[]): string =>
    [...marks]
      .reverse()
      .map((m) => (m.type.name === 'strong' ? '**' : '*'))
      .join('');
  paragraph.forEach((child) => {
    // Only emphasis and strong have a markup; suggestion marks are not the text's formatting.
    const marks = child.marks.filter((m) => m.type.name === 'em' || m.type.name === 'strong');
    if (!sameMarks(marks, open)) {
      out += close(open) + marks.map((m) => (m.type.name === 'strong' ? '**' : '*')).join('');
      open = marks;
    }
    out += (child.text ?? '').replace(/[\\*]/g, (c) => `\\${c}`);
  });
  return out + close(open);
}

function sameMarks(a: readonly Mark[], b: readonly Mark[]): boolean {
  return a.length === b.length && a.every((m, i) => m.eq(b[i]!));
}
