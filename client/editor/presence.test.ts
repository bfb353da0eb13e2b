// @vitest-environment happy-dom
import { beforeAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { Awareness } from 'y-protocols/awareness';
import { initI18n } from '../i18n/index.js';
import { mountPresenceList } from './presence.js';

const CODES = ['ARG', 'BRA', 'CHN', 'DEU', 'EGY', 'FRA', 'GBR', 'IND', 'JPN', 'KAZ'];

function room(people: { delegation: string | null; role: string; name: string }[]): Awareness {
  const awareness = new Awareness(new Y.Doc());
  people.forEach((p, i) => awareness.states.set(1000 + i, { user: { userId: `u${i}`, color: '#0b4f9c', ...p } }));
  return awareness;
}

describe('who is here', () => {
  beforeAll(() => initI18n());

  it('shows one avatar per delegation with its count, and a role by its first letters', () => {
    const container = document.createElement('div');
    const stop = mountPresenceList(
      container,
      room([
        { delegation: 'KAZ', role: 'delegate', name: 'Delegate, Kazakhstan' },
        { delegation: 'KAZ', role: 'head', name: 'Head, Kazakhstan' },
        { delegation: null, role: 'secretariat', name: 'Drafting Committee Secretariat' },
      ]),
    );
    const groups = [...container.querySelectorAll<HTMLElement>('.presence-group')];
    expect(groups.map((g) => g.querySelector('.presence-avatar')!.textContent)).toEqual(['KAZ', 'SEC']);
    expect(groups[0]!.querySelector('.presence-count')!.textContent).toBe('2');
    expect(groups[1]!.querySelector('.presence-count')).toBeNull();
    expect(groups[0]!.title).toBe('KAZ: Delegate, Kazakhstan, Head, Kazakhstan');
    expect(container.querySelector('.presence-title')!.textContent).toBe('Who is here (3)');
    stop();
  });

  it('keeps to eight places: past them, one "+N" names the rest', () => {
    const container = document.createElement('div');
    const stop = mountPresenceList(
      container,
      room(CODES.map((code) => ({ delegation: code, role: 'head', name: `Head, ${code}` }))),
    );
    expect(container.querySelectorAll('.presence-group')).toHaveLength(7);
    const more = container.querySelector<HTMLElement>('.presence-more')!;
    expect(more.textContent).toContain('+3');
    expect(more.title).toBe('Also here: IND (Head, IND); JPN (Head, JPN); KAZ (Head, KAZ)');
    stop();
  });
});
