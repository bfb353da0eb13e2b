import { describe, expect, it } from 'vitest';
import { linkSignIn, linkSignInStart, signInTarget } from './loginState.js';

describe('signing in', () => {
  it('returns to the page that asked for a session, and only to a page of this site', () => {
    expect(signInTarget('/documents/almaty-declaration?x=1')).toBe('/documents/almaty-declaration?x=1');
    expect(signInTarget(null)).toBe('/');
    expect(signInTarget('')).toBe('/');
    expect(signInTarget('//evil.example/phish')).toBe('/');
    expect(signInTarget('https://evil.example/')).toBe('/');
    expect(signInTarget('documents')).toBe('/');
  });

  it('says what a sign-in link is doing: exchanging its token, missing one, or refused and why', () => {
    expect(linkSignInStart(null)).toEqual({ kind: 'missing' });
    const start = linkSignInStart('abc');
    expect(start).toEqual({ kind: 'signing-in' });
    expect(linkSignIn(start, { type: 'refused', reason: 'The link has expired.' })).toEqual({
      kind: 'failed',
      reason: 'The link has expired.',
    });
    // Without a token nothing was sent, so no answer can change the page.
    expect(linkSignIn({ kind: 'missing' }, { type: 'refused', reason: 'x' })).toEqual({ kind: 'missing' });
  });
});
