import { describe, expect, it, vi } from 'vitest';
import ru from './locales/ru/common.json' with { type: 'json' };

vi.mock('./index.js', () => ({
  t: (key: string) => (key === 'document.kind.title' ? ru.document.kind.title : key),
}));
const { refLabel } = await import('./clauseRefs.js');

describe('refLabel', () => {
  it('names the title in the reader’s language, not as the English word of the data', () => {
    expect(refLabel('Title')).toBe('Название');
  });

  it('keeps the references delegates cite as they are', () => {
    for (const ref of ['PP2', 'OP3', 'H1', 'Annex I']) expect(refLabel(ref)).toBe(ref);
  });
});
