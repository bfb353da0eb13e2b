/**
 * The PDF's logical structure (PDF/UA, ISO 14289-1, as far as PDFKit carries it). A screen reader or a
 * reflowing reader follows the structure tree, not the order glyphs were drawn in, so every piece of text
 * the composer draws belongs to one element of the tree, and everything else on a page (the masthead rule,
 * the running header, page numbers, the watermark, a table header repeated on a new page) is marked as an
 * artifact that assistive technology skips.
 *
 * Elements are created in reading order, which may differ from drawing order: the masthead draws the symbol
 * before the proponent beside it but reads the proponent first.
 */

/** The standard structure types the PDF uses (PDF 1.7, 14.8.4). */
export type TagType =
  'Document' | 'Sect' | 'H1' | 'H2' | 'H3' | 'P' | 'L' | 'LI' | 'Lbl' | 'LBody' | 'Table' | 'TR' | 'TH' | 'TD';

/** An element of the structure tree and its type (the tag of the content marked for it). */
export interface Tag {
  readonly type: TagType;
  readonly element: PDFKit.PDFStructureElement;
}

/** What an artifact is (PDF 1.7, 14.8.2.2): page furniture, or drawing that only lays the page out. */
export type ArtifactKind = { type: 'Pagination'; attached?: 'Top' | 'Bottom' } | { type: 'Layout' };

/** Table header cells say which cells they head (the `Scope` attribute); PDFKit's types omit the option. */
type ElementOptions = PDFKit.Mixins.StructureElementOptions & { scope?: 'Column' | 'Row' };

export class PdfTags {
  /** The one `Document` element every other element descends from. */
  readonly root: Tag;

  constructor(private readonly doc: PDFKit.PDFDocument) {
    this.root = { type: 'Document', element: doc.struct('Document') };
    doc.addStructure(this.root.element);
  }

  /** A new element of `type`, appended to `parent` after its existing children. */
  add(parent: Tag, type: TagType, options: ElementOptions = {}): Tag {
    const element = this.doc.struct(type, options);
    parent.element.add(element);
    return { type, element };
  }

  /**
   * Draws content as part of `tag`. Each call is its own marked-content sequence on the current page, so a
   * paragraph that continues on the next page simply gets a second sequence there.
   */
  mark(tag: Tag, draw: () => void): void {
    const content = this.doc.markStructureContent(tag.type);
    draw();
    this.doc.endMarkedContent();
    tag.element.add(content);
  }

  /** Draws what is not content: assistive technology skips it and text extraction may leave it out. */
  artifact(kind: ArtifactKind, draw: () => void): void {
    const options: PDFKit.Mixins.MarkingOptions = { type: kind.type };
    if (kind.type === 'Pagination' && kind.attached) options.attached = [kind.attached];
    this.doc.markContent('Artifact', options);
    draw();
    this.doc.endMarkedContent();
  }
}
