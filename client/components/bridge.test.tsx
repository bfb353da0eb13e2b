// @vitest-environment happy-dom
import { act } from 'preact/test-utils';
import { describe, expect, it } from 'vitest';
import { Drawn, mount, mountView } from './bridge.js';

describe('where Preact meets elements made otherwise', () => {
  it('mounts a Preact tree in a host: update diffs over the same elements, destroy empties the host', () => {
    const mounted = mount(<p id="a">one</p>);
    const p = mounted.el.querySelector('#a');
    expect(mounted.el.className).toBe('mount');
    mounted.update(<p id="a">two</p>);
    expect(mounted.el.querySelector('#a')).toBe(p);
    expect(p?.textContent).toBe('two');
    mounted.destroy();
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

  it('draws an element made by other code again only when what it is drawn from changes', async () => {
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
