// @vitest-environment happy-dom
import { act } from 'preact/test-utils';
import { describe, expect, it } from 'vitest';
import type { Component } from './component.js';
import { Drawn, Island, mount, mountView } from './bridge.js';

/** An older component that counts what is done to it. */
function counter(log: string[]): Component<number> {
  const el = document.createElement('output');
  return {
    el,
    update: (n) => {
      log.push(`update ${n}`);
      el.textContent = String(n);
    },
    destroy: () => log.push('destroy'),
  };
}

describe('the bridge between Preact and the older components', () => {
  it('mounts a Preact tree as a Component: update diffs over the same elements, destroy empties the host', () => {
    const mounted = mount(<p id="a">one</p>);
    const p = mounted.el.querySelector('#a');
    expect(mounted.el.className).toBe('mount');
    mounted.update(<p id="a">two</p>);
    expect(mounted.el.querySelector('#a')).toBe(p);
    expect(p?.textContent).toBe('two');
    mounted.destroy?.();
    expect(mounted.el.childNodes).toHaveLength(0);
  });

  it('gives a route its view: the title, the tree, and leaving unmounts it and runs the view’s own destroy', () => {
    const log: string[] = [];
    const view = mountView('Title', <h1>Hello</h1>, () => log.push('left'));
    expect(view.title).toBe('Title');
    expect(view.el.textContent).toBe('Hello');
    view.destroy?.();
    expect(view.el.textContent).toBe('');
    expect(log).toEqual(['left']);
  });

  it('hosts an older component in an island: made once, updated with new props, destroyed when it leaves', async () => {
    const log: string[] = [];
    let made = 0;
    const create = () => {
      made += 1;
      return counter(log);
    };
    const host = document.createElement('div');
    const mounted = mount(<Island create={create} props={1} />, host);
    await act(() => mounted.update(<Island create={create} props={2} />));
    await act(() => mounted.update(<Island create={create} props={2} />));
    expect(made).toBe(1);
    expect(host.querySelector('output')?.textContent).toBe('2');
    await act(() => mounted.update(null));
    expect(log).toEqual(['update 2', 'destroy']);
    expect(host.querySelector('output')).toBeNull();
  });

  it('draws an older element again only when what it is drawn from changes', async () => {
    let drawn = 0;
    const draw = (text: string) => () => {
      drawn += 1;
      const el = document.createElement('em');
      el.textContent = text;
      return el;
    };
    const item = { text: 'a' };
    const mounted = mount(<Drawn draw={draw(item.text)} from={[item]} inline />);
    await act(() => mounted.update(<Drawn draw={draw(item.text)} from={[item]} inline />));
    expect(drawn).toBe(1);
    expect(mounted.el.querySelector('span.mount > em')?.textContent).toBe('a');
    const changed = { text: 'b' };
    await act(() => mounted.update(<Drawn draw={draw(changed.text)} from={[changed]} inline />));
    expect(drawn).toBe(2);
    expect(mounted.el.textContent).toBe('b');
  });
});
