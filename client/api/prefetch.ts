/**
 * Reads started before the code that needs them has loaded: at the start of a visit, the entry asks for what
 * the address's page will read first (`prefetchPage`), beside the page's own chunk, and the page's request for
 * the same path takes that answer (`takePrefetched`, once) instead of asking again.
 */
import { pathOf } from '../../shared/api/route.js';
import { ROUTES } from '../../shared/api/routes.js';
import type { LanguageCode } from '../../shared/domain/languages.js';
import { documentRead, originalReadOf, textPageDocument } from '../../shared/protocol/pages.js';
import { openEarly } from './earlyCollab.js';
import { choiceFrom, readingKey } from './languageChoice.js';

/** An answer waiting this long for its page is stale: the page asks afresh. */
const KEPT_FOR_MS = 10_000;

const waiting = new Map<string, { answer: Promise<Response>; at: number }>();

/** Starts a GET of `path` now, for `takePrefetched` to hand over; returns its answer. */
export function prefetch(path: string): Promise<Response> {
  const kept = waiting.get(path);
  if (kept) return kept.answer;
  const answer = fetch(path, { credentials: 'same-origin' });
  // Nobody may come for it: a failure here is the page's to meet when it asks.
  answer.catch(() => undefined);
  waiting.set(path, { answer, at: performance.now() });
  return answer;
}

/** The answer a prefetch of `path` started, once, while it is fresh; else undefined. */
export function takePrefetched(path: string): Promise<Response> | undefined {
  const kept = waiting.get(path);
  waiting.delete(path);
  return kept && performance.now() - kept.at < KEPT_FOR_MS ? kept.answer : undefined;
}

/**
 * What the page at `pathname` reads first, started now: a document's text in the reader's chosen language
 * (`client/views/documentReading.ts` asks for the same), and, where the page edits the original, the live
 * copy's socket (`openEarly`). Only for a signed-in person: a visitor's read would only be refused. The
 * original's read is the one the server hints in the page (`originalReadOf`): the browser has asked already,
 * and `fetch` takes that answer.
 */
export function prefetchPage(pathname: string, search: string): void {
  const id = textPageDocument(pathname);
  if (!id) return;
  let kept: string | null = null;
  try {
    kept = localStorage.getItem(readingKey(id));
  } catch {
    // Storage refused (a private window's settings): the original is read.
  }
  const choice = choiceFrom(new URLSearchParams(search), kept);
  const read = (lang?: LanguageCode): Promise<Response> => prefetch(pathOf(ROUTES.document, documentRead(id, lang)));
  if (!choice.lang || choice.parallel) {
    // The original is edited live: once it is known to be there for this person, the page's copy gets its socket
    // (a socket refused for a document that is not there would be the browser's console error).
    void read().then(
      (answer) => answer.ok && openEarly(id),
      () => undefined,
    );
  } else if (originalReadOf(pathname, search)) {
    // A version chosen on an earlier visit, which the server cannot know, so it hinted the original's read: that
    // read is taken all the same, or the browser would warn of a preload left unused.
    void read();
  }
  if (choice.lang) void read(choice.lang);
}
