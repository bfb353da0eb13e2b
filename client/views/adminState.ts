import type { CreateUserRequest, DelegationJson, LoginLinkJson } from '../../shared/api/admin.js';
import type { AccountJson } from '../../shared/api/routes.js';
import { LANGUAGES } from '../../shared/domain/countries.js';
import { LANGUAGE_CODES, type LanguageCode } from '../../shared/domain/languages.js';
import { ROLES, type Role } from '../../shared/domain/roles.js';
import type { Actions } from '../api/actions.js';

/**
 * The admin page's state and what each event does to it (AdminView.tsx draws it), and what its forms send,
 * read from their fields: pure, with unit tests.
 */
export interface AdminState {
  delegations: DelegationJson[];
  users: AccountJson[];
  /** The login links generated last, for the printable sheet; null before any. */
  links: LoginLinkJson[] | null;
  /** How many times each form's addition succeeded: a form drawn under a new number starts with empty fields. */
  added: { delegation: number; user: number };
}

/** What the admin page's sections share: its state, its one reducer's dispatch, and its actions. */
export interface AdminPage {
  actions: Actions;
  state: AdminState;
  dispatch: (event: AdminEvent) => void;
  /** A delegation's name in the interface language. */
  name(code: string): string;
}

export type AdminEvent =
  /** The delegations and accounts read again (an account's languages changed). */
  | { type: 'loaded'; delegations: DelegationJson[]; users: AccountJson[] }
  /** A delegation or an account added, and the lists read again. */
  | { type: 'added'; form: 'delegation' | 'user'; delegations: DelegationJson[]; users: AccountJson[] }
  | { type: 'links'; links: LoginLinkJson[] };

export function adminStart(delegations: DelegationJson[], users: AccountJson[]): AdminState {
  return { delegations, users, links: null, added: { delegation: 0, user: 0 } };
}

export function adminReducer(state: AdminState, event: AdminEvent): AdminState {
  switch (event.type) {
    case 'loaded':
      return { ...state, delegations: event.delegations, users: event.users };
    case 'added':
      return {
        ...state,
        delegations: event.delegations,
        users: event.users,
        added: { ...state.added, [event.form]: state.added[event.form] + 1 },
      };
    case 'links':
      return { ...state, links: event.links };
  }
}

/** The role a new account is offered with: an observer reads, and nothing more (never an administrator). */
export const NEW_ACCOUNT_ROLE: Role = 'observer';

const text = (form: FormData, name: string): string => {
  const value = form.get(name);
  return typeof value === 'string' ? value : '';
};

/** The translation languages ticked in a group of boxes named `name`, in the list's order. */
export function chosenLanguages(form: FormData, name = 'translates'): LanguageCode[] {
  const ticked = form.getAll(name);
  return LANGUAGE_CODES.filter((code) => ticked.includes(code));
}

/** The new account as the form describes it; null when its role is not one (a tampered field). */
export function accountRequest(form: FormData): CreateUserRequest | null {
  const role = ROLES.find((r) => r === text(form, 'role'));
  if (!role) return null;
  const password = text(form, 'password');
  const email = text(form, 'email');
  return {
    username: text(form, 'username'),
    displayName: text(form, 'displayName'),
    role,
    delegation: text(form, 'delegation') || null,
    ...(password ? { password } : {}),
    translationLanguages: chosenLanguages(form),
    ...(email.trim() ? { email } : {}),
    language: LANGUAGES.find((lng) => lng === text(form, 'language')) ?? null,
  };
}

/** The request for login links: their lifetime, and the delegation when one is chosen (else everyone). */
export function linksRequest(form: FormData): { hours: number; delegation?: string } {
  const delegation = text(form, 'delegation');
  return { hours: Number(text(form, 'hours')), ...(delegation ? { delegation } : {}) };
}

/** The links as the sheet prints them: one group per delegation ('' for the staff), in the order they came. */
export function sheetGroups(links: readonly LoginLinkJson[]): [string, LoginLinkJson[]][] {
  const groups = new Map<string, LoginLinkJson[]>();
  for (const link of links) {
    const key = link.delegation ?? '';
    groups.set(key, [...(groups.get(key) ?? []), link]);
  }
  return [...groups];
}
