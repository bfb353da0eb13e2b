import type { ClauseKind } from '../../shared/domain/clauses.js';
import { ClauseBuilder, plainText } from './clauseBuilder.js';
import { readBody, type WordParagraph, type WordRun } from './docxBody.js';
import { readComments, readCore, type WordComment } from './docxNotes.js';
import type { DocxParts } from './docxPackage.js';
import { readNumbering, readStyles, styleChain, type WordStyle } from './docxStyles.js';
import { classify, type ParagraphSignal } from './paragraphKinds.js';

/** Something the import did not carry, or changed, said where: `clause` is the index of the clause it concerns. */
export interface DraftWarning {
  id: string;
  clause?: number;
  /** The sentence, given the clause's reference ("PP2", "OP3", "Annex I") or null. */
  message(ref: string | null): string;
  /** What the sentence names besides the reference (a title, an author…), for the client to word it in its language. */
  params?: Record<string, string | number>;
}

/** A Word file read as a declaration: its clauses in order (a title first), the symbol if it carries one. */
export interface ReadDraft {
  symbol: string | null;
  clauses: ClauseBuilder[];
  warnings: DraftWarning[];
}

/** Paragraphs an annex takes as its own text. */
const ANNEX_TEXT = new Set<ParagraphSignal['type']>(['preamble', 'continuation', 'plain', 'numbered']);

type Part = 'front' | 'preamble' | 'operative' | 'annex' | 'generated' | 'closing';

/** A title or heading set all in bold has its weight from Word's look, not from the text: Accord's style gives it. */
function unbold(runs: WordRun[]): WordRun[] {
  const visible = runs.filter((r) => r.text.trim() !== '');
  return visible.length > 0 && visible.every((r) => r.strong) ? runs.map((r) => ({ ...r, strong: false })) : runs;
}

const at = (ref: string | null): string => (ref ? `In ${ref}` : 'Outside the text');

/**
 * Reads the parts of a Word file into clauses, as a secretariat would: the title, preambular paragraphs
 * (italic opening participle, or Accord's style), operative paragraphs (Word's numbering or a typed "1."),
 * (a)/(i) subparagraphs, headings and annexes. Accord's own exports are recognised by their styles, so their
 * masthead, closing line and generated annexes (recorded vote, endorsements, integrity) are left out.
 */
export function readStructure(parts: DocxParts): ReadDraft {
  const styles = readStyles(parts.styles);
  const reader = new StructureReader(styles, readComments(parts.comments));
  const lists = readNumbering(parts.numbering);
  const characterStyle = (id: string): { em?: boolean; strong?: boolean } => {
    const chain = styleChain(styles, id);
    return { em: chain.some((s) => s.italic), strong: chain.some((s) => s.bold) };
  };
  for (const paragraph of readBody(parts.document, characterStyle)) {
    reader.read(paragraph, classify(paragraph, styles, lists, reader.listContext()));
  }
  return reader.finish(readCore(parts.core).title);
}

/** Reads paragraphs, one after another, into clauses (see `readStructure`; `plainText.ts` feeds it pasted lines). */
export class StructureReader {
  private part: Part = 'front';
  private current: ClauseBuilder | null = null;
  private title: ClauseBuilder | null = null;
  private readonly clauses: ClauseBuilder[] = [];
  private readonly warnings: DraftWarning[] = [];
  private readonly warned = new Set<string>();
  private symbol: string | null = null;
  private operatives = 0;
  private lastLetter: string | undefined;
  private readonly accordLayout: boolean;

  constructor(
    styles: Map<string, WordStyle>,
    private readonly comments: Map<string, WordComment>,
  ) {
    const names = new Set([...styles.values()].map((s) => s.name));
    this.accordLayout = names.has('preambular paragraph') && names.has('operative paragraph');
  }

  listContext() {
    return { lastLetter: this.lastLetter, inList: (this.current?.depth ?? -1) >= 0 };
  }

  read(p: WordParagraph, signal: ParagraphSignal): void {
    this.place(signal);
    const clause = this.current ? this.clauses.indexOf(this.current) : undefined;
    this.notes(p, signal.type === 'masthead' || this.part === 'generated' ? undefined : clause);
  }

  private start(kind: ClauseKind): ClauseBuilder {
    this.current = new ClauseBuilder(kind);
    this.clauses.push(this.current);
    return this.current;
  }

  private place(signal: ParagraphSignal): void {
    if (signal.type === 'annex') return this.annex(signal.runs);
    if (signal.type === 'annexTitle') return this.generatedAnnex(signal.text);
    if (this.part === 'generated' || this.part === 'closing') return;
    if (this.part === 'annex' && this.current && ANNEX_TEXT.has(signal.type)) {
      // An annex's paragraphs, whatever their look (Accord writes them in the preambular style).
      return this.current.paragraph((signal as { runs: WordRun[] }).runs);
    }
    switch (signal.type) {
      case 'empty':
      case 'masthead':
        return;
      case 'symbol':
        this.symbol ??= plainText([{ text: signal.text, em: false, strong: false }]);
        return;
      case 'title':
      case 'heading':
        return this.heading(signal.runs, signal.type === 'title');
      case 'subparagraph':
        return this.subparagraph(signal);
      case 'numbered':
        return this.numbered(signal.runs, signal.typed);
      case 'preamble':
        if (this.accordLayout && this.part === 'operative') this.part = 'closing';
        else this.newClause('preamble', signal.runs);
        return;
      case 'continuation':
        if (this.current?.kind === 'operative') this.current.paragraph(signal.runs);
        else this.numbered(signal.runs, undefined);
        return;
      case 'plain':
        return this.plain(signal);
    }
  }

  private annex(runs: WordRun[]): void {
    this.part = 'annex';
    const clause = this.start('annex');
    if (plainText(runs)) clause.paragraph(runs);
  }

  /** An annex Accord computes from the ledger: its label has just opened an annex clause, which goes again. */
  private generatedAnnex(title: string): void {
    if (this.current?.kind === 'annex' && this.current.blocks.length === 0) {
      this.clauses.splice(this.clauses.indexOf(this.current), 1);
    }
    this.current = null;
    this.part = 'generated';
    this.warn(
      'generated_annex_skipped',
      undefined,
      () => `The annex “${title}” is computed by Accord and was not imported.`,
      true,
      { title },
    );
  }

  private heading(runs: WordRun[], titleStyle: boolean): void {
    if (this.part === 'annex' && this.current) {
      this.current.paragraph(runs.map((r) => ({ ...r, strong: true })));
    } else if (!this.title && (titleStyle || this.part === 'front')) {
      this.title = this.newClause('title', runs);
    } else {
      this.newClause('heading', runs);
    }
  }

  private subparagraph(signal: Extract<ParagraphSignal, { type: 'subparagraph' }>): void {
    let clause = this.current;
    if (!clause || clause.kind === 'title' || clause.kind === 'heading') {
      clause = this.start(this.part === 'operative' ? 'operative' : this.part === 'annex' ? 'annex' : 'preamble');
    }
    clause.subparagraph(signal.depth, signal.runs);
    if (clause.depth === 0) this.lastLetter = signal.label ?? this.lastLetter;
    if (signal.bullet) {
      this.warn(
        'bullets_as_subparagraphs',
        this.clauses.indexOf(clause),
        (ref) => `${at(ref)}, a bulleted list became lettered subparagraphs.`,
      );
    }
  }

  private numbered(runs: WordRun[], typed: number | undefined): void {
    this.part = 'operative';
    const expected = ++this.operatives;
    const clause = this.newClause('operative', runs);
    if (typed !== undefined && typed !== expected) {
      this.warn(
        'numbering_renumbered',
        this.clauses.indexOf(clause),
        (ref) => `The paragraph typed as number ${typed} is ${ref}: Accord numbers operative paragraphs in order.`,
        true,
        { typed },
      );
    }
  }

  private plain(signal: Extract<ParagraphSignal, { type: 'plain' }>): void {
    const { runs } = signal;
    if (this.part === 'operative') {
      if (this.current?.kind === 'operative') this.current.paragraph(runs);
      else this.numbered(runs, undefined);
      return;
    }
    if (!this.title && this.part === 'front' && !signal.italicStart) {
      this.title = this.newClause('title', runs);
    } else if (signal.boldLine || (this.part === 'front' && !signal.italicStart)) {
      this.newClause('heading', runs);
    } else {
      this.part = 'preamble';
      this.newClause('preamble', runs);
    }
  }

  private newClause(kind: ClauseKind, runs: WordRun[]): ClauseBuilder {
    this.lastLetter = undefined;
    const clause = this.start(kind);
    clause.paragraph(kind === 'title' || kind === 'heading' ? unbold(runs) : runs);
    return clause;
  }

  private warn(
    id: string,
    clause: number | undefined,
    message: (ref: string | null) => string,
    once = true,
    params?: DraftWarning['params'],
  ): void {
    const key = `${id}:${clause ?? ''}`;
    if (once && this.warned.has(key)) return;
    this.warned.add(key);
    this.warnings.push({ id, clause, message, ...(params ? { params } : {}) });
  }

  /** What the paragraph held that Accord does not carry, said once per kind and clause. */
  private notes(p: WordParagraph, clause: number | undefined): void {
    for (const id of p.comments) {
      const c = this.comments.get(id);
      const quote = c ? ` by ${c.author || 'an unnamed author'}: “${c.text.slice(0, 120)}”` : '';
      this.warn(
        'comment_not_imported',
        clause,
        (ref) => `${at(ref)}, a Word comment${quote} was not imported.`,
        false,
        c ? { author: c.author, quote: c.text.slice(0, 120) } : undefined,
      );
    }
    if (p.insertions || p.deletions) {
      this.warn(
        'tracked_changes_accepted',
        clause,
        (ref) => `${at(ref)}, tracked changes were taken as accepted: insertions kept, deletions left out.`,
      );
    }
    if (p.images) this.warn('image_not_imported', clause, (ref) => `${at(ref)}, an image or drawing was left out.`);
    if (p.footnotes) this.warn('footnote_not_imported', clause, (ref) => `${at(ref)}, a footnote was left out.`);
    if (p.textBoxes) this.warn('text_box_not_imported', clause, (ref) => `${at(ref)}, a text box was left out.`);
    if (p.inTable) this.warn('table_flattened', clause, (ref) => `${at(ref)}, a table's cells became paragraphs.`);
  }

  finish(coreTitle: string): ReadDraft {
    if (!this.title) {
      const text = coreTitle || 'Untitled draft';
      const title = new ClauseBuilder('title');
      title.paragraph([{ text, em: false, strong: false }]);
      this.clauses.unshift(title);
      for (const w of this.warnings) if (w.clause !== undefined) w.clause++;
      this.warnings.unshift({
        id: 'no_title',
        clause: 0,
        message: () => `No title was found in the text; the title is “${text}”.`,
        params: { title: text },
      });
    }
    return { symbol: this.symbol, clauses: this.clauses, warnings: this.warnings };
  }
}
