import { useEffect, useLayoutEffect, useRef } from 'preact/hooks';
import type { AmendmentJson } from '../../shared/api/amendments.js';
import type { BracketJson } from '../../shared/api/brackets.js';
import type { CommentJson } from '../../shared/api/comments.js';
import { isPending } from '../../shared/domain/amendments.js';
import type { DocumentPageProps } from '../views/documentExtensions.js';
import { highlight, selectionIn } from './anchors.js';
import type { PanelView } from './clausePanelState.js';
import type { NegotiationOnPage } from './negotiationPage.js';

/**
 * What negotiation marks in the clauses' text, through the CSS Custom Highlight API (which leaves the text,
 * and the editor over it, alone): the words of the open panel's threads, the words pending amendments strike,
 * the bracketed words. And what it reads of the text: the words the reader selects.
 */

type Marks = { body: Element; range: [number, number] }[];

/** The pending amendments on a span of a clause whose words are still as proposed. */
export function liveSpans(amendments: readonly AmendmentJson[], clauseId: string): AmendmentJson[] {
  return amendments.filter((a) => a.clauseId === clauseId && a.span?.range && isPending(a.status) && !a.stale);
}

/** The words of the open panel's open threads (on the comments tab). */
export function threadRanges(view: PanelView, comments: readonly CommentJson[]): [number, number][] {
  if (!view.clauseId || view.tab !== 'comments') return [];
  return comments
    .filter((c) => c.clauseId === view.clauseId && !c.parentId && c.status === 'open' && c.anchor?.range)
    .map((c) => c.anchor!.range!);
}

/** Each highlight's ranges in the page's clause bodies as they are now drawn. */
function marks(page: DocumentPageProps, n: NegotiationOnPage): Record<string, Marks> {
  const inBody = (clauseId: string, ranges: [number, number][]): Marks => {
    const body = page.clauseBody(clauseId);
    return body ? ranges.map((range) => ({ body, range })) : [];
  };
  const struck = page.data.clauses.flatMap((c) =>
    inBody(
      c.id,
      liveSpans(n.data.amendments, c.id)
        .filter((a) => a.span!.quote)
        .map((a) => a.span!.range!),
    ),
  );
  const open = (b: BracketJson): boolean => b.status === 'open' && b.range !== null;
  const bracketed = n.brackets.filter(open).flatMap((b) => inBody(b.clauseId, [b.range!]));
  return {
    'accord-comments': n.view.clauseId ? inBody(n.view.clauseId, threadRanges(n.view, n.data.comments)) : [],
    'accord-amendment-spans': struck,
    'accord-brackets': bracketed,
  };
}

const MARKS = ['accord-comments', 'accord-comment-focus', 'accord-amendment-spans', 'accord-brackets'];

/** The page's side of negotiation outside its parts: the marks in the text, the selection, the sheet. */
export function useNegotiationMarks(n: NegotiationOnPage): void {
  const { page, view, dispatch } = n;
  const latest = useRef(n);
  latest.current = n;
  const draw = (): void => {
    for (const [name, ranges] of Object.entries(marks(latest.current.page, latest.current))) highlight(name, ranges);
  };
  useLayoutEffect(draw, [page.data, view.clauseId, view.tab, n.data, n.brackets]);
  useEffect(() => () => MARKS.forEach((name) => highlight(name, [])), []);

  // A highlight holds DOM ranges, which collapse when their text nodes are replaced (an editor mounting over
  // the read-only text, someone's typing): the marks are drawn again after each such change.
  useEffect(() => {
    let frame = 0;
    const observer = new MutationObserver(() => {
      cancelAnimationFrame(frame);
      frame = requestAnimationFrame(draw);
    });
    for (const clause of page.data.clauses) {
      const body = page.clauseBody(clause.id);
      if (body) observer.observe(body, { childList: true, subtree: true, characterData: true });
    }
    return () => {
      cancelAnimationFrame(frame);
      observer.disconnect();
    };
  }, [page.data]);

  // Selecting words in a clause offers to comment on exactly those words (or to amend or bracket them).
  useEffect(() => {
    let timer: ReturnType<typeof setTimeout> | undefined;
    const onSelection = (): void => {
      clearTimeout(timer);
      timer = setTimeout(() => {
        const { page: now } = latest.current;
        for (const clause of now.data.clauses) {
          const body = now.clauseBody(clause.id);
          const selection = body ? selectionIn(body, clause.id) : null;
          if (selection) return dispatch({ type: 'select', selection });
        }
      }, 300);
    };
    document.addEventListener('selectionchange', onSelection);
    // Words may have been selected while the page was still being drawn, before it listened.
    onSelection();
    return () => {
      clearTimeout(timer);
      document.removeEventListener('selectionchange', onSelection);
    };
  }, []);

  // A bottom sheet on phones: open while a clause is chosen (main.css).
  useLayoutEffect(() => page.mark('sheet', view.clauseId ? 'open' : 'closed'), [view.clauseId]);
}
