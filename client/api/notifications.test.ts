import { describe, expect, it } from 'vitest';
import type { NotificationJson, NotificationListResponse } from '../../shared/api/notifications.js';
import { badgeText, centreReducer, EMPTY_CENTRE, type CentreState } from './notifications.js';

const n = (id: string, minute: number, readAt: string | null = null): NotificationJson => ({
  id,
  kind: 'vote_opened',
  documentId: 'd',
  params: { voteId: `v-${id}` },
  createdAt: `2026-01-01T10:${String(minute).padStart(2, '0')}:00.000Z`,
  readAt,
});
const page = (
  notifications: NotificationJson[],
  unread: number,
  next: string | null = null,
): NotificationListResponse => ({
  notifications,
  unread,
  next,
  email: { enabled: true, address: null, serverSends: false },
});
const loaded = (items: NotificationJson[], unread: number, next: string | null = null): CentreState =>
  centreReducer(EMPTY_CENTRE, { type: 'loaded', page: page(items, unread, next) });

describe('centreReducer', () => {
  it('takes the first page, then older pages after it, without repeating any', () => {
    let state = loaded([n('c', 3), n('b', 2)], 2, '2');
    expect(state).toMatchObject({ loaded: true, unread: 2, next: '2' });
    state = centreReducer(state, { type: 'more', page: page([n('b', 2), n('a', 1)], 2) });
    expect(state.items.map((x) => x.id)).toEqual(['c', 'b', 'a']);
    expect(state.next).toBeNull();
  });

  it('puts a pushed notification first with its count, once', () => {
    let state = loaded([n('a', 1)], 1);
    const added = { notification: n('b', 2), unread: 2 };
    state = centreReducer(state, { type: 'added', event: added });
    state = centreReducer(state, { type: 'added', event: added });
    expect(state.items.map((x) => x.id)).toEqual(['b', 'a']);
    expect(state.unread).toBe(2);
  });

  it('keeps what was pushed while the first page was read, and counts it', () => {
    let state = centreReducer(EMPTY_CENTRE, { type: 'added', event: { notification: n('c', 3), unread: 3 } });
    state = centreReducer(state, { type: 'loaded', page: page([n('b', 2), n('a', 1)], 2) });
    expect(state.items.map((x) => x.id)).toEqual(['c', 'b', 'a']);
    expect(state.unread).toBe(3);
    // A reload that already has it does not count it twice.
    state = centreReducer(state, { type: 'loaded', page: page([n('c', 3), n('b', 2)], 3) });
    expect(state.items.map((x) => x.id)).toEqual(['c', 'b']);
    expect(state.unread).toBe(3);
  });

  it('marks some or all read, leaving those read before as they were', () => {
    const earlier = '2026-01-01T09:00:00.000Z';
    let state = loaded([n('c', 3), n('b', 2), n('a', 1, earlier)], 2);
    state = centreReducer(state, { type: 'read', event: { ids: ['b'], readAt: 'T1', unread: 1 } });
    expect(state.items.map((x) => x.readAt)).toEqual([null, 'T1', earlier]);
    expect(state.unread).toBe(1);
    state = centreReducer(state, { type: 'read', event: { ids: 'all', readAt: 'T2', unread: 0 } });
    expect(state.items.map((x) => x.readAt)).toEqual(['T2', 'T1', earlier]);
    expect(state.unread).toBe(0);
  });

  it('keeps the e-mail preference of the first page until the person changes it', () => {
    const email = { address: 'a@example.org', enabled: true, serverSends: true };
    let state = centreReducer(EMPTY_CENTRE, { type: 'loaded', page: { ...page([], 0), email } });
    state = centreReducer(state, { type: 'more', page: page([], 0) });
    expect(state.email).toEqual(email);
    state = centreReducer(state, { type: 'email', email: { ...email, enabled: false } });
    expect(state.email).toEqual({ ...email, enabled: false });
  });
});

describe('badgeText', () => {
  it.each([
    [0, ''],
    [1, '1'],
    [9, '9'],
    [10, '9+'],
  ])('%i → %s', (count, text) => expect(badgeText(count)).toBe(text));
});
