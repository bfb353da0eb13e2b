// @vitest-environment happy-dom
import { describe, expect, it } from 'vitest';
import { mount } from './bridge.js';
import { CountryFlag, flagUrl } from './flag.js';
import { DelegationTag } from './negotiationParts.js';

/** Regional indicator letters: the emoji flags that draw as empty boxes without an emoji font. */
const EMOJI_FLAG = /[\u{1F1E6}-\u{1F1FF}]/u;

const drawn = (code: string): HTMLElement => mount(<CountryFlag code={code} />).el.firstElementChild as HTMLElement;

describe('CountryFlag', () => {
  it("draws a State's flag as an SVG file with its ISO code as text beside it", () => {
    const el = drawn('KAZ');
    expect(el.className).toBe('flag');
    expect(el.dataset.code).toBe('KAZ');
    const img = el.querySelector('img')!;
    expect(img.getAttribute('src')).toMatch(/\/kz(-[\w-]+)?\.svg(\?[\w&=-]*)?$/);
    expect(img.getAttribute('alt')).toBe('');
    expect(img.getAttribute('loading')).toBe('lazy');
    expect(el.querySelector('.flag-code')!.textContent).toBe('KAZ');
    expect(el.textContent).toBe('KAZ');
    expect(el.textContent).not.toMatch(EMOJI_FLAG);
  });

  it('has a file for every delegation of the demo conference and for the observer States', async () => {
    const { default: codes } = await import('../../data/seed/delegations.json', { with: { type: 'json' } });
    for (const code of [...(codes as string[]), 'VAT', 'PSE'])
      expect(flagUrl(code), code).toMatch(/\.svg(\?[\w&=-]*)?$/);
  });

  it('draws only the code for a code without a flag, and never a path from the code', () => {
    expect(flagUrl('XYZ')).toBeNull();
    expect(flagUrl('../kz')).toBeNull();
    const el = drawn('XYZ');
    expect(el.querySelector('img')).toBeNull();
    expect(el.textContent).toBe('XYZ');
  });
});

const tag = (code: string): HTMLElement => mount(<DelegationTag code={code} />).el.firstElementChild as HTMLElement;

describe('where delegations are drawn', () => {
  it('the delegation tag shows the image and the code, not an emoji', () => {
    const el = tag('KOR');
    expect(el.querySelector('img.flag-img')!.getAttribute('src')).toMatch(/\/kr(-[\w-]+)?\.svg(\?[\w&=-]*)?$/);
    expect(el.textContent).toBe('KOR');
    expect(el.textContent).not.toMatch(EMOJI_FLAG);
  });

  it("gives the tag the State's UN name as its title", () => {
    expect(tag('KOR').getAttribute('title')).toBe('Republic of Korea');
  });
});
