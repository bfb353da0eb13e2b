import '../styles/drafts.css';
import { ApiError } from '../api/http.js';
import { getSocket, type AccordSocket } from '../api/socket.js';
import { h } from '../dom.js';
import { navigate } from '../router.js';
import { draftStore, type DraftStore } from './drafts.js';
import { nt } from './negotiationKit.js';

/** Why the session ended: signed out (in another tab or window), or it expired. */
export type EndReason = 'logout' | 'expired';

const NOTICE_ID = 'session-ended';

/**
 * Tells the person their session ended, and whether what they had not sent is kept on this device, in a
 * notice that stays over whatever page the app goes to next (the sign-in page), with a way back to `returnTo`
 * (after signing in) and a button to dismiss it. Replaces an earlier notice.
 */
export function showSessionEnded(
  username: string,
  reason: EndReason,
  returnTo: string,
  store: DraftStore = draftStore(),
): HTMLElement {
  document.getElementById(NOTICE_ID)?.remove();
  const kept = store.count(username);
  const notice: HTMLElement = h(
    'div',
    { id: NOTICE_ID, class: 'session-ended', role: 'alert' },
    h(
      'p',
      null,
      nt(reason === 'logout' ? 'session.signedOut' : 'session.expired'),
      ' ',
      kept ? nt('session.draftsKept', { count: kept }) : nt('session.nothingKept'),
    ),
    h(
      'p',
      { class: 'form-row' },
      kept
        ? h(
            'a',
            {
              href: returnTo,
              onclick: (e: MouseEvent) => {
                e.preventDefault();
                notice.remove();
                // Not signed in, the app asks for the session first and comes back here after it.
                navigate(returnTo);
              },
            },
            nt('session.backToDraft'),
          )
        : null,
      h('button', { type: 'button', class: 'small', onclick: () => notice.remove() }, nt('session.dismiss')),
    ),
  );
  document.body.append(notice);
  return notice;
}

/** Whose page this connection serves, and where their drafts are. */
const watched = new WeakMap<AccordSocket, { username: string; returnTo: string }>();

/**
 * While `username` has this tab open on a page with drafts (at `returnTo`), a session ended elsewhere (signed
 * out in another tab, expired) is said in words, with the drafts' fate, rather than the page just turning into
 * the sign-in form. Idempotent per connection: the latest page named is the way back.
 */
export function watchSessionEnd(username: string, returnTo: string): void {
  const socket = getSocket();
  const known = watched.has(socket);
  watched.set(socket, { username, returnTo });
  if (known) return;
  socket.on('session:ended', ({ reason }) => {
    // The app has already gone to the sign-in page (and `location` with it): the page is the one remembered.
    const page = watched.get(socket) ?? { username, returnTo };
    showSessionEnded(page.username, reason === 'expired' ? 'expired' : 'logout', page.returnTo);
  });
}

/**
 * When `error` says the session is gone (401), tells the person so, with their drafts' fate and the way back
 * to `returnTo`.
 */
export function sayIfSignedOut(error: unknown, username: string, returnTo: string): void {
  if (error instanceof ApiError && error.status === 401) showSessionEnded(username, 'expired', returnTo);
}
