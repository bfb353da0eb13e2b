import type { WordParagraph } from './docxBody.js';
import { classify, type ParagraphSignal } from './paragraphKinds.js';
import { StructureReader, type ReadDraft } from './structure.js';

/**
 * Reads a pasted text into a declaration, by the rules a Word draft is read by (`structure.ts`), one line a
 * paragraph: the first line is the title; "1." (or "1)") starts an operative paragraph; "(a)" and "(i)" are
 * subparagraphs; "Annex" or "Annex I" on a line of its own opens an annex; a line before the operative part that
 * ends with a comma is a preambular paragraph (the UN's layout: "Recognizing the right to education,"), unless it is
 * the chapeau ("The General Assembly,"), which is a heading as in a Word draft; other lines there are headings. Plain text carries no emphasis, so none is invented: the secretariat italicises
 * the opening words in the editor.
 */
export function readPastedText(text: string): ReadDraft {
  const reader = new StructureReader(new Map(), new Map());
  for (const line of text.replace(/\r\n?/g, '\n').split('\n')) {
    const paragraph = paragraphOf(line);
    reader.read(paragraph, signalOf(paragraph, reader));
  }
  return reader.finish('');
}

const CHAPEAU = /^\s*(The|We)\b/;

/** A line as a paragraph without style, numbering or anything Word would carry. */
function paragraphOf(line: string): WordParagraph {
  const text = line.replace(/\t/g, ' ').trimEnd();
  return {
    inTable: false,
    runs: text ? [{ text, em: false, strong: false }] : [],
    comments: [],
    images: 0,
    footnotes: 0,
    insertions: 0,
    deletions: 0,
    textBoxes: 0,
  };
}

/**
 * What the line is, as a Word paragraph without style would be read, except that a preambular paragraph is known
 * by its closing comma rather than by its italic opening words, which a pasted text has lost.
 */
function signalOf(paragraph: WordParagraph, reader: StructureReader): ParagraphSignal {
  const signal = classify(paragraph, new Map(), new Map(), reader.listContext());
  if (signal.type !== 'plain') return signal;
  const line = paragraph.runs[0]?.text ?? '';
  // "The General Assembly," and "We, the participants…," open the text (its chapeau): not preambular paragraphs.
  const preambular = /,\s*$/.test(line) && !CHAPEAU.test(line);
  return { ...signal, italicStart: preambular, boldLine: false };
}
