import * as Y from 'yjs';
import { WebsocketProvider } from 'y-websocket';
import { collabBaseUrl } from '../api/earlyCollab.js';
import { guardedSocket } from '../api/guardedSocket.js';
import type { CommentAnchor } from '../../shared/api/comments.js';
import { ANCHOR_QUOTE_MAX } from '../../shared/domain/comments.js';
import { getClauseFragment } from '../../shared/editor/ydoc.js';

/**
 * Comment anchors in the browser. The clause text on the page, whether rendered read-only or by the
 * editor, is a sequence of `<p>` elements in the same order as the clause's Y.XmlText paragraphs; offsets are
 * counted over those paragraphs joined by one newline, as the server reports them.
 */

/** A selection inside one clause: offsets into its paragraphs (joined by newlines) and the quoted words. */
export interface ClauseSelection {
  clauseId: string;
  start: { paragraph: number; offset: number };
  end: { paragraph: number; offset: number };
  quote: string;
}

function paragraphs(body: Element): HTMLElement[] {
  return [...body.querySelectorAll<HTMLElement>('p')];
}

/** Characters from the start of `p` to a DOM point inside it. */
function offsetWithin(p: HTMLElement, node: Node, offset: number): number {
  const range = document.createRange();
  range.setStart(p, 0);
  range.setEnd(node, offset);
  return range.toString().length;
}

/** The current selection, if it lies inside `body` and covers some text. */
export function selectionIn(body: Element, clauseId: string): ClauseSelection | null {
  if (isTranslated(body)) return null;
  const selection = document.getSelection();
  if (!selection || selection.rangeCount === 0 || selection.isCollapsed) return null;
  const range = selection.getRangeAt(0);
  if (!body.contains(range.startContainer) || !body.contains(range.endContainer)) return null;
  const ps = paragraphs(body);
  const locate = (node: Node, offset: number): { paragraph: number; offset: number } | null => {
    const element = node instanceof Element ? node : node.parentElement;
    const p = element?.closest('p');
    const index = p ? ps.indexOf(p as HTMLElement) : -1;
    return index < 0 ? null : { paragraph: index, offset: offsetWithin(ps[index]!, node, offset) };
  };
  const start = locate(range.startContainer, range.startOffset);
  const end = locate(range.endContainer, range.endOffset);
  const quote = range.toString().trim();
  if (!start || !end || !quote) return null;
  return { clauseId, start, end, quote: quote.slice(0, ANCHOR_QUOTE_MAX) };
}

/**
 * A body showing a language version (`data-translated`, `views/documentClauses.tsx`): anchors are offsets into
 * the original's words, which mean nothing in the version's, so none is drawn or taken there.
 */
function isTranslated(body: Element): boolean {
  return body.hasAttribute('data-translated');
}

/** Highlights text ranges of clause bodies with the CSS Custom Highlight API (no change to the DOM). */
export function highlight(name: string, ranges: { body: Element; range: [number, number] }[]): void {
  const registry = (globalThis as { CSS?: { highlights?: Map<string, unknown> } }).CSS?.highlights;
  const HighlightClass = (globalThis as { Highlight?: new (...ranges: Range[]) => unknown }).Highlight;
  if (!registry || !HighlightClass) return;
  const domRanges = ranges.flatMap(({ body, range }) => {
    const r = isTranslated(body) ? null : domRange(body, range[0], range[1]);
    return r ? [r] : [];
  });
  if (domRanges.length) registry.set(name, new HighlightClass(...domRanges));
  else registry.delete(name);
}

/** A DOM range over offsets of a clause body's paragraphs joined by newlines. */
export function domRange(body: Element, from: number, to: number): Range | null {
  const start = point(body, from);
  const end = point(body, to);
  if (!start || !end) return null;
  const range = document.createRange();
  range.setStart(start.node, start.offset);
  range.setEnd(end.node, end.offset);
  return range;
}

function point(body: Element, target: number): { node: Node; offset: number } | null {
  let base = 0;
  for (const p of paragraphs(body)) {
    const length = p.textContent?.length ?? 0;
    if (target <= base + length) {
      let remaining = target - base;
      const walker = document.createTreeWalker(p, NodeFilter.SHOW_TEXT);
      for (let node = walker.nextNode(); node; node = walker.nextNode()) {
        const len = node.textContent?.length ?? 0;
        if (remaining <= len) return { node, offset: remaining };
        remaining -= len;
      }
      return { node: p, offset: p.childNodes.length };
    }
    base += length + 1;
  }
  return null;
}

/**
 * A read-only replica of the document's Y.Doc, connected on first use, to turn selections into Yjs relative
 * positions (which follow their words through everyone's later edits).
 */
export class AnchorMaker {
  private provider: WebsocketProvider | undefined;
  private readonly doc = new Y.Doc();

  constructor(private readonly documentId: string) {}

  private synced(): Promise<void> {
    if (!this.provider) {
      this.provider = new WebsocketProvider(collabBaseUrl(), this.documentId, this.doc, {
        disableBc: true,
        WebSocketPolyfill: guardedSocket(WebSocket, () => undefined),
      });
    }
    const provider = this.provider;
    if (provider.synced) return Promise.resolve();
    return new Promise((resolve, reject) => {
      const timer = setTimeout(
        () => reject(new Error('The live text could not be reached to place the comment.')),
        8000,
      );
      provider.once('sync', () => {
        clearTimeout(timer);
        resolve();
      });
    });
  }

  /** The anchor of a selection, or null when the page's text no longer matches the live text there. */
  async anchor(selection: ClauseSelection): Promise<CommentAnchor | null> {
    await this.synced();
    const texts: Y.XmlText[] = [];
    const walk = (type: Y.XmlFragment | Y.XmlElement): void =>
      type.toArray().forEach((child) => {
        if (child instanceof Y.XmlText) texts.push(child);
        else if (child instanceof Y.XmlElement) walk(child);
      });
    walk(getClauseFragment(this.doc, selection.clauseId));
    const position = (at: { paragraph: number; offset: number }, assoc: number): string | null => {
      const text = texts[at.paragraph];
      if (!text || at.offset > text.length) return null;
      const encoded = Y.encodeRelativePosition(Y.createRelativePositionFromTypeIndex(text, at.offset, assoc));
      return btoa(String.fromCharCode(...encoded));
    };
    const start = position(selection.start, 0);
    // The end sticks to the last selected character, so words typed right after it stay outside.
    const end = position(selection.end, -1);
    return start && end ? { start, end, quote: selection.quote } : null;
  }

  destroy(): void {
    this.provider?.destroy();
    this.doc.destroy();
  }
}
