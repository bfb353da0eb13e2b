import { dropPrefix, plainText } from './clauseBuilder.js';
import type { WordParagraph, WordRun } from './docxBody.js';
import { styleChain, type WordList, type WordStyle } from './docxStyles.js';

/** What one Word paragraph is, read from its style, its list numbering and its typed text. */
export type ParagraphSignal =
  | { type: 'empty' }
  /** Accord's own masthead lines (proponent, date, original language): not text of the declaration. */
  | { type: 'masthead' }
  | { type: 'symbol'; text: string }
  | { type: 'title'; runs: WordRun[] }
  /** "Annex", "Annex II", "ANNEX: Plan of action" — `runs` is what follows the label. */
  | { type: 'annex'; runs: WordRun[] }
  /** The title of an annex Accord generates from the ledger (recorded vote, endorsements, integrity). */
  | { type: 'annexTitle'; text: string }
  | { type: 'heading'; runs: WordRun[] }
  | { type: 'subparagraph'; depth: number; runs: WordRun[]; bullet: boolean; label?: string }
  /** An operative paragraph's number, Word's own or typed (`typed`, taken off the text). */
  | { type: 'numbered'; runs: WordRun[]; typed?: number }
  | { type: 'preamble'; runs: WordRun[] }
  /** A further paragraph of an operative paragraph in Accord's layout (its style, without the number). */
  | { type: 'continuation'; runs: WordRun[] }
  | { type: 'plain'; runs: WordRun[]; italicStart: boolean; boldLine: boolean };

/** What the reading so far tells about a typed "(i)": a letter after "(h)", else a Roman numeral in a list. */
export interface ListContext {
  lastLetter?: string;
  inList: boolean;
}

const LETTERED = new Set(['lowerLetter', 'upperLetter', 'lowerRoman', 'upperRoman']);
const ROMAN = /^[ivxlcdm]+$/;
const TYPED_SUB = /^\s*\(([a-z]{1,3})\)\s+/;
const TYPED_NUMBER = /^\s*(\d{1,3})[.)]\s+/;
const ANNEX = /^\s*annex(?:\s+([ivxlcdm]+|\d+|[a-z]))?\s*[.:\u2013\u2014-]?\s*/i;

export function classify(
  p: WordParagraph,
  styles: Map<string, WordStyle>,
  lists: Map<string, WordList>,
  context: ListContext,
): ParagraphSignal {
  const text = plainText(p.runs);
  if (!text) return { type: 'empty' };
  const chain = styleChain(styles, p.styleId);
  const names = chain.map((s) => s.name);
  if (names.includes('masthead')) return { type: 'masthead' };
  if (names.includes('document symbol')) return { type: 'symbol', text };
  if (names.includes('annex title')) return { type: 'annexTitle', text };
  if (names.includes('title')) return { type: 'title', runs: p.runs };
  const annex = annexLabel(p, text, names);
  if (annex) return annex;
  const listed = fromNumbering(p, chain, lists);
  if (listed) return listed;
  if (names.includes('subparagraph')) return { type: 'subparagraph', depth: 0, runs: p.runs, bullet: false };
  const typed = typedNumber(p.runs, text, context);
  if (typed) return typed;
  if (names.some((n) => /^heading [1-9]$/.test(n)) || chain.some((s) => s.outline !== undefined && s.outline < 9)) {
    return { type: 'heading', runs: p.runs };
  }
  if (names.includes('preambular paragraph')) return { type: 'preamble', runs: p.runs };
  if (names.includes('operative paragraph')) return { type: 'continuation', runs: p.runs };
  const visible = p.runs.filter((r) => r.text.trim() !== '');
  return {
    type: 'plain',
    runs: p.runs,
    italicStart: visible[0]?.em ?? false,
    boldLine: visible.length > 0 && visible.every((r) => r.strong) && text.length <= 120 && !/[,;.]$/.test(text),
  };
}

function annexLabel(p: WordParagraph, text: string, names: string[]): ParagraphSignal | null {
  const match = ANNEX.exec(text);
  if (!match || text.length > 80) return null;
  const standsAlone =
    names.some((n) => /^heading [1-9]$/.test(n)) ||
    p.align === 'center' ||
    p.runs.filter((r) => r.text.trim()).every((r) => r.strong) ||
    match[0].trim().length === text.length;
  if (!standsAlone) return null;
  return { type: 'annex', runs: dropPrefix(p.runs, leadingOffset(p.runs, match[0].length)) };
}

/** The paragraph's Word list level, from the paragraph or its style. */
function fromNumbering(p: WordParagraph, chain: WordStyle[], lists: Map<string, WordList>): ParagraphSignal | null {
  const numId = p.numId ?? chain.find((s) => s.numId !== undefined)?.numId;
  if (!numId || numId === '0') return null;
  const list = lists.get(numId);
  const ilvl = p.ilvl ?? chain.find((s) => s.ilvl !== undefined)?.ilvl ?? 0;
  const level = list?.get(ilvl);
  if (!list || !level) return null;
  if (level.format === 'bullet') return { type: 'subparagraph', depth: 0, runs: p.runs, bullet: true };
  if (level.format === 'upperRoman' && ilvl === 0) return { type: 'heading', runs: p.runs };
  if (LETTERED.has(level.format)) {
    let depth = 0;
    for (const [i, l] of list) if (i < ilvl && LETTERED.has(l.format)) depth++;
    return { type: 'subparagraph', depth, runs: p.runs, bullet: false };
  }
  if (level.format === 'none') return null;
  return { type: 'numbered', runs: p.runs };
}

/** A number or label typed at the start of the text ("3. ", "(b) "), taken off: Accord derives its own. */
function typedNumber(runs: WordRun[], text: string, context: ListContext): ParagraphSignal | null {
  const number = TYPED_NUMBER.exec(text);
  if (number) {
    return {
      type: 'numbered',
      runs: dropPrefix(runs, leadingOffset(runs, number[0].length)),
      typed: Number(number[1]),
    };
  }
  const sub = TYPED_SUB.exec(text);
  if (!sub) return null;
  const label = sub[1]!;
  const next = context.lastLetter ? String.fromCharCode(context.lastLetter.charCodeAt(0) + 1) : 'a';
  const roman = ROMAN.test(label) && label !== next && context.inList;
  return {
    type: 'subparagraph',
    depth: roman ? 1 : 0,
    runs: dropPrefix(runs, leadingOffset(runs, sub[0].length)),
    bullet: false,
    label,
  };
}

/**
 * How many characters of the raw runs make up the first `count` characters of the normalised text: the
 * normalised text drops leading spaces, so the raw prefix is longer by those.
 */
function leadingOffset(runs: readonly WordRun[], count: number): number {
  const raw = runs.map((r) => r.text).join('');
  const leading = raw.length - raw.replace(/^[\s]+/, '').length;
  return leading + count;
}
