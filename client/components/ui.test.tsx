// @vitest-environment happy-dom
import { act } from 'preact/test-utils';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { mount } from './bridge.js';
import { Dialog, showDialog } from './dialog.js';
import { Avatar, Button, Chip, EmptyState, Skeleton } from './system.js';
import { mountToasts, toast } from './toasts.js';
import { delegationHue, initials } from './identity.js';

const drawn = (tree: preact.ComponentChild): HTMLElement => mount(tree).el.firstElementChild as HTMLElement;

describe('the design system components', () => {
  afterEach(() => {
    vi.useRealTimers();
    document.body.replaceChildren();
  });

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
    const el = drawn(<Avatar name="Aigerim Sadykova" delegation="KAZ" />);
    expect(el.textContent).toBe('AS');
    expect(el.getAttribute('role')).toBe('img');
    expect(el.getAttribute('aria-label')).toBe('Aigerim Sadykova');
    expect(el.style.getPropertyValue('--hue')).toBe(String(delegationHue('KAZ')));
    expect(drawn(<Avatar name="Chair" />).classList.contains('avatar-neutral')).toBe(true);
  });

  it('makes buttons of a kind that are never accidental submits, and chips of a tone', () => {
    const b = drawn(
      <Button kind="danger" class="extra">
        Delete
      </Button>,
    ) as HTMLButtonElement;
    expect(b.type).toBe('button');
    expect(b.className).toBe('btn btn-danger extra');
    expect(drawn(<Chip tone="ok">Agreed</Chip>).className).toBe('chip chip-ok');
  });

  it('says why a list is empty, and marks loading as busy', () => {
    expect(drawn(<EmptyState message="No comments yet." />).textContent).toBe('No comments yet.');
    const loading = drawn(<Skeleton lines={2} label="Loading" class="loading" />);
    expect(loading.className).toBe('skeleton loading');
    expect(loading.getAttribute('aria-busy')).toBe('true');
    expect(loading.getAttribute('role')).toBe('status');
    expect(loading.textContent).toBe('Loading');
    expect(loading.querySelectorAll('.skeleton-line[aria-hidden="true"]')).toHaveLength(2);
  });

  it('tells outcomes in one live region that outlives the page, each toast gone after its time', () => {
    vi.useFakeTimers();
    mountToasts();
    const region = document.querySelector('.toasts[role="status"][aria-live="polite"]')!;
    expect(region.children).toHaveLength(0);
    const saved = toast('Saved.', 'ok', 1000);
    // Handed back at once, for a caller that adds a control to it.
    expect(saved.isConnected).toBe(true);
    expect(saved.className).toBe('toast toast-ok');
    saved.append(' ', Object.assign(document.createElement('button'), { textContent: 'Undo' }));
    const failed = toast('Not saved.', 'danger', 3000);
    expect([...region.children]).toEqual([saved, failed]);
    vi.advanceTimersByTime(1000);
    expect([...region.children]).toEqual([failed]);
    // A toast its caller took away early is gone without a fuss when its time comes.
    failed.remove();
    vi.advanceTimersByTime(2000);
    expect(region.children).toHaveLength(0);
    expect(document.querySelectorAll('.toasts')).toHaveLength(1);
  });

  it('opens a modal dialog with its title and close button, and gives the focus back when it closes', async () => {
    const opener = document.body.appendChild(document.createElement('button'));
    opener.focus();
    const close = showDialog({ title: 'Keys', closeLabel: 'Close', class: 'sheet' }, (done) => (
      <button type="button" id="inside" onClick={done}>
        Done
      </button>
    ));
    const dialog = document.querySelector('dialog')!;
    expect(dialog.open).toBe(true);
    expect(dialog.className).toBe('dialog sheet');
    expect(document.getElementById(dialog.getAttribute('aria-labelledby')!)!.textContent).toBe('Keys');
    expect(dialog.querySelector('.dialog-close')!.textContent).toBe('Close');
    await act(() => close());
    await vi.waitFor(() => expect(document.querySelector('dialog')).toBeNull());
    expect(document.activeElement).toBe(opener);
  });

  it('is a component too: it opens as drawn and tells its owner when it closes', async () => {
    const closed = vi.fn();
    // On the page before it opens: a modal opens only from there.
    const { el } = mount(
      <Dialog title="Languages" closeLabel="Close" onClose={closed}>
        <p>Body</p>
      </Dialog>,
      document.body.appendChild(document.createElement('div')),
    );
    const dialog = el.querySelector('dialog')!;
    expect(dialog.open).toBe(true);
    await act(() => (dialog.querySelector('.dialog-close') as HTMLButtonElement).click());
    await vi.waitFor(() => expect(closed).toHaveBeenCalled());
  });
});
