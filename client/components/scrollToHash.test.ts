import { afterEach, describe, expect, it, vi } from 'vitest';
import { scrollToHash } from './scrollToHash.js';

describe('scrollToHash', () => {
  afterEach(() => vi.unstubAllGlobals());

  it('ignores a hash with a malformed escape instead of throwing out of the view', () => {
    const frame = vi.fn();
    vi.stubGlobal('location', { hash: '#%E0%A4%A' });
    vi.stubGlobal('requestAnimationFrame', frame);
    expect(() => scrollToHash({} as HTMLElement)).not.toThrow();
    expect(frame).not.toHaveBeenCalled();
  });

  it('scrolls to the element a well-formed hash names, once the view is drawn', () => {
    const target = { scrollIntoView: vi.fn() };
    vi.stubGlobal('location', { hash: '#clause-op%201' });
    vi.stubGlobal('requestAnimationFrame', (fn: () => void) => fn());
    vi.stubGlobal('document', { getElementById: (id: string) => (id === 'clause-op 1' ? target : null) });
    scrollToHash({ contains: () => true } as unknown as HTMLElement);
    expect(target.scrollIntoView).toHaveBeenCalledWith({ block: 'start' });
  });
});
