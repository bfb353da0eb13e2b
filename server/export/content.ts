import type { Node as PMNode } from 'prosemirror-model';
import { subparagraphLabel } from '../../shared/editor/numbering.js';

/**
 * Clause content in the neutral shape every renderer reads: the ProseMirror tree reduced to paragraphs,
 * labelled subparagraph lists and styled runs. Labels are derived here once, so a PDF, a DOCX and an Akoma
 * Ntoso file can never disagree on whether a subparagraph is (c) or (d).
 */

/** A stretch of text with one styling. */
export interface ExportRun {
  text: string;
  /** Italic: the opening participle of a preambular paragraph or the opening verb of an operative one. */
  em: boolean;
  strong: boolean;
}

export interface ExportParagraph {
  type: 'paragraph';
  runs: ExportRun[];
}

/** One subparagraph: its own paragraph, optionally followed by a nested list. */
export interface ExportListItem {
  /** The derived label without parentheses: "a", "b"… at depth 0, "i", "ii"… at depth 1. */
  label: string;
  runs: ExportRun[];
  list: ExportList | null;
}

export interface ExportList {
  type: 'list';
  /** 0 for (a), (b)…; 1 for (i), (ii)…; deeper levels alternate. */
  depth: number;
  items: ExportListItem[];
}

export type ExportBlock = ExportParagraph | ExportList;

/** Converts a checked clause `doc` into blocks. */
export function clauseBlocks(doc: PMNode): ExportBlock[] {
  const blocks: ExportBlock[] = [];
  doc.forEach((block) => {
    blocks.push(block.type.name === 'subparagraphs' ? listOf(block, 0) : { type: 'paragraph', runs: runsOf(block) });
  });
  return blocks;
}

function listOf(node: PMNode, depth: number): ExportList {
  const items: ExportListItem[] = [];
  node.forEach((item, _offset, index) => {
    // The schema guarantees `paragraph subparagraphs?`, so the first child is the item's paragraph.
    const paragraph = item.firstChild;
    const nested = item.childCount > 1 ? item.child(1) : null;
    items.push({
      label: subparagraphLabel(depth, index + 1),
      runs: paragraph ? runsOf(paragraph) : [],
      list: nested ? listOf(nested, depth + 1) : null,
    });
  });
  return { type: 'list', depth, items };
}

function runsOf(paragraph: PMNode): ExportRun[] {
  const runs: ExportRun[] = [];
  paragraph.forEach((child) => {
    // Words still suggested for insertion are not the text yet (docs/negotiation.md, "Suggestion mode"); words
    // suggested for deletion still are.
    if (child.marks.some((m) => m.type.name === 'suggestion')) return;
    const text = child.text ?? '';
    const em = child.marks.some((m) => m.type.name === 'em');
    const strong = child.marks.some((m) => m.type.name === 'strong');
    const last = runs[runs.length - 1];
    // Adjacent text nodes with the same styling are one run for every renderer.
    if (last && last.em === em && last.strong === strong) last.text += text;
    else runs.push({ text, em, strong });
  });
  return runs;
}

/**
 * The clause's opening phrase: the italic text it starts with ("Noting with concern"), or null when the
 * first paragraph does not open in italics. Surrounding spaces are not part of the phrase.
 */
export function openingPhrase(blocks: readonly ExportBlock[]): string | null {
  const first = blocks[0];
  const runs = first ? (first.type === 'paragraph' ? first.runs : (first.items[0]?.runs ?? [])) : [];
  let phrase = '';
  for (const run of runs) {
    if (!run.em) break;
    phrase += run.text;
  }
  phrase = phrase.trim();
  return phrase === '' ? null : phrase;
}

/** A block flattened for renderers that lay text out line by line (PDF, DOCX, Markdown). */
export interface FlatParagraph {
  /** -1 for a plain paragraph, otherwise the subparagraph depth. */
  depth: number;
  /** "a", "ii"… for subparagraphs; null for plain paragraphs. */
  label: string | null;
  runs: ExportRun[];
}

/** Blocks in reading order with each subparagraph's depth and label. */
export function flattenBlocks(blocks: readonly ExportBlock[]): FlatParagraph[] {
  const out: FlatParagraph[] = [];
  const walk = (list: ExportList): void => {
    for (const item of list.items) {
      out.push({ depth: list.depth, label: item.label, runs: item.runs });
      if (item.list) walk(item.list);
    }
  };
  for (const block of blocks) {
    if (block.type === 'paragraph') out.push({ depth: -1, label: null, runs: block.runs });
    else walk(block);
  }
  return out;
}

/** Plain text of a run list. */
export function runsText(runs: readonly ExportRun[]): string {
  return runs.map((r) => r.text).join('');
}
