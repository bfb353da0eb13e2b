import { isOn, walkXml, type XmlElement } from './xmlWalk.js';

/** A run of text with the emphasis Word gave it directly or through a character style. */
export interface WordRun {
  text: string;
  em: boolean;
  strong: boolean;
}

/** One body paragraph of `document.xml`, with what the import must report about it. */
export interface WordParagraph {
  styleId?: string;
  numId?: string;
  ilvl?: number;
  /** Alignment (`center`, `both`…). */
  align?: string;
  inTable: boolean;
  runs: WordRun[];
  /** Ids of the Word comments anchored in it. */
  comments: string[];
  images: number;
  footnotes: number;
  /** Tracked insertions (kept) and deletions (left out) in it. */
  insertions: number;
  deletions: number;
  /** Paragraphs of text boxes inside it, left out. */
  textBoxes: number;
}

/** Resolves a character style's emphasis (`w:rStyle`), e.g. Word's "Emphasis" and "Strong". */
export type CharacterStyle = (styleId: string) => { em?: boolean; strong?: boolean };

const FALLBACK = 'http://schemas.openxmlformats.org/markup-compatibility/2006|Fallback';

function newParagraph(inTable: boolean): WordParagraph {
  return { inTable, runs: [], comments: [], images: 0, footnotes: 0, insertions: 0, deletions: 0, textBoxes: 0 };
}

/**
 * Reads the body of `document.xml` into paragraphs, in reading order. Tracked changes are taken as if accepted
 * (insertions kept, deletions and moved-away text left out) and counted; comments, images, footnotes and text
 * boxes are counted so the import can say what it did not carry. A fallback inside alternate content (the same
 * drawing for older readers) is skipped, so nothing is read twice.
 */
export function readBody(xml: string, characterStyle: CharacterStyle): WordParagraph[] {
  const reader = new BodyReader(characterStyle);
  walkXml(xml, reader);
  return reader.out;
}

class BodyReader {
  readonly out: WordParagraph[] = [];
  private paragraph: WordParagraph | null = null;
  private run: WordRun | null = null;
  private readonly depth = { p: 0, pPr: 0, rPr: 0, t: 0, del: 0, table: 0, fallback: 0 };

  constructor(private readonly characterStyle: CharacterStyle) {}

  open = (el: XmlElement): void => {
    const { depth } = this;
    if (el.name === FALLBACK) depth.fallback++;
    if (depth.fallback > 0) return;
    if (el.name === 'p') {
      if (++depth.p > 1) {
        if (this.paragraph) this.paragraph.textBoxes++;
      } else this.paragraph = newParagraph(depth.table > 0);
      return;
    }
    // A text box's own paragraphs, inside a run of this one: counted above, not read.
    if (depth.p > 1) return;
    if (this.structural(el.name)) return;
    if (!this.paragraph) return;
    if (depth.pPr > 0) return paragraphProperty(this.paragraph, el);
    this.runElement(this.paragraph, el);
  };

  close = (name: string): void => {
    const { depth } = this;
    if (name === FALLBACK) depth.fallback--;
    if (depth.fallback > 0) return;
    if (name === 'p') {
      if (--depth.p === 0 && this.paragraph) this.out.push(this.paragraph);
      if (depth.p === 0) this.paragraph = null;
      return;
    }
    if (depth.p > 1) return;
    if (name === 'tbl') depth.table--;
    else if (name === 'pPr') depth.pPr--;
    else if (name === 'rPr' && depth.pPr === 0) depth.rPr--;
    else if (name === 't') depth.t--;
    else if ((name === 'del' || name === 'moveFrom') && depth.pPr === 0) depth.del--;
    else if (name === 'r') this.run = null;
  };

  text = (text: string): void => {
    if (this.depth.t > 0) this.addText(text);
  };

  /** Tables, paragraph properties and tracked changes; true when the element was one of them. */
  private structural(name: string): boolean {
    const { depth, paragraph } = this;
    switch (name) {
      case 'tbl':
        depth.table++;
        return true;
      case 'pPr':
        depth.pPr++;
        return true;
      case 'ins':
      case 'moveTo':
        if (paragraph) paragraph.insertions++;
        return true;
      case 'del':
      case 'moveFrom':
        if (paragraph) paragraph.deletions++;
        if (depth.pPr === 0) depth.del++;
        return true;
    }
    return false;
  }

  private addText(text: string): void {
    const { depth } = this;
    if (!this.paragraph || !this.run || depth.del > 0 || depth.pPr > 0 || depth.p > 1) return;
    this.paragraph.runs.push({ ...this.run, text });
  }

  private runElement(paragraph: WordParagraph, el: XmlElement): void {
    switch (el.name) {
      case 'r':
        this.run = { text: '', em: false, strong: false };
        return;
      case 'rPr':
        this.depth.rPr++;
        return;
      case 't':
        this.depth.t++;
        return;
      case 'tab':
        return this.addText('\t');
      case 'br':
      case 'cr':
        return this.addText(' ');
      case 'noBreakHyphen':
        return this.addText('\u2011');
      case 'commentReference':
      case 'commentRangeStart': {
        const id = el.attr('id') ?? '';
        if (!paragraph.comments.includes(id)) paragraph.comments.push(id);
        return;
      }
      case 'drawing':
      case 'pict':
      case 'object':
        paragraph.images++;
        return;
      case 'footnoteReference':
      case 'endnoteReference':
        paragraph.footnotes++;
        return;
    }
    if (this.run && this.depth.rPr > 0) runProperty(this.run, el, this.characterStyle);
  }
}

function paragraphProperty(paragraph: WordParagraph, el: XmlElement): void {
  if (el.name === 'pStyle') paragraph.styleId = el.attr('val');
  else if (el.name === 'numId') paragraph.numId = el.attr('val');
  else if (el.name === 'ilvl') paragraph.ilvl = Number(el.attr('val') ?? 0);
  else if (el.name === 'jc') paragraph.align = el.attr('val');
}

function runProperty(run: WordRun, el: XmlElement, characterStyle: CharacterStyle): void {
  if (el.name === 'i') run.em = isOn(el);
  else if (el.name === 'b') run.strong = isOn(el);
  else if (el.name === 'rStyle') {
    const style = characterStyle(el.attr('val') ?? '');
    if (style.em) run.em = true;
    if (style.strong) run.strong = true;
  }
}
