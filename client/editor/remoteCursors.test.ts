// @vitest-environment happy-dom
import countries from 'i18n-iso-countries';
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { applyAwarenessUpdate, Awareness, encodeAwarenessUpdate } from 'y-protocols/awareness';
import { presenceColor } from '../../shared/domain/presence.js';
import { ROLES } from '../../shared/domain/roles.js';
import { contrastWithWhite, CURSOR_LABEL_MS, labelColor, remoteCursors } from './remoteCursors.js';

describe('labelColor', () => {
  it('gives white label text AA contrast on every delegation’s and every role’s colour', () => {
    const codes = Object.keys(countries.getAlpha3Codes());
    expect(codes.length).toBeGreaterThan(240);
    const colours = [
      ...codes.map((code) => presenceColor('delegate', code)),
      ...ROLES.map((role) => presenceColor(role, null)),
    ];
    // Some of the server's colours are too light on their own (what the label used to show).
    expect(colours.filter((c) => contrastWithWhite(c) < 4.5).length).toBeGreaterThan(0);
    for (const colour of colours) expect(contrastWithWhite(labelColor(colour)), colour).toBeGreaterThanOrEqual(4.5);
  });

  it('keeps a colour already dark enough, and puts anything but a plain hex colour aside', () => {
    expect(labelColor('#1d4ed8')).toBe('#1d4ed8');
    expect(labelColor('red; background: url(x)')).toBe('#525252');
    expect(labelColor(undefined)).toBe('#525252');
  });
});

describe('remoteCursors', () => {
  const user = { name: 'Delegate, Kazakhstan', delegation: 'KAZ', color: '#8b8b18' };

  it('draws a caret with the name and delegation, hidden from screen readers, in an AA colour', () => {
    const { cursorBuilder } = remoteCursors(new Awareness(new Y.Doc()));
    const caret = cursorBuilder(user, 7);
    const label = caret.querySelector<HTMLElement>('.remote-cursor-label')!;
    expect(caret.dataset.client).toBe('7');
    expect(label.textContent).toBe('Delegate, Kazakhstan · KAZ');
    expect(label.getAttribute('aria-hidden')).toBe('true');
    expect(contrastWithWhite(labelColor(user.color))).toBeGreaterThanOrEqual(4.5);
    expect(label.style.backgroundColor).not.toBe('');
  });

  it('fades the label from when the caret last moved, and brings it back when it moves again', async () => {
    const awareness = new Awareness(new Y.Doc());
    const { cursorBuilder } = remoteCursors(awareness);
    const remote = new Awareness(new Y.Doc());
    const move = (anchor: number): void => {
      remote.setLocalState({ user, cursor: { anchor, head: anchor } });
      applyAwarenessUpdate(awareness, encodeAwarenessUpdate(remote, [remote.clientID]), 'server');
    };
    move(1);
    const caret = cursorBuilder(user, remote.clientID);
    document.body.append(caret);
    const label = caret.querySelector<HTMLElement>('.remote-cursor-label')!;
    const delay = (): number => parseFloat(label.style.animationDelay);
    expect(delay()).toBeGreaterThan(CURSOR_LABEL_MS - 100);

    await new Promise((r) => setTimeout(r, 300));
    // Drawn again in place (a change elsewhere): the fade goes on from where it was.
    const redrawn = cursorBuilder(user, remote.clientID).querySelector<HTMLElement>('.remote-cursor-label')!;
    expect(parseFloat(redrawn.style.animationDelay)).toBeLessThanOrEqual(CURSOR_LABEL_MS - 250);
    // Another state from the same caret that does not move it: nothing changes.
    const before = label.style.animationDelay;
    remote.setLocalStateField('user', { ...user, name: 'Delegate, Kazakhstan ' });
    applyAwarenessUpdate(awareness, encodeAwarenessUpdate(remote, [remote.clientID]), 'server');
    expect(label.style.animationDelay).toBe(before);
    // It moves: the label on the page starts again.
    move(2);
    expect(delay()).toBe(CURSOR_LABEL_MS);
    caret.remove();
  });
});
