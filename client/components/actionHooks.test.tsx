// @vitest-environment happy-dom
import { act } from 'preact/test-utils';
import { describe, expect, it } from 'vitest';
import { Actions } from '../api/actions.js';
import { ActionButton, ActionError } from './actionHooks.js';
import { mount } from './bridge.js';

/** An action that runs until `finish` is called, failing with `error` if one is given. */
function pending(actions: Actions, name: string) {
  let finish!: (error?: Error) => void;
  const done = actions.run(
    name,
    () => new Promise<void>((resolve, reject) => (finish = (error) => (error ? reject(error) : resolve()))),
  );
  return { finish, done };
}

describe('the Preact side of actions', () => {
  it('disables the bound button while its action runs, and gives it the focus back when the page took it', async () => {
    const actions = new Actions();
    const host = document.createElement('div');
    document.body.append(host);
    mount(
      <ActionButton actions={actions} name="save" id="save">
        Save
      </ActionButton>,
      host,
    );
    const button = host.querySelector<HTMLButtonElement>('#save')!;
    button.focus();
    let run!: ReturnType<typeof pending>;
    await act(() => {
      run = pending(actions, 'save');
    });
    expect(button.disabled).toBe(true);
    expect(button.getAttribute('aria-busy')).toBe('true');
    button.blur(); // as Chrome does with a disabled button
    await act(async () => {
      run.finish();
      await run.done;
    });
    expect(button.disabled).toBe(false);
    expect(button.hasAttribute('aria-busy')).toBe(false);
    expect(document.activeElement).toBe(button);
    host.remove();
  });

  it('shows the first error of its actions in one element, and says the status while there is none', async () => {
    const actions = new Actions();
    const mounted = mount(
      <ActionError actions={actions} names={['read', 'create']} role="status" class="status-line">
        {actions.isBusy('read') ? 'Reading…' : undefined}
      </ActionError>,
    );
    const line = mounted.el.querySelector('p')!;
    expect(line.getAttribute('role')).toBe('status');
    expect(line.className).toBe('action-error status-line');
    await act(async () => {
      await actions.run('create', () => Promise.reject(new Error('The symbol is taken.')));
    });
    expect(mounted.el.querySelector('p')).toBe(line);
    expect(line.textContent).toBe('The symbol is taken.');
    expect(line.classList.contains('form-error')).toBe(true);
    await act(() => actions.clear('create'));
    expect(line.textContent).toBe('');
  });
});
