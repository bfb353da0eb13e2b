// @vitest-environment happy-dom
import { describe, expect, it } from 'vitest';
import { avatar, button, chip, delegationHue, emptyState, initials, skeleton } from './ui.js';

describe('the design system components', () => {
  it('gives a delegation the same hue every time, and different delegations different hues', () => {
    expect(delegationHue('KAZ')).toBe(delegationHue('kaz'));
    const hues = ['KAZ', 'FRA', 'UZB', 'KOR', 'VNM', 'BRA', 'KEN', 'DEU'].map(delegationHue);
    for (const hue of hues) expect(hue >= 0 && hue < 360).toBe(true);
    expect(new Set(hues).size).toBe(hues.length);
  });

  it('draws an avatar with two initials, the full name to assistive technology, the delegation hue', () => {
    expect(initials('Aigerim Sadykova')).toBe('AS');
    expect(initials('Delegate, Kazakhstan')).toBe('DK');
    expect(initials('secretariat')).toBe('S');
    expect(initials('  ')).toBe('');
    const el = avatar('Aigerim Sadykova', 'KAZ');
    expect(el.textContent).toBe('AS');
    expect(el.getAttribute('role')).toBe('img');
    expect(el.getAttribute('aria-label')).toBe('Aigerim Sadykova');
    expect(el.style.getPropertyValue('--hue')).toBe(String(delegationHue('KAZ')));
    expect(avatar('Chair').classList.contains('avatar-neutral')).toBe(true);
  });

  it('makes buttons of a kind that are never accidental submits, and chips of a tone', () => {
    const b = button('danger', { class: 'extra' }, 'Delete');
    expect(b.type).toBe('button');
    expect(b.className).toBe('btn btn-danger extra');
    expect(chip('ok', 'Agreed').className).toBe('chip chip-ok');
  });

  it('says why a list is empty, and marks loading as busy', () => {
    expect(emptyState('No comments yet.').textContent).toBe('No comments yet.');
    const loading = skeleton(2, 'Loading');
    expect(loading.getAttribute('aria-busy')).toBe('true');
    expect(loading.getAttribute('role')).toBe('status');
    expect(loading.textContent).toBe('Loading');
    expect(loading.querySelectorAll('.skeleton-line[aria-hidden="true"]')).toHaveLength(2);
  });
});
