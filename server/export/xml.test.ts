import { describe, expect, it } from 'vitest';
import { el, escapeAttribute, escapeText, fragment, htmlEl, trusted, xmlSafe } from './xml.js';

describe('xml builder', () => {
  it('escapes text and attribute values', () => {
    expect(escapeText('<img src=x onerror=alert(1)> & ]]>')).toBe('&lt;img src=x onerror=alert(1)&gt; &amp; ]]&gt;');
    expect(escapeAttribute(`a "quoted" 'value'\n&`)).toBe("a &#34;quoted&#34; 'value'&#10;&amp;");
    expect(el('p', { title: '"><script>' }, '<script>alert(1)</script>').value).toBe(
      '<p title="&#34;&gt;&lt;script&gt;">&lt;script&gt;alert(1)&lt;/script&gt;</p>',
    );
  });

  it('keeps right-to-left text and emoji, and drops only what XML cannot carry', () => {
    expect(escapeText('שלום السلام 🌍 қ')).toBe('שלום السلام 🌍 қ');
    expect(xmlSafe('a\u0000b\u0008c\u000Bd\uFFFEe\uD800f\tg\nh')).toBe('abcdef\tg\nh');
  });

  it('nests markup, skips empty children and writes empty elements', () => {
    const markup = el('a', { x: 1, y: null, z: false, w: true }, el('b', null), null, false, ['t', el('c', null, 'u')]);
    expect(markup.value).toBe('<a x="1" w="w"><b/>t<c>u</c></a>');
    expect(htmlEl('span', null).value).toBe('<span></span>');
    expect(htmlEl('meta', { charset: 'utf-8' }).value).toBe('<meta charset="utf-8">');
    expect(fragment(trusted('<!DOCTYPE html>'), 'x<').value).toBe('<!DOCTYPE html>x&lt;');
  });

  it('refuses element and attribute names that would inject markup', () => {
    expect(() => el('p onclick="x"', null)).toThrow(RangeError);
    expect(() => el('p', { 'onclick="x" a': '1' })).toThrow(RangeError);
  });
});
