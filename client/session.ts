import type { SessionUser } from '../shared/api/auth.js';
import { ROUTES } from '../shared/api/routes.js';
import { PAGE_BOOT_ID, type PageBoot } from '../shared/protocol/pages.js';
import { call } from './api/http.js';
import { closeSocket } from './api/socket.js';

let current: SessionUser | null = null;

/** The signed-in person, or null. */
export function currentUser(): SessionUser | null {
  return current;
}

/**
 * Who the page says is signed in (`PageBoot`, written by the server into the page it sent), once; undefined
 * when the page carries no such block (a page served by something else, a test's).
 */
function pageBoot(): PageBoot | undefined {
  const block = document.getElementById(PAGE_BOOT_ID);
  if (!block) return undefined;
  block.remove();
  try {
    return JSON.parse(block.textContent ?? '') as PageBoot;
  } catch {
    return undefined;
  }
}

/**
 * Learns who is signed in (the session cookie is httpOnly, so only the server knows): from the page the server
 * sent, else by asking. The question is one a visitor without a session may ask: the answer is `null`, not a
 * 401 the browser logs as an error.
 */
export async function loadSession(): Promise<SessionUser | null> {
  const boot = pageBoot();
  if (boot) return (current = boot.user);
  try {
    current = (await call(ROUTES.session)).user;
  } catch {
    current = null;
  }
  return current;
}

export async function signIn(username: string, password: string): Promise<SessionUser> {
  current = (await call(ROUTES.login, { body: { username, password } })).user;
  closeSocket();
  return current;
}

export async function signInWithLink(token: string): Promise<SessionUser> {
  current = (await call(ROUTES.linkLogin, { body: { token } })).user;
  closeSocket();
  return current;
}

export async function signOut(): Promise<void> {
  try {
    await call(ROUTES.logout);
  } finally {
    current = null;
    closeSocket();
  }
}

/** Forgets the session locally (the server already ended it). */
export function dropSession(): void {
  current = null;
  closeSocket();
}
