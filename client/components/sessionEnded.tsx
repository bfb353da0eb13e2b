import '../styles/drafts.css';
import { render } from 'preact';
import { ApiError } from '../api/http.js';
import { getSocket, type AccordSocket } from '../api/socket.js';
import { navigate } from '../router.js';
import { draftStore, type DraftStore } from './drafts.js';
import { nt } from './negotiationKit.js';

/** Why the session ended: signed out (in another tab or window), or it expired. */
export type EndReason = 'logout' | 'expired';

/** Where the notice is drawn: outside every view, so it stays over the page the app goes to next. */
let host: HTMLElement | null = null;

function dismiss(): void {
  if (!host) return;
  render(null, host);
  host.remove();
  host = null;
}

interface NoticeProps {
  reason: EndReason;
  /** How many of the person's drafts this device keeps. */
  kept: number;
  returnTo: string;
}

/** The notice: why the session ended, what became of the drafts, the way back to them, and "Dismiss". */
export function SessionEndedNotice({ reason, kept, returnTo }: NoticeProps) {
  return (
    <div id="session-ended" class="session-ended" role="alert">
      <p>
        {nt(reason === 'logout' ? 'session.signedOut' : 'session.expired')}{' '}
        {kept ? nt('session.draftsKept', { count: kept }) : nt('session.nothingKept')}
      </p>
      <p class="form-row">
        {kept ? (
          <a
            href={returnTo}
            onClick={(e) => {
              e.preventDefault();
              dismiss();
              // Not signed in, the app asks for the session first and comes back here after it.
              navigate(returnTo);
            }}
          >
            {nt('session.backToDraft')}
          </a>
        ) : null}
        <button type="button" class="small" onClick={dismiss}>
          {nt('session.dismiss')}
        </button>
      </p>
    </div>
  );
}

/**
 * Tells the person their session ended, and whether what they had not sent is kept on this device, in a
 * notice that stays over whatever page the app goes to next (the sign-in page), with a way back to `returnTo`
 * (after signing in) and a button to dismiss it. Replaces an earlier notice; returns the notice's element.
 */
export function showSessionEnded(
  username: string,
  reason: EndReason,
  returnTo: string,
  store: DraftStore = draftStore(),
): HTMLElement {
  dismiss();
  host = document.createElement('div');
  host.className = 'mount';
  document.body.append(host);
  render(<SessionEndedNotice reason={reason} kept={store.count(username)} returnTo={returnTo} />, host);
  return host.firstElementChild as HTMLElement;
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
