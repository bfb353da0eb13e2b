/**
 * The sign-in pages' state and rules, apart from their drawing (LoginView.tsx): pure, with unit tests.
 */

/**
 * Where a person goes once signed in: the page that asked for a session (`?next=`) when it is a path of this
 * site, else home. `//host/…` is another site's address, so it is refused like any absolute URL.
 */
export function signInTarget(next: string | null): string {
  return next && next.startsWith('/') && !next.startsWith('//') ? next : '/';
}

/** A one-time sign-in link's page: exchanging the token, no token in the address, or refused (and why). */
export type LinkSignIn = { kind: 'signing-in' } | { kind: 'missing' } | { kind: 'failed'; reason: string };

export type LinkSignInEvent = { type: 'refused'; reason: string };

/** The page as it opens, from the token its address carries (or none). */
export function linkSignInStart(token: string | null): LinkSignIn {
  return token ? { kind: 'signing-in' } : { kind: 'missing' };
}

/** The page after the server's answer. Success navigates away, so only a refusal changes it. */
export function linkSignIn(state: LinkSignIn, event: LinkSignInEvent): LinkSignIn {
  return state.kind === 'signing-in' ? { kind: 'failed', reason: event.reason } : state;
}
