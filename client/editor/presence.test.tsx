// @vitest-environment happy-dom
import { render } from 'preact';
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import * as Y from 'yjs';
import { Awareness } from 'y-protocols/awareness';
import type { SessionUser } from '../../shared/api/auth.js';
import { initI18n } from '../i18n/index.js';
import { followPresence, presenceGroups, PresenceList } from './presence.js';

const CODES = ['ARG', 'BRA', 'CHN', 'DEU', 'EGY', 'FRA', 'GBR', 'IND', 'JPN', 'KAZ'];

function states(people: { delegation: string | null; role: string; name: string }[]): Map<number, unknown> {
  return new Map(people.map((p, i) => [1000 + i, { user: { userId: `u${i}`, color: '#0b4f9c', ...p } }]));
}

function drawn(groups: ReturnType<typeof presenceGroups>): HTMLElement {
  const host = document.createElement('div');
  render(<PresenceList groups={groups} />, host);
  return host;
}

describe('who is here', () => {
  beforeAll(() => initI18n());
  afterEach(() => vi.useRealTimers());

  it('shows one avatar per delegation with its count, and a role by its first letters', () => {
    const host = drawn(
      presenceGroups(
        states([
          { delegation: 'KAZ', role: 'delegate', name: 'Delegate, Kazakhstan' },
          { delegation: 'KAZ', role: 'head', name: 'Head, Kazakhstan' },
          { delegation: null, role: 'secretariat', name: 'Drafting Committee Secretariat' },
        ]),
      ),
    );
    const groups = [...host.querySelectorAll<HTMLElement>('.presence-group')];
    expect(groups.map((g) => g.dataset.group)).toEqual(['KAZ', 'role:secretariat']);
    expect(groups.map((g) => g.querySelector('.presence-avatar')!.textContent)).toEqual(['KAZ', 'SEC']);
    expect(groups[0]!.querySelector('.presence-count')!.textContent).toBe('2');
    expect(groups[1]!.querySelector('.presence-count')).toBeNull();
    expect(groups[0]!.title).toBe('KAZ: Delegate, Kazakhstan, Head, Kazakhstan');
    expect(host.querySelector('.presence-title')!.textContent).toBe('Who is here (3)');
    expect(host.querySelector('section.presence')!.getAttribute('aria-label')).toBe('Who is here');
  });

  it('keeps to eight places: past them, one "+N" names the rest', () => {
    const host = drawn(
      presenceGroups(states(CODES.map((code) => ({ delegation: code, role: 'head', name: `Head, ${code}` })))),
    );
    expect(host.querySelectorAll('.presence-group')).toHaveLength(7);
    const more = host.querySelector<HTMLElement>('.presence-more')!;
    expect(more.textContent).toContain('+3');
    expect(more.title).toBe('Also here: IND (Head, IND); JPN (Head, JPN); KAZ (Head, KAZ)');
  });

  it('tells who is here at once, with this person from their session, then at most four times a second', () => {
    vi.useFakeTimers();
    const awareness = new Awareness(new Y.Doc());
    const me = { id: 'me', displayName: 'Head, France', role: 'head', delegation: 'FRA' } as SessionUser;
    const told: string[][] = [];
    const stop = followPresence(awareness, me, (groups) => told.push(groups.map((g) => g.key)));
    expect(told).toEqual([['FRA']]);
    for (const [id, state] of states([
      { delegation: 'KAZ', role: 'head', name: 'Head, Kazakhstan' },
      { delegation: 'BRA', role: 'head', name: 'Head, Brazil' },
    ])) {
      awareness.states.set(id, state as Record<string, unknown>);
      awareness.emit('change', [{ added: [id], updated: [], removed: [] }, 'remote']);
    }
    expect(told).toHaveLength(1);
    vi.advanceTimersByTime(250);
    expect(told).toEqual([['FRA'], ['BRA', 'FRA', 'KAZ']]);
    stop();
    awareness.emit('change', [{ added: [], updated: [], removed: [] }, 'remote']);
    vi.advanceTimersByTime(250);
    expect(told).toHaveLength(2);
  });
});
